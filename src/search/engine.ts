import type { Entry, Kind, RecordFile } from '../data/schema.js';
import { Analyzer } from './analyze.js';
import { ContactBook } from './contacts.js';
import { kindWords } from './kinds.js';
import { type MonthSpan, overlaps, parsePeriod, type ParsedPeriod } from './period.js';
import { Gazetteer } from './places.js';
import { queryGroups } from './query.js';
import { lower, words } from './text.js';
import { TextIndex } from './text-index.js';

export interface EntryHit {
  entry: Entry;
  score: number;
  exact: boolean;
}

export interface SearchOutcome {
  hits: EntryHit[];
  /** The period the query named, if any; matching entries were put first. */
  period: ParsedPeriod | null;
}

const byDate = (a: Entry, b: Entry) =>
  a.period.start.localeCompare(b.period.start) || a.period.end.localeCompare(b.period.end) || a.id.localeCompare(b.id);

/** Everything a command needs to answer from the record, built once per loaded record. */
export class RecordIndex {
  readonly entries: readonly Entry[];
  /** The same entries in date order; timelines are slices of this. */
  readonly chronological: readonly Entry[];
  readonly byId: ReadonlyMap<string, Entry>;
  readonly places: Gazetteer;
  readonly contacts: ContactBook;
  private readonly text: TextIndex<Entry>;
  /** Longest entry duration in months, bounding the timeline's binary search. */
  private readonly maxSpanMonths: number;

  constructor(readonly record: RecordFile) {
    this.entries = record.entries;
    this.chronological = [...record.entries].sort(byDate);
    this.byId = new Map(record.entries.map((e) => [e.id, e]));
    const analyzer = new Analyzer();
    for (const e of record.entries) analyzer.learn(`${e.title} ${e.source}`);
    this.text = new TextIndex(
      this.entries,
      [
        {
          name: 'names',
          boost: 3,
          extract: (e) =>
            [
              ...e.places.flatMap((p) => [p.name, p.municipality ?? '', p.district ?? '', p.county]),
              ...e.organisations,
              ...e.people.map((p) => p.name ?? ''),
            ].join(' '),
        },
        { name: 'title', boost: 2, extract: (e) => e.title },
        { name: 'kind', boost: 1.5, extract: (e) => kindWords(e.kind) },
        { name: 'text', boost: 1, extract: (e) => `${e.source} ${e.topics.join(' ')} ${e.people.map((p) => p.role ?? '').join(' ')}` },
        { name: 'summary', boost: 1, extract: (e) => e.summary },
      ],
      analyzer,
    );
    this.places = new Gazetteer(this.chronological);
    this.contacts = new ContactBook(this.chronological, analyzer);
    this.maxSpanMonths = Math.max(...record.entries.map((e) => monthNumber(e.period.end) - monthNumber(e.period.start)));
  }

  /**
   * Free-text search. A period in the text ("workshop 2017") puts entries in that period first; a kind filter
   * narrows. Order: in the period, then exact over typo matches, then relevance (with a small lift for the
   * exact spelling, å/ä/ö included), then date.
   */
  search(query: string, options: { kind?: Kind } = {}): SearchOutcome {
    const period = parsePeriod(query);
    const rest = period ? period.rest : query;
    const groups = queryGroups(rest);
    const kindFilter = options.kind ? (i: number) => this.entries[i]!.kind === options.kind : undefined;

    if (groups.length === 0) {
      // Only a period (or only a kind): list what falls in it.
      if (!period) return { hits: [], period };
      const inPeriod = this.timeline(period).filter((e) => !options.kind || e.kind === options.kind);
      return { hits: inPeriod.map((entry) => ({ entry, score: 1, exact: true })), period };
    }

    const typed = new Set(words(lower(rest)));
    const hits = this.text.search(groups, kindFilter).map((h) => {
      const entry = this.entries[h.index]!;
      return { entry, score: h.score * spellingLift(entry, typed), exact: h.exact };
    });
    hits.sort(
      (a, b) =>
        Number(period !== null && overlaps(b.entry.period, period)) - Number(period !== null && overlaps(a.entry.period, period)) ||
        Number(b.exact) - Number(a.exact) ||
        b.score - a.score ||
        byDate(a.entry, b.entry),
    );
    return { hits, period };
  }

  /** Entries overlapping the span, in date order. */
  timeline(span: MonthSpan): Entry[] {
    const list = this.chronological;
    // Entries start at most maxSpanMonths before they end, so nothing starting earlier than that can overlap.
    const earliest = addMonths(span.start, -this.maxSpanMonths);
    let lo = lowerBound(list, earliest);
    const out: Entry[] = [];
    for (; lo < list.length && list[lo]!.period.start <= span.end; lo++) {
      if (list[lo]!.period.end >= span.start) out.push(list[lo]!);
    }
    return out;
  }
}

/** Entries whose text has a typed word exactly as typed (å/ä/ö kept) rank a little above folded matches. */
function spellingLift(entry: Entry, typed: Set<string>): number {
  if (typed.size === 0) return 1;
  const own = new Set(words(lower(`${entry.title} ${entry.source} ${entry.places.map((p) => p.name).join(' ')}`)));
  let lift = 1;
  for (const w of typed) if (own.has(w)) lift += 0.25;
  return lift;
}

function monthNumber(ym: string): number {
  return Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
}

function addMonths(ym: string, delta: number): string {
  const n = monthNumber(ym) + delta;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

function lowerBound(list: readonly Entry[], start: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.period.start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
