import { formatSpan, KIND_LABELS, t } from '../i18n.js';
import { type Command, notice } from './reply.js';

/** `search <text>`: free text over everything, Swedish or English, best first. */
export const search: Command = ({ text, kind }, { index, locale }) => {
  const m = t(locale);
  const { entries, period } = index.search(text, { kind });
  const label = kind ? `${text} · ${KIND_LABELS[kind][locale]}` : text;
  if (entries.length === 0) return notice('search', text, locale, m.searchNone(label));
  return {
    type: 'entries',
    command: 'search',
    query: text,
    locale,
    title: m.searchTitle(label),
    description: period ? `${m.period}: ${formatSpan(period.start, period.end, locale)}` : undefined,
    entries,
  };
};
