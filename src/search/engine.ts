import type { AsPlainObject } from 'minisearch';
import type { Entry, Kind, RecordFile } from '../data/schema.js';
import { Analyzer } from './analyze.js';
import { ContactBook } from './contacts.js';
import { kindWords } from './kinds.js';
import { addMonths, monthNumber, type MonthSpan, overlaps, parsePeriod, type ParsedPeriod } from './period.js';
import { namesFrom, recordNames, type RecordNames, type SerialisedNames, serialiseNames } from './names.js';
import { Gazetteer } from './places.js';
import { sweden } from './sweden.js';
import { queryGroups } from './query.js';
import { fold, lower, words } from './text.js';
import { type FieldSpec, forEachSet, has, TextIndex } from './text-index.js';

export interface EntryHit {
  entry: Entry;
  score: number;
  exact: boolean;
}

export interface SerialisedIndexes {
  text: AsPlainObject;
  contacts: AsPlainObject;
  /** The record's names (a scan of every entry's text, most of a second at 100,000 entries). */
  names?: SerialisedNames;
}

/** What buildAsync hands the constructor. */
export interface BuiltParts {
  built: { chronological: readonly Entry[]; text: TextIndex<Entry>; analyzer: Analyzer; names: RecordNames };
}

export interface SearchOutcome {
  /** The matching entries, best first. */
  entries: Entry[];
  /** The same with scores and exactness (made on demand: a common word can match every entry). */
  readonly hits: EntryHit[];
  /** The period the query named, if any; matching entries were put first. */
  period: ParsedPeriod | null;
}

function outcome(entries: Entry[], period: ParsedPeriod | null): SearchOutcome {
  let hits: EntryHit[] | undefined;
  return {
    entries,
    period,
    get hits() {
      hits ??= entries.map((entry) => ({ entry, score: 1, exact: true }));
      return hits;
    },
  };
}

/**
 * The fields an entry is found by. Two, not one per part: every (term, field, entry) triple costs memory, and at
 * 100,000 entries the index must stay small. Names (places, organisations, people) are boosted; everything else
 * is text. Module-level so that no closure in the constructor keeps the cached index it was loaded from alive.
 */
const ENTRY_FIELDS: FieldSpec<Entry>[] = [
  {
    name: 'names',
    boost: 3,
    extract: (e) =>
      [...e.places.flatMap((p) => [p.name, p.municipality ?? '', p.district ?? '', p.county]), ...e.organisations, ...e.people.map((p) => p.name ?? '')].join(' '),
  },
  {
    name: 'text',
    boost: 1,
    extract: (e) => `${e.title} ${kindWords(e.kind)} ${e.source} ${e.topics.join(' ')} ${e.people.map((p) => p.role ?? '').join(' ')} ${e.summary}`,
  },
];

/** How many leading hits get the exact-spelling check. */
const SPELLING_CHECKED = 50;

/** Each entry's position in its record (record.entries), set when the record is put in date order. */
const recordPosition = new WeakMap<Entry, number>();

/**
 * Date order; entries of the same period keep the record's order (the team wrote a season's lines in the order
 * things happened), never the order of their ids.
 */
