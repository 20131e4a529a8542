import { t } from '../i18n.js';
import { queryGroups } from '../search/query.js';
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
    const hits = index.contacts.find(queryGroups(text));
    if (hits.length === 0) return notice('contact', text, locale, m.contactNone(text));
    return { type: 'contacts', command: 'contact', query: text, locale, title: m.contactTitle(text), contacts: hits.map((h) => h.contact) };
  },
};
