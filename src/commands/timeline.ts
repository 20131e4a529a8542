import { formatSpan, t } from '../i18n.js';
import { parsePeriod } from '../search/period.js';
import { type Command, notice } from './reply.js';

/** `timeline <period>`: the entries in a year, season, month or range, in date order. */
export const timeline: Command = ({ text }, { index, locale }) => {
  const m = t(locale);
  const period = parsePeriod(text);
  if (!period) return notice('timeline', text, locale, m.badPeriod(text), true);
  const label = formatSpan(period.start, period.end, locale);
  const entries = index.timeline(period);
  if (entries.length === 0) return notice('timeline', text, locale, m.timelineNone(label));
  return { type: 'entries', command: 'timeline', query: text, locale, title: m.timelineTitle(label), entries, span: { start: period.start, end: period.end } };
};
