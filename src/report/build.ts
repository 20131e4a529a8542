import type { Entry, RecordFile } from '../data/schema.js';
import { overlaps, parsePeriod, type MonthSpan } from '../search/period.js';

/** One paragraph of the report: an optional head on its own line ("Våren 2018:"), then one line per activity. */
export interface Block {
  head: string | null;
  lines: string[];
}

export interface ReportSection {
  /** null for the activities under the title itself (the record's first section). */
  heading: string | null;
  blocks: Block[];
}

export interface Report {
  title: string;
  span: MonthSpan;
  sections: ReportSection[];
  /** How many entries the report covers. */
  entries: number;
}

export interface ReportPeriod extends MonthSpan {
  /** As the title says it: "2016-2018", "2017", "våren 2017". */
  label: string;
}

/**
 * The period a report covers, from what a person typed ("2016-2018", "våren 2017"); null when it names none.
 * Whole years are written as years ("2016-2018"), anything else as typed.
 */
export function reportPeriod(text: string): ReportPeriod | null {
  const parsed = parsePeriod(text);
  if (!parsed) return null;
  return { start: parsed.start, end: parsed.end, label: yearsLabel(parsed) ?? text.trim() };
}

/** The whole record's span, in years. */
export function recordPeriod(entries: readonly Entry[]): ReportPeriod {
  const start = entries.reduce((m, e) => (e.period.start < m ? e.period.start : m), '9999-12');
  const end = entries.reduce((m, e) => (e.period.end > m ? e.period.end : m), '0000-01');
  const span = { start: `${start.slice(0, 4)}-01`, end: `${end.slice(0, 4)}-12` };
  return { ...span, label: yearsLabel(span)! };
}

function yearsLabel(span: MonthSpan): string | null {
  if (!span.start.endsWith('-01') || !span.end.endsWith('-12')) return null;
  const [a, b] = [span.start.slice(0, 4), span.end.slice(0, 4)];
  return a === b ? a : `${a}-${b}`;
}

const PREFIX = /^([^:,]{4,40})([:,])\s*/;

/** The line an entry stands for: its source when that is a dated line of the record, else date, title and people. */
function lineOf(entry: Entry): string {
  const m = PREFIX.exec(entry.source);
  const dated = m ? parsePeriod(m[1]!) : null;
  if (dated && dated.start === entry.period.start && dated.end === entry.period.end) return entry.source;
  const people = entry.people.filter((p) => p.name).map((p) => ` ${p.name}${p.role ? `, ${p.role}` : ''}.`).join('');
  return `${entry.period.label}: ${entry.title.replace(/\.$/, '')}.${people}`;
}

/**
 * Groups lines the way the record writes them: entries split from one line are that line once; "head … item"
 * lines under one head are the head on its own line and an item a line; a dated line followed by "date … more"
 * lines becomes "date:" and one line each.
 */
function blocksOf(entries: readonly Entry[]): Block[] {
  const blocks: Block[] = [];
  let lastLine: string | null = null;
  for (const entry of entries) {
    const line = lineOf(entry);
    if (line === lastLine) continue;
    lastLine = line;
    const cut = line.indexOf(' … ');
    const last = blocks[blocks.length - 1];
    if (cut < 0) {
      blocks.push({ head: null, lines: [line] });
      continue;
    }
    const head = line.slice(0, cut);
    const item = line.slice(cut + 3);
    if (last?.head === head) last.lines.push(item);
    else if (last && last.head === null && last.lines.length === 1 && last.lines[0]!.startsWith(`${head} `)) {
      blocks[blocks.length - 1] = { head, lines: [last.lines[0]!.slice(head.length + 1), item] };
    } else blocks.push({ head, lines: [item] });
  }
  return blocks;
}

/**
 * "Genomförda aktiviteter" for a period: the record's title with the period's label, the activities that overlap
 * the period under the record's section headings (the first section under the title itself), each section in date
 * order (record order among equals).
 */
export function buildReport(record: Pick<RecordFile, 'record' | 'entries'>, period: ReportPeriod = recordPeriod(record.entries)): Report {
  const inPeriod = record.entries.filter((e) => overlaps(e.period, period));
  const order = [...record.record.sections, ...inPeriod.map((e) => e.section)].filter((s, i, all) => all.indexOf(s) === i);
  const titleStem = record.record.title.replace(/\s*\d{4}(?:\s*[-–]\s*\d{4})?$/, '');
  const sections = order
    .map((section) => {
      const entries = inPeriod.filter((e) => e.section === section).sort((a, b) => a.period.start.localeCompare(b.period.start));
      return { heading: section === record.record.title || section === record.record.sections[0] ? null : section, blocks: blocksOf(entries) };
    })
    .filter((s) => s.blocks.length > 0);
  return { title: `${titleStem} ${period.label}`, span: { start: period.start, end: period.end }, sections, entries: inPeriod.length };
}
