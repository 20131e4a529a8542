import { KINDS } from '../data/schema.js';
import { formatSpan, KIND_LABELS, t } from '../i18n.js';
import { commandAnswer } from '../question/select.js';
import { notice } from './reply.js';
import type { CommandSpec } from './spec.js';

/** `search <text>`: free text over everything, Swedish or English, best first. */
export const search: CommandSpec = {
  name: 'search',
  sv: 'sök',
  code: 's',
  description: { en: 'Free-text search of the record, in Swedish or English', sv: 'Fritextsökning i protokollet, på svenska eller engelska' },
  help: { en: 'Free-text search. `/search citizen service`', sv: 'Fritextsökning. `/sök medborgarservice`' },
  usage: '<text>',
  options: [
    {
      role: 'text',
      name: 'query',
      sv: 'sökord',
      description: { en: 'What to look for, e.g. citizen service', sv: 'Vad du letar efter, t.ex. medborgarservice' },
      required: true,
    },
    {
      role: 'kind',
      name: 'kind',
      sv: 'typ',
      description: { en: 'Only entries of this kind', sv: 'Bara aktiviteter av den här typen' },
      required: false,
      choices: KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] })),
    },
  ],
  shareable: true,
  run: ({ text, kind }, { index, locale }) => {
    const m = t(locale);
    const { entries, period } = index.search(text, { kind });
    if (entries.length === 0) return notice('search', text, locale, m.searchNone(kind ? `${text} · ${KIND_LABELS[kind][locale]}` : text));
    return {
      type: 'entries',
      command: 'search',
      query: text,
      locale,
      title: m.searchTitle(text),
      description: period ? `${m.period}: ${formatSpan(period.start, period.end, locale)}` : undefined,
      entries,
      kind,
      answer: commandAnswer('which', entries),
    };
  },
};
