import { t } from '../i18n.js';
import { queryGroups } from '../search/query.js';
import { type Command, notice } from './reply.js';

/** `contact <name, role or organisation>`: who they are and when and how the team was in touch. */
export const contact: Command = ({ text }, { index, locale }) => {
  const m = t(locale);
  const hits = index.contacts.find(queryGroups(text));
  if (hits.length === 0) return notice('contact', text, locale, m.contactNone(text));
  return { type: 'contacts', command: 'contact', query: text, locale, title: m.contactTitle(text), contacts: hits.map((h) => h.contact) };
};
