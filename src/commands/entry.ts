import { t } from '../i18n.js';
import { notice } from './reply.js';
import type { CommandSpec } from './spec.js';

/** `entry <id or title>`: one entry in full, quoting the record. Autocomplete sends the id. */
export const entry: CommandSpec = {
  name: 'entry',
  sv: 'aktivitet',
  code: 'e',
  description: { en: 'One activity in full, quoting the record', sv: 'En aktivitet i sin helhet, med protokollets ord' },
  help: {
    en: 'One activity in full, quoting the record. `/entry Study trip Motala`',
    sv: 'En aktivitet i sin helhet, med protokollets ord. `/aktivitet Studieresa Motala`',
  },
  usage: '<id or title>',
  options: [
    {
      role: 'text',
      name: 'title',
      sv: 'titel',
      description: { en: 'Start typing a title, place or period', sv: 'Börja skriva en titel, plats eller period' },
      required: true,
      autocomplete: 'title',
    },
  ],
  shareable: true,
  run: ({ text }, { index, locale }) => {
    // An id (what autocomplete sends), a title, or words that all match one entry: "Studieresa till Kiruna" is not
    // the Motala trip just because it starts the same way.
    const found = index.entryFor(text);
    if (!found) return notice('entry', text, locale, t(locale).entryNone(text));
    return { type: 'entry', command: 'entry', query: text, locale, title: found.title, entry: found };
  },
};
