import { formatSpan, t } from '../i18n.js';
import { commandAnswer } from '../question/select.js';
import { isUnsupported, readPeriod } from '../search/period.js';
import { notice } from './reply.js';

import { type CommandSpec, localName } from './spec.js';

/** `timeline <period>`: the entries in a year, season, month or range, in date order. */
export const timeline: CommandSpec = {
  name: 'timeline',
  sv: 'tidslinje',
  code: 't',
  description: { en: 'Activities in a period, in date order', sv: 'Aktiviteter under en period, i datumordning' },
  help: { en: 'Activities in a period. `/timeline spring 2017`', sv: 'Aktiviteter under en period. `/tidslinje våren 2017`' },
  usage: '<period>',
  options: [
    {
      role: 'text',
      name: 'period',
      sv: 'period',
      description: { en: 'A year, season or month, e.g. spring 2017', sv: 'Ett år, en termin eller månad, t.ex. våren 2017' },
      required: true,
      autocomplete: 'period',
    },
  ],
  shareable: true,
  run: ({ text }, { index, locale }) => {
    const m = t(locale);
    const read = readPeriod(text);
    if (isUnsupported(read)) return notice('timeline', text, locale, m.periodUnsupported(read.unsupported), true);
    const period = read;
    if (!period) return notice('timeline', text, locale, m.badPeriod(text, `/${localName(timeline, locale)}`), true);
    const label = formatSpan(period.start, period.end, locale);
    const entries = index.timeline(period);
    if (entries.length === 0) return notice('timeline', text, locale, m.timelineNone(label));
    const answer = commandAnswer('what-happened', entries);
    return { type: 'entries', command: 'timeline', query: text, locale, title: m.timelineTitle(label), entries, span: { start: period.start, end: period.end }, answer };
  },
};