const byDate = (a: Entry, b: Entry) =>
  a.period.start.localeCompare(b.period.start) || a.period.end.localeCompare(b.period.end) || recordPosition.get(a)! - recordPosition.get(b)!;

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

  /**
   * Builds everything from the record, or takes the text indexes from the start-up cache (see cache.ts), or the
   * parts buildAsync made.
   */
  constructor(
    readonly record: RecordFile,
    from?: SerialisedIndexes | BuiltParts,
  ) {
    this.entries = record.entries;
    this.byId = new Map(record.entries.map((e) => [e.id, e]));
    let names: RecordNames;
    if (from && 'built' in from) {
      ({ chronological: this.chronological, text: this.text, names } = from.built);
      this.contacts = new ContactBook(this.chronological, from.built.analyzer, undefined, names);
    } else {
      this.chronological = chronologicalOf(record);
      // Names are needed by queries too (they are searched unstemmed), so a cached index still finds them.
      names = from?.names ? namesFrom(from.names, record.entries) : recordNames(this.chronological, sweden());
      // Compound heads come from the whole text; only building needs them, a cached index has its terms already.
      const analyzer = new Analyzer(names.words);
      if (!from) for (const e of record.entries) analyzer.learn(`${e.title} ${e.source}`);
      // Built over the date-ordered list, so an index position is also a date rank: ties and unranked results
      // come out in date order without a sort.
      this.text = new TextIndex(this.chronological, ENTRY_FIELDS, analyzer, { serialised: from?.text });
      this.contacts = new ContactBook(this.chronological, analyzer, from?.contacts, names);
    }
    this.places = new Gazetteer(this.chronological, names);
    this.maxSpanMonths = record.entries.reduce((max, e) => Math.max(max, monthNumber(e.period.end) - monthNumber(e.period.start)), 0);
  }

  /** The same index, built in chunks that leave the event loop free between them (for reloads while serving). */
  static async buildAsync(record: RecordFile): Promise<RecordIndex> {
    const chronological = chronologicalOf(record);
    const names = recordNames(chronological, sweden());
    await pause();
    const analyzer = new Analyzer(names.words);
    for (let i = 0; i < record.entries.length; i++) {
      const e = record.entries[i]!;
      analyzer.learn(`${e.title} ${e.source}`);
      if (i % 5000 === 4999) await pause();
    }
    const text = await TextIndex.build(chronological, ENTRY_FIELDS, analyzer);
    await pause();
    return new RecordIndex(record, { built: { chronological, text, analyzer, names } });
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
    const kindFilter = options.kind ? (i: number) => this.chronological[i]!.kind === options.kind : undefined;

    if (groups.length === 0) {
      // Only a period (or only a kind): list what falls in it.
      if (!period) return outcome([], period);
      return outcome(this.timeline(period).filter((e) => !options.kind || e.kind === options.kind), period);
    }

    const found = this.text.search(groups, kindFilter);
    if (found.unranked) {
      // Only very common words: nothing to rank by but the period. Positions are date order, so walking them in
      // order gives date order; the period's entries (a binary-searched slice) go first.
      const { bits, filter } = found.unranked;
      const out: Entry[] = [];
      let rest = bits;
      if (period) {
        // The period's positions come from the binary-searched timeline; they go first and leave the rest.
        rest = Uint32Array.from(bits);
        for (const i of this.timelinePositions(period)) {
          if (has(bits, i) && (!filter || filter(i))) out.push(this.chronological[i]!);
          rest[i >>> 5]! &= ~(1 << (i & 31));
        }
      }
      forEachSet(rest, (i) => void ((!filter || filter(i)) && out.push(this.chronological[i]!)));
      return outcome(out, period);
    }
    const hits: EntryHit[] = found.hits.map((h) => ({ entry: this.chronological[h.index]!, score: h.score, exact: h.exact }));
    // Exact spellings (å/ä/ö as typed) rank a little higher; only the leaders can change places, so only they are
    // checked — at 100,000 entries a common word matches tens of thousands.
    const typed = new Set(words(lower(rest)));
    if (typed.size > 0) {
      hits.sort((a, b) => b.score - a.score);
      for (const hit of hits.slice(0, SPELLING_CHECKED)) hit.score *= spellingLift(hit.entry, typed);
    }
    hits.sort(
      (a, b) =>
        Number(period !== null && overlaps(b.entry.period, period)) - Number(period !== null && overlaps(a.entry.period, period)) ||
        Number(b.exact) - Number(a.exact) ||
        b.score - a.score ||
        byDate(a.entry, b.entry),
    );
    return { entries: hits.map((h) => h.entry), hits, period };
  }

  /**
   * The one entry an id or a title names (for `entry`): the id, the exact title, or the best search hit — but only
   * when every word of the query matches it. "Studieresa till Kiruna" is not the study trip to Motala: sharing
   * "Studieresa till" is not naming it.
   */
  entryFor(text: string): Entry | null {
    const byId = this.byId.get(text.trim());
    if (byId) return byId;
    const key = fold(text);
    const titled = this.entries.find((e) => fold(e.title) === key);
    if (titled) return titled;
    const period = parsePeriod(text);
    const groups = queryGroups(period ? period.rest : text);
    if (groups.length > 0) {
      const found = this.text.search(groups);
      if (found.dropped.length > 0 || found.combined === 'OR') return null;
    }
    return this.search(text).entries[0] ?? null;
  }

  /** The built text indexes as plain data, for the start-up cache. */
  serialise(): SerialisedIndexes {
    // Scanned again rather than kept from the build: this runs once, when the cache is written, and holding the
    // names until then would cost memory for every record that is never cached.
    const names = serialiseNames(recordNames(this.chronological, sweden()), this.entries);
    return { text: this.text.toJSON(), contacts: this.contacts.toJSON(), names };
  }

  /** The given entries of this record in the record's own order (for answers that list in record order). */
  inRecordOrder(entries: ReadonlySet<Entry>): Entry[] {
    // Many: one pass over the record beats sorting by looked-up positions.
    if (entries.size > this.entries.length / 16) return this.entries.filter((e) => entries.has(e));
    return [...entries].sort((a, b) => recordPosition.get(a)! - recordPosition.get(b)!);
  }

  /** Entries overlapping the span, in date order. */
  timeline(span: MonthSpan): Entry[] {
    return this.timelinePositions(span).map((i) => this.chronological[i]!);
  }

  /** Positions (in date order) of the entries overlapping the span. */
  private timelinePositions(span: MonthSpan): number[] {
    const list = this.chronological;
    // Entries start at most maxSpanMonths before they end, so nothing starting earlier than that can overlap.
    const earliest = addMonths(span.start, -this.maxSpanMonths);
    const out: number[] = [];
    for (let i = lowerBound(list.length, (i) => list[i]!.period.start < earliest); i < list.length && list[i]!.period.start <= span.end; i++) {
      if (list[i]!.period.end >= span.start) out.push(i);
    }
    return out;
  }
}

/** Entries whose text has a typed word exactly as typed (å/ä/ö kept) rank a little above folded matches. */
function spellingLift(entry: Entry, typed: Set<string>): number {
  const own = new Set(words(lower(`${entry.title} ${entry.source} ${entry.places.map((p) => p.name).join(' ')}`)));
  let lift = 1;
  for (const w of typed) if (own.has(w)) lift += 0.25;
  return lift;
}

function chronologicalOf(record: RecordFile): Entry[] {
  record.entries.forEach((entry, position) => recordPosition.set(entry, position));
  return [...record.entries].sort(byDate);
}

/** Lets timers and I/O run: pending interactions are answered between the chunks of a long build. */
export const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The first position in [0, length) for which `before` is false, given that it is true up to some point and false after. */
export function lowerBound(length: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
