// `npm run report -- [PERIOD] [--format md|docx|txt] [--out FILE]`: "Genomförda aktiviteter" for a period (default:
// the whole record) from the store (DATABASE_FILE, seeded from DATA_FILE on first start). Text and Markdown go to
// standard output unless --out is given; a .docx is written to --out or to a file named after the title.
import { writeFileSync } from 'node:fs';
import { config } from 'dotenv';
import { DataError } from '../data/load.js';
import { dataFilePath } from '../data/source.js';
import { databaseFilePath } from '../store/path.js';
import { openStore } from '../store/store.js';
import { buildReport, recordPeriod, reportPeriod } from './build.js';
import { renderReport, REPORT_FORMATS, type ReportFormat } from './render.js';

config({ quiet: true });
const USAGE = 'usage: npm run report -- [PERIOD, e.g. 2016-2018 or "våren 2017"] [--format md|docx|txt] [--out FILE]';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const args = process.argv.slice(2);
const format = (option(args, '--format') ?? 'txt') as ReportFormat;
const out = option(args, '--out');
const periodText = args.filter((a, i) => !a.startsWith('--') && !['--format', '--out'].includes(args[i - 1] ?? '')).join(' ');
if (!REPORT_FORMATS.includes(format)) {
  console.error(`unknown format "${format}"\n${USAGE}`);
  process.exit(2);
}
const period = periodText ? reportPeriod(periodText) : null;
if (periodText && !period) {
  console.error(`"${periodText}" names no period\n${USAGE}`);
  process.exit(2);
}
try {
  const store = await openStore(databaseFilePath(), { seed: dataFilePath(), pollMs: 0 });
  try {
    const record = store.exportJson();
    const report = buildReport(record, period ?? recordPeriod(record.entries));
    const file = await renderReport(report, format);
    if (out || format === 'docx') {
      const target = out ?? file.fileName;
      writeFileSync(target, file.data);
      console.error(`${report.entries} activities, ${report.span.start}..${report.span.end}: wrote ${target}`);
    } else process.stdout.write(file.data);
  } finally {
    store.close();
  }
} catch (error) {
  console.error(error instanceof DataError ? error.message : String(error));
  process.exitCode = 1;
}
