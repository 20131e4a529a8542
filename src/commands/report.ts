import { buildReport, recordPeriod, reportPeriod } from '../report/build.js';
import { t } from '../i18n.js';
import { notice } from './reply.js';
import { type CommandSpec, localName } from './spec.js';

/**
 * `report [period]`: "Genomförda aktiviteter" for a period (default: the whole record) in the record's own layout.
 * The command builds the report; each door delivers it its own way (Discord: Markdown and .docx attachments).
 */
export const report: CommandSpec = {
  name: 'report',
  sv: 'rapport',
  code: 'r',
  description: { en: 'The activities report for a period, as Markdown and Word files', sv: 'Rapporten över genomförda aktiviteter för en period, som Markdown- och Word-fil' },
  help: {
    en: '"Genomförda aktiviteter" for a period, as files. `/report 2016-2018`',
    sv: '”Genomförda aktiviteter” för en period, som filer. `/rapport 2016-2018`',
  },
  usage: '[period]',
  options: [
    {
      role: 'text',
      name: 'period',
      sv: 'period',
      description: { en: 'e.g. 2016-2018 or spring 2017 (default: the whole record)', sv: 't.ex. 2016-2018 eller våren 2017 (annars hela protokollet)' },
      required: false,
      autocomplete: 'period',
    },
  ],
  shareable: true,
  run: ({ text }, { index, locale }) => {
    const period = text ? reportPeriod(text) : recordPeriod(index.entries);
    if (!period) return notice('report', text, locale, t(locale).badPeriod(text, `/${localName(report, locale)}`), true);
    const built = buildReport(index.record, period);
    if (built.entries === 0) return notice('report', text, locale, t(locale).timelineNone(period.label));
    return { type: 'report', command: 'report', query: text, locale, title: built.title, report: built };
  },
};
