import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRecordFile } from '../src/data/load.js';
import { buildReport, recordPeriod, reportPeriod } from '../src/report/build.js';
import { renderReport } from '../src/report/render.js';
import { reportMarkdown, reportText } from '../src/report/text.js';
import { zipEntries } from './helpers/zip-entries.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const record = loadRecordFile();
const recordText = readFileSync(join(ROOT, 'data/record.txt'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'projektminne-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Non-blank lines with whitespace (no-break spaces included) collapsed. */
const lineSet = (text: string) => new Set(text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean));
/** Paragraphs (blank-line separated) with all whitespace, line breaks within a paragraph too, collapsed. */
const paragraphSet = (text: string) => new Set(text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean));

function similarity(ours: Set<string>, theirs: Set<string>) {
  const shared = [...theirs].filter((l) => ours.has(l));
  return { shared: shared.length, theirs: theirs.size, ours: ours.size, jaccard: shared.length / new Set([...ours, ...theirs]).size, missing: [...theirs].filter((l) => !ours.has(l)) };
}

describe('Genomförda aktiviteter', () => {
  it('2016-2018 from the shipped data reads like data/record.txt', () => {
    const report = buildReport(record, reportPeriod('2016-2018')!);
    const text = reportText(report);
    const lines = similarity(lineSet(text), lineSet(recordText));
    const paragraphs = similarity(paragraphSet(text), paragraphSet(recordText));
    console.log(
      `report vs record.txt, lines: ${lines.shared} of the record's ${lines.theirs} as they are (report: ${lines.ours}), Jaccard ${(lines.jaccard * 100).toFixed(1)} %\n` +
        `  record lines not in the report (wrapped differently):\n    ${lines.missing.join('\n    ')}\n` +
        `report vs record.txt, paragraphs with whitespace normalised: ${paragraphs.shared} of ${paragraphs.theirs} (report: ${paragraphs.ours}), Jaccard ${(paragraphs.jaccard * 100).toFixed(1)} %`,
    );
    expect(report.entries).toBe(22);
    expect(report.title).toBe('Genomförda aktiviteter inom projektet 2016-2018');
    // Paragraph for paragraph the report is the record: every word, in order, under the same headings.
    expect(paragraphs.jaccard).toBe(1);
    // Line for line it differs only where the record wraps a paragraph by hand (three paragraphs over two lines)
    // or runs two activities into one line (Sundsvall and Härnösand), which the entries do not keep.
    expect(lines.shared).toBeGreaterThanOrEqual(18);
    expect(lines.jaccard).toBeGreaterThanOrEqual(0.58);
    for (const line of ['Studiebesök och intervjuer', 'Våren 2017, telefonintervjuer med:', 'Digidelcenter Motala bibliotek. Julia Larsson, projektledare.', 'Våren 2018:']) expect(lineSet(text)).toContain(line);
  });

  it('a period keeps the activities that overlap it, in date order within each section', () => {
    const report = buildReport(record, reportPeriod('hösten 2017')!);
    expect(report.title).toBe('Genomförda aktiviteter inom projektet hösten 2017');
    const text = reportText(report);
    expect(text).toContain('Hösten 2017: Studieresa till DigidelCenter på Motala bibliotek');
    expect(text).toContain('September 2017: Samtal med Länsbibliotek Västerbotten');
    expect(text).not.toContain('Våren 2017');
    expect(report.entries).toBe(3);
    expect(recordPeriod(record.entries)).toEqual({ start: '2016-01', end: '2018-12', label: '2016-2018' });
  });

  it('an entry whose source is not a dated line is written as date, title and people', () => {
    const entry = { ...record.entries[11]!, id: 'logged', source: 'Logged from Discord', period: { label: 'Hösten 2018', start: '2018-07', end: '2018-12' } };
    const report = buildReport({ record: record.record, entries: [entry] }, reportPeriod('2018')!);
    expect(reportText(report)).toContain('Hösten 2018: Telefonintervju med Digidelcenter Motala bibliotek. Julia Larsson, projektledare.');
  });

  it('Markdown: the title a heading, the interviews a list, record text escaped', () => {
    const md = reportMarkdown(buildReport(record));
    expect(md.startsWith('# Genomförda aktiviteter inom projektet 2016-2018\n')).toBe(true);
    expect(md).toContain('## Studiebesök och intervjuer');
    expect(md).toContain('Våren 2017, telefonintervjuer med:\n\n- Digidelcenter Motala bibliotek. Julia Larsson, projektledare.');
    const odd = buildReport({ record: record.record, entries: [{ ...record.entries[0]!, source: 'Våren 2016: Enkät *alla* [bibliotek]' }] });
    expect(reportMarkdown(odd)).toContain('Våren 2016: Enkät \\*alla\\* \\[bibliotek\\]');
  });

  it('the .docx is a zip with word/document.xml holding every activity line', async () => {
    const report = buildReport(record);
    const { fileName, data } = await renderReport(report, 'docx');
    expect(fileName).toBe('genomforda-aktiviteter-inom-projektet-2016-2018.docx');
    const files = zipEntries(data);
    expect([...files.keys()]).toContain('[Content_Types].xml');
    const xml = files.get('word/document.xml')!.toString('utf8');
    const texts = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    const lines = report.sections.flatMap((s) => s.blocks.flatMap((b) => b.lines));
    expect(lines.length).toBeGreaterThan(15);
    expect(lines.filter((l) => !texts.includes(l))).toEqual([]);
    expect(texts).toContain('Studiebesök och intervjuer');
  });

  it('npm run report writes text to standard output and a .docx to --out', () => {
    const env = { ...process.env, DATABASE_FILE: join(dir, 'p.db') };
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/report/report-main.ts', ...args], { cwd: ROOT, encoding: 'utf8', env });
    const txt = run('2016-2018');
    expect(txt.stderr).toBe('');
    expect(txt.stdout).toBe(reportText(buildReport(record, reportPeriod('2016-2018')!)));
    const out = join(dir, 'r.docx');
    const docx = run('2017', '--format', 'docx', '--out', out);
    expect(docx.stderr).toContain(`wrote ${out}`);
    expect(zipEntries(readFileSync(out)).has('word/document.xml')).toBe(true);
    expect(run('no period here').stderr).toContain('names no period');
  });
});
