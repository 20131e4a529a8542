import { t } from '../i18n.js';
import { commandAnswer } from '../question/select.js';
import { fold, words } from '../search/text.js';
import { notice } from './reply.js';
import type { CommandSpec } from './spec.js';

/** `contact <name, role or organisation>`: who they are and when and how the team was in touch. */
export const contact: CommandSpec = {
  name: 'contact',
  sv: 'kontakt',
  code: 'c',
  description: {
    en: 'People and organisations: roles, and when the team was in touch',
    sv: 'Personer och organisationer: roller och när teamet hade kontakt',
  },
  help: {
    en: 'People and organisations, their roles, and when we were in touch. `/contact project lead`',
    sv: 'Personer och organisationer, roller och när vi hade kontakt. `/kontakt projektledare`',
  },
  usage: '<name, role or organisation>',
  options: [
    {
      role: 'text',
      name: 'who',
      sv: 'vem',
      description: { en: 'A name, role or organisation, e.g. projektledare', sv: 'Ett namn, en roll eller organisation, t.ex. projektledare' },
      required: true,
      autocomplete: 'who',
    },
  ],
  shareable: true,
  run: ({ text }, { index, locale }) => {
    const m = t(locale);
    const { hits, didYouMean } = index.contacts.lookup(text);
    if (hits.length === 0) {
      // "Julia Svensson" is not Julia Larsson, but she may have been meant.
      const suggestion = didYouMean?.name ? ` ${m.contactDidYouMean(didYouMean.name)}` : '';
      return notice('contact', text, locale, `${m.contactNone(text)}${suggestion}`);
    }
    // A query that names a person or an organisation exactly ("Regionbibliotek Östergötland") is about them, not
    // about everyone who shares one of its words (Julia Larsson, also in Östergötland).
    const key = words(fold(text)).join(' ');
    const named = index.contacts.namedExactly(key);
    const exact = named.size === 0 ? [] : hits.filter((h) => named.has(h.contact));
    const contacts = (exact.length > 0 ? exact : hits).map((h) => h.contact);
    const answer = commandAnswer('who', [], { contacts: { index, contacts } });
    return { type: 'contacts', command: 'contact', query: text, locale, title: m.contactTitle(text), contacts, answer };
  },
};
