import { Pacer, pause } from './pace.js';
import type { Entry, Kind, RecordFile } from '../data/schema.js';
import { Analyzer } from './analyze.js';
import { ContactBook } from './contacts.js';
import { kindWords } from './kinds.js';
import { addMonths, monthNumber, type MonthSpan, overlaps, parsePeriod, type ParsedPeriod } from './period.js';
import { namesFrom, namesOfEntry, recordNames, type RecordNames, type SerialisedNames, serialiseNames } from './names.js';
import { type DatedColumns, DateRanks } from './date-ranks.js';
import { byDate, indexByDate, insertByDate, lowerBound, numberInRecordOrder, recordPositionOf, removeByDate } from './order.js';
import { Gazetteer, type SerialisedPlaces } from './places.js';
import { byIdMap, type KeyedMap } from './sharded-map.js';
import { sweden } from './sweden.js';
import { queryGroups } from './query.js';
import { fold, lower, words } from './text.js';
import { type FieldSpec, forEachSet, has, type RankedColumns, scoredCount, type SerialisedText, TextIndex, type TextResults } from './text-index.js';

export interface EntryHit {
  entry: Entry;
  score: number;
  exact: boolean;
}

export interface SerialisedIndexes {
  text: SerialisedText;
  contacts: SerialisedText;
  /** The record's names (a scan of every entry's text, most of a second at 100,000 entries). */
  names?: SerialisedNames;
  /** The places and their entries (each entry's places worked out again: most of half a second). */
  places?: SerialisedPlaces;
  /** Record positions in date order (sorting the record again: a tenth of a second). */
  order?: number[];
}

/** What buildAsync hands the constructor. */
export interface BuiltParts {
  built: {
    chronological: readonly Entry[];
    text: TextIndex<Entry>;
    analyzer: Analyzer;
    names: RecordNames;
    places: Gazetteer;
    /** By id, and the longest duration: filled in chunks too. */
    ids: KeyedMap<string, Entry>;
    maxSpanMonths: number;
  };
}

/** What a reader of the record may have worked out already, off the serving thread (see src/live/reader-worker.ts). */
export interface Prepared {
  /** Record positions in date order. */
  order: Int32Array;
  names: RecordNames;
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
export const ENTRY_FIELDS: FieldSpec<Entry>[] = [
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
/** A month as the record writes it (schema.ts): numbered, such months compare as their strings do. */
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Everything a command needs to answer from the record. Built once per loaded record, then kept in step with the
 * store one entry at a time (add, replace, remove): each change is applied synchronously, so a reader sees the
 * record before it or after it, never half.
 */
export class RecordIndex {
  /** The entries in record order. */
  get entries(): readonly Entry[] {
    return this.list;
  }
  /** The same entries in date order; timelines are slices of this. */
  get chronological(): readonly Entry[] {
    return this.dated;
  }
  get byId(): Pick<KeyedMap<string, Entry>, 'get' | 'has' | 'size'> {
    return this.ids;
  }
  readonly places: Gazetteer;
  /**
   * People and organisations. Built on first use: most starts answer something else first, and building it is
   * a scan of every entry (about half a second at 100,000 entries) that the first answer should not wait for.
   */
  get contacts(): ContactBook {
    if (!this.book) {
      // The cached contact index was built from the record as loaded; after a change it no longer fits.
      this.book = new ContactBook(this.dated, this.analyzer, this.pristine ? this.serialisedContacts : undefined, this.names);
      this.serialisedContacts = undefined;
    }
    return this.book;
  }
  /** The same, built in chunks (for a door that is already answering); the book is complete when it resolves. */
  async contactsAsync(): Promise<ContactBook> {
    while (!this.book) {
      const changes = this.changes;
      const book = await ContactBook.buildAsync(this.dated, this.analyzer, this.pristine ? this.serialisedContacts : undefined, this.names);
      // A change while it was being built is not in it: build again from the record as it is now.
      if (!this.book && changes === this.changes) {
        this.book = book;
        this.serialisedContacts = undefined;
      }
    }
    return this.book;
  }
  private book: ContactBook | undefined;
  /**
   * Counts changes (add, replace, remove): a build in chunks knows whether the record moved under it, and what
   * question/facts.ts keeps is for one version.
   */
  private changes = 0;
  private serialisedContacts: SerialisedText | undefined;
  private readonly analyzer: Analyzer;
  private readonly header: RecordFile['record'];
  private readonly list: Entry[];
  private readonly dated: Entry[];
  private readonly ids: KeyedMap<string, Entry>;
  private readonly text: TextIndex<Entry>;
  /** See slotPositions. */
  private slotAt: { changes: number; at: Int32Array } | undefined;
  private readonly names: RecordNames;
  /** See datedColumns: made once before the first change; after it, `ranks` keeps them. */
  private columns: DatedColumns | undefined;
  /** Each slot's date rank and back, made at the first change (until it, a slot is its date rank). */
  private ranks: DateRanks | undefined;
  /** Longest entry duration in months, bounding the timeline's binary search (an upper bound after removals). */
  private maxSpanMonths: number;

  /**
   * Builds everything from the record, or takes the text indexes from the start-up cache (see cache.ts), or the
   * parts buildAsync made.
   */
  constructor(record: RecordFile, from?: SerialisedIndexes | BuiltParts) {
    const built = from && 'built' in from ? from.built : undefined;
    const serialised = from && !('built' in from) ? from : undefined;
    this.header = record.record;
    // Copies by slice(): one allocation of the whole list (see mapSteps in suggest.ts for why that matters).
    this.list = record.entries.slice();
    this.ids = built ? built.ids : byIdMap<Entry>(record.entries.length);
    if (!built) for (const e of record.entries) this.ids.set(e.id, e);
    let names: RecordNames;
    if (built) {
      ({ text: this.text, names, analyzer: this.analyzer } = built);
      this.dated = built.chronological.slice();
    } else {
      this.dated = chronologicalOf(record, serialised?.order);
      // Names are needed by queries too (they are searched unstemmed), so a cached index still finds them.
      names = serialised?.names ? namesFrom(serialised.names, record.entries) : recordNames(this.dated, sweden());
      // Compound heads come from the whole text; only building needs them, a cached index has its terms already.
      const analyzer = (this.analyzer = new Analyzer(names.words));
      if (!serialised) for (const e of record.entries) analyzer.learn(`${e.title} ${e.source}`);
      // Built over the date-ordered list, so an index position is also a date rank: ties and unranked results
      // come out in date order without a sort.
      this.text = new TextIndex(this.dated, ENTRY_FIELDS, analyzer, { serialised: serialised?.text, compact: true });
      this.serialisedContacts = serialised?.contacts;
    }
    this.names = names;
    this.places = built ? built.places : new Gazetteer(this.dated, names, undefined, serialised?.places);
    this.maxSpanMonths = built ? built.maxSpanMonths : record.entries.reduce((max, e) => Math.max(max, spanMonths(e)), 0);
  }

  /** How many changes the record has had: what is worked out from it and kept (question/facts.ts) is for one version. */
  get version(): number {
    return this.changes;
  }

  /** The record as a record file: its header and the entries in record order. */
  get record(): RecordFile {
    return { record: this.header, entries: this.list };
  }

  /**
   * Puts a new entry in: one document into the text index, one entry into the date list, its places and contacts.
   * An entry whose id is already there replaces that entry.
   */
  add(entry: Entry, position?: number): void {
    if (this.ids.has(entry.id)) return this.replace(entry);
    const at = position === undefined ? this.list.length : Math.min(Math.max(0, position), this.list.length);
    const ranks = this.dateRanks(); // made from the record as it was
    this.list.splice(at, 0, entry);
    // Positions are the date order's tie-break: a new last entry takes the next number, one put in between renumbers.
    if (at === this.list.length - 1) numberInRecordOrder(this.list, at);
    else numberInRecordOrder(this.list);
    ranks.shiftPositions(at, 1);
    this.put(entry, at);
  }

  /** Replaces the entry with the same id (a correction), keeping its place in record order. */
  replace(entry: Entry): void {
    const old = this.ids.get(entry.id);
    if (!old) return this.add(entry);
    this.take(old);
    const at = this.list.indexOf(old);
    this.list[at] = entry;
    numberInRecordOrder(this.list, at, at + 1);
    this.put(entry, at);
  }

  /** Takes the entry with this id out; false when there was none. */
  remove(id: string): boolean {
    const old = this.ids.get(id);
    if (!old) return false;
    this.take(old);
    const at = this.list.indexOf(old);
    this.list.splice(at, 1);
    // The entries after it move up one: their positions follow, so a position is always an index into the list.
    numberInRecordOrder(this.list, at);
    this.dateRanks().shiftPositions(at + 1, -1);
    return true;
  }

  /** True until the first change: slots are then date ranks, which the unranked search walks without a sort. */
  private get pristine(): boolean {
    return !this.ranks;
  }

  /** See ranks: made before the first change, while every slot is its own date rank. */
  private dateRanks(): DateRanks {
    this.ranks ??= new DateRanks(this.datedColumns());
    return this.ranks;
  }

  /** An entry's date rank (its index in `chronological`); -1 when it is not in this record. */
  /** An entry's slot in the text index: its date rank until the first change, then as DateRanks keeps it. */
  private slotOf(entry: Entry): number {
    const rank = indexByDate(this.dated, entry);
    return rank < 0 || !this.ranks ? rank : this.ranks.slot(rank);
  }

  /** Indexes an entry that is at `position` in record order. */
  private put(entry: Entry, position: number): void {
    const ranks = this.dateRanks();
    this.changes++;
    this.ids.set(entry.id, entry);
    const rank = insertByDate(this.dated, entry);
    const slot = this.text.add(entry);
    ranks.insert(rank, slot, { position, start: monthNumber(entry.period.start), end: monthNumber(entry.period.end) });
    namesOfEntry(this.names, entry);
    this.places.add(entry);
    this.book?.add(entry);
    this.maxSpanMonths = Math.max(this.maxSpanMonths, spanMonths(entry));
  }

  private take(entry: Entry): void {
    const ranks = this.dateRanks();
    this.changes++;
    this.ids.delete(entry.id);
    const rank = removeByDate(this.dated, entry);
    if (rank >= 0) {
      this.text.remove(ranks.slot(rank));
      ranks.remove(rank);
    }
    this.places.remove(entry);
    this.book?.remove(entry);
    this.names.organisations.delete(entry);
  }

  /** The same index, built in chunks that leave the event loop free between them (for reloads while serving). */
  static async buildAsync(record: RecordFile, prepared?: Prepared): Promise<RecordIndex> {
    let chronological: Entry[];
    let names: RecordNames;
    // Every loop paced by time, not by a count of entries (a count is short when idle and long under load).
    const pacer = new Pacer();
    if (prepared) {
      // Numbering 100,000 entries and putting them in date order were ~50 ms in one go under load.
      const { entries } = record;
      for (let i = 0; i < entries.length; i++) {
        numberInRecordOrder(entries, i, i + 1);
        if (pacer.due()) await pacer.pause();
      }
      chronological = new Array<Entry>(prepared.order.length);
      for (let i = 0; i < chronological.length; i++) {
        chronological[i] = entries[prepared.order[i]!]!;
        if (pacer.due()) await pacer.pause();
      }
      ({ names } = prepared);
    } else {
      chronological = chronologicalOf(record);
      names = recordNames(chronological, sweden());
    }
    await pause();
    const analyzer = new Analyzer(names.words);
    await pause();
    for (let i = 0; i < record.entries.length; i++) {
      const e = record.entries[i]!;
      analyzer.learn(`${e.title} ${e.source}`);
      if (pacer.due()) await pacer.pause();
    }
    const text = await TextIndex.build(chronological, ENTRY_FIELDS, analyzer, { compact: true });
    // What the constructor does at once, entry by entry in chunks: places, the lookup by id.
    const places = new Gazetteer([], names);
    const ids = byIdMap<Entry>(record.entries.length);
    let maxSpanMonths = 0;
    for (let i = 0; i < chronological.length; i++) {
      const e = chronological[i]!;
      places.add(e);
      ids.set(record.entries[i]!.id, record.entries[i]!);
      maxSpanMonths = Math.max(maxSpanMonths, spanMonths(e));
      if (pacer.due()) await pacer.pause();
    }
    await pause();
    return new RecordIndex(record, { built: { chronological, text, analyzer, names, places, ids, maxSpanMonths } });
  }

  /**
   * Free-text search. A period in the text ("workshop 2017") puts entries in that period first; a kind filter
   * narrows. Order: in the period, then exact over typo matches, then relevance (with a small lift for the
   * exact spelling, å/ä/ö included), then date.
   */
  search(query: string, options: { kind?: Kind } = {}): SearchOutcome {
    const { period, rest, found } = this.find(query, options.kind);

    if (!found) {
      // Only a period (or only a kind): list what falls in it.
      if (!period) return outcome([], period);
      return outcome(this.timeline(period).filter((e) => !options.kind || e.kind === options.kind), period);
    }

    if (found.unranked) {
      // Only very common words: nothing to rank by but the period. Walked by date rank (a slot's own until the
      // first change; see DateRanks), so the entries come out in date order without a sort.
      const { bits, filter } = found.unranked;
      const ranks = this.ranks;
      const out: Entry[] = [];
      let rest = bits;
      if (period) {
        // The period's entries come from the binary-searched timeline; they go first and leave the rest.
        rest = Uint32Array.from(bits);
        const range = this.periodSlots(period);
        if (range) {
          // Only the period's date ranks are read, and of them only entries with the words.
          const { from, to, end, first } = range;
          for (let rank = from; rank < to; rank++) {
            const slot = ranks ? ranks.slot(rank) : rank;
            if (!has(bits, slot) || end[rank]! < first) continue;
            if (!filter || filter(slot)) out.push(this.dated[rank]!);
            rest[slot >>> 5]! &= ~(1 << (slot & 31));
          }
        } else {
          for (const e of this.timeline(period)) {
            const slot = this.slotOf(e);
            if (has(bits, slot) && (!filter || filter(slot))) out.push(e);
            rest[slot >>> 5]! &= ~(1 << (slot & 31));
          }
        }
      }
      if (!ranks) forEachSet(rest, (slot) => void ((!filter || filter(slot)) && out.push(this.text.item(slot)!)));
      else {
        for (let rank = 0; rank < this.dated.length; rank++) {
          const slot = ranks.slot(rank);
          if (has(rest, slot) && (!filter || filter(slot))) out.push(this.dated[rank]!);
        }
      }
      return outcome(out, period);
    }
    // Exact spellings (å/ä/ö as typed) rank a little higher; only the leaders can change places, so only they are
    // checked — at 100,000 entries a common word matches tens of thousands.
    const typed = new Set(words(lower(rest)));
    const ranked = this.rankBySlot(found, typed, period);
    if (ranked) return ranked;
    const hits: EntryHit[] = found.hits.map((h) => ({ entry: this.text.item(h.index)!, score: h.score, exact: h.exact }));
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
   * The date ranks a period's entries are among, as timeline() finds them: [from, to) holds every entry that starts
   * early enough and not too late, and of those the ones with `end[rank] >= first` overlap the period. Null when
   * the period is not in months as the record writes them.
   */
  private periodSlots(period: MonthSpan): { from: number; to: number; start: Int32Array; end: Int32Array; first: number; last: number } | null {
    if (!MONTH.test(period.start) || !MONTH.test(period.end)) return null;
    const { start, end } = this.datedColumns();
    const first = monthNumber(period.start);
    const last = monthNumber(period.end);
    const earliest = first - this.maxSpanMonths;
    return {
      from: lowerBound(start.length, (i) => start[i]! < earliest),
      to: lowerBound(start.length, (i) => start[i]! <= last),
      start,
      end,
      first,
      last,
    };
  }

  /**
   * search()'s ranking of scored hits by number instead of by entry: the spelling lift of the leaders, then in the
   * period first, exact first, best first, and by date — by date rank (see DateRanks). The same order as the sort
   * on entries (byDate is a total order, so no tie is left to the sort), with no entry read in the comparisons: a
   * word in 40,000 of a million entries was 40,000 entries read a dozen times each. Null for a period the date
   * columns cannot place (not in months as the record writes them).
   */
  private rankBySlot(found: TextResults, typed: Set<string>, period: ParsedPeriod | null): SearchOutcome | null {
    const range = period ? this.periodSlots(period) : null;
    if (period && !range) return null;
    const { slot, score, exact } = rankedColumns(found);
    const n = slot.length;
    const ranks = this.ranks;
    const rank = ranks ? Int32Array.from(slot, (s) => ranks.rank(s)) : slot;
    // The text index gives hits best first (ties in slot order), as the sort by score before the lift leaves them.
    if (typed.size > 0) for (let i = 0; i < Math.min(SPELLING_CHECKED, n); i++) score[i] = score[i]! * spellingLift(this.dated[rank[i]!]!, typed);
    const key = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const r = rank[i]!;
      const inPeriod = range !== null && range.start[r]! <= range.last && range.first <= range.end[r]!;
      key[i] = (inPeriod ? 2 : 0) + exact[i]!;
    }
    // Hits come best first, so with the keys taken apart first (in the period and exact, …) the sort below meets
    // runs already in order and makes a few comparisons a hit instead of a dozen (an array's sort finds runs).
    const order: number[] = [];
    for (let k = 3; k >= 0; k--) for (let i = 0; i < n; i++) if (key[i] === k) order.push(i);
    order.sort((a, b) => key[b]! - key[a]! || score[b]! - score[a]! || rank[a]! - rank[b]!);
    // The hits with their scores only when asked for: a search lists entries, and an object per hit of tens of
    // thousands would live as long as the reply.
    const entries = Array.from(order, (i) => this.dated[rank[i]!]!);
    let hits: EntryHit[] | undefined;
    return {
      entries,
      period,
      get hits() {
        hits ??= entries.map((entry, k) => ({ entry, score: score[order[k]!]!, exact: exact[order[k]!] === 1 }));
        return hits;
      },
    };
  }

  /** A query's period, its text without it, its concepts, and what the text index found for them (none: no concepts). */
  private find(query: string, kind?: Kind) {
    const period = parsePeriod(query);
    const rest = period ? period.rest : query;
    const groups = queryGroups(rest);
    const kindFilter = kind ? (slot: number) => this.text.item(slot)!.kind === kind : undefined;
    return { period, rest, groups, found: groups.length > 0 ? this.text.search(groups, kindFilter) : null };
  }

  /** Whether search(query) finds anything, without ranking what it finds. */
  finds(query: string): boolean {
    const { period, found } = this.find(query);
    if (!found) return period !== null && this.timeline(period).length > 0;
    return found.unranked !== undefined || scoredCount(found) > 0;
  }

  /**
   * The entries search(query) finds that score at least `share` of the best of them, as search() scores them
   * (the exact-spelling lift included), in no particular order: what a question's words select, without the
   * ranking a list needs — a sort of tens of thousands of hits that a question would throw away.
   */
  relevant(query: string, share: number): Entry[] {
    const out: Entry[] = [];
    this.eachRelevant(query, share, (slot) => void out.push(this.text.item(slot)!), (entry) => void out.push(entry));
    return out;
  }

  /**
   * relevant()'s entries marked by record position, one byte each, and how many: a common word selects tens of
   * thousands, and a question only marks them (a lookup by entry object each was most of such a question).
   */
  relevantMarks(query: string, share: number): { marks: Uint8Array; count: number } {
    const marks = new Uint8Array(this.list.length);
    let count = 0;
    const mark = (at: number) => {
      if (at < 0) return;
      marks[at] = 1;
      count++;
    };
    const slotAt = this.slotPositions();
    this.eachRelevant(query, share, (slot) => mark(slotAt[slot]!), (entry) => mark(this.recordPosition(entry)));
    return { marks, count };
  }

  /** What relevant() gives, each once: text hits by slot, period-only results as entries. */
  private eachRelevant(query: string, share: number, slot: (slot: number) => void, entry: (entry: Entry) => void): void {
    const { period, rest, found } = this.find(query);
    // Unranked and period-only results all score the same: every one is relevant.
    if (!found) {
      if (period) for (const e of this.timeline(period)) entry(e);
      return;
    }
    if (found.unranked) {
      forEachSet(found.unranked.bits, slot);
      return;
    }
    // The text index gives hits best first, as search() sorts them before lifting the leaders.
    const { slot: slots, score: scores } = rankedColumns(found);
    const typed = new Set(words(lower(rest)));
    if (typed.size > 0) for (let i = 0; i < Math.min(SPELLING_CHECKED, scores.length); i++) scores[i]! *= spellingLift(this.text.item(slots[i]!)!, typed);
    const best = scores.reduce((max, s) => Math.max(max, s), 0);
    scores.forEach((s, i) => void (s >= best * share && slot(slots[i]!)));
  }

  /** Each text slot's record position (-1: an empty slot), made once per version of the record. */
  private slotPositions(): Int32Array {
    if (this.slotAt?.changes === this.changes) return this.slotAt.at;
    const ranks = this.ranks;
    const { position } = this.datedColumns();
    const at = new Int32Array(ranks ? this.text.slots : this.dated.length);
    for (let slot = 0; slot < at.length; slot++) {
      const rank = ranks ? ranks.rank(slot) : slot;
      at[slot] = rank < 0 ? -1 : position[rank]!;
    }
    this.slotAt = { changes: this.changes, at };
    return at;
  }

  /** An entry's position in record order (`entries`), or -1 when it is not in this record. */
  recordPosition(entry: Entry): number {
    const at = recordPositionOf(entry);
    if (this.list[at] === entry) return at;
    // Positions are kept in step with every change, but are kept with the entries: another index made from the same
    // entries (tests make several from one record) numbers them its way. Numbered again, once, for this one.
    const found = this.list.indexOf(entry);
    if (found >= 0) numberInRecordOrder(this.list);
    return found;
  }

  /**
   * datedColumns() made ahead, by a door's warm-up, in steps with pauses between them: made in one go by the first
   * question, timeline or change, they held the thread up to 0.9 s at a million entries (a CPU profile, collection
   * included).
   */
  async datedColumnsAsync(pacer = new Pacer(8, 1)): Promise<void> {
    if (this.ranks || this.columns) return;
    const columns = emptyColumns(this.dated.length);
    for (let i = 0; i < this.dated.length; i++) {
      this.fillColumns(columns, i, i + 1);
      if (pacer.due()) {
        await pacer.pause();
        // A change meanwhile: DateRanks has made them from the record as it was, and keeps them.
        if (this.ranks) return;
      }
    }
    this.columns ??= columns;
  }

  /**
   * The date order (`chronological`) as numbers: each entry's record position and first and last month. A
   * period's entries are a walk of these (a year is a third of the record, and at a million entries reading each
   * one's period cost a quarter of a second a search); questions mark by position. Made once; after the first
   * change DateRanks keeps them.
   */
  datedColumns(): DatedColumns {
    if (this.ranks) return this.ranks.columns();
    if (!this.columns) {
      this.columns = emptyColumns(this.dated.length);
      this.fillColumns(this.columns, 0, this.dated.length);
    }
    return this.columns;
  }

  /** The columns of date ranks [from, to). */
  private fillColumns(columns: DatedColumns, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const e = this.dated[i]!;
      columns.position[i] = this.recordPosition(e);
      columns.start[i] = monthNumber(e.period.start);
      columns.end[i] = monthNumber(e.period.end);
    }
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

  /** The built text indexes as plain data, for the start-up cache; null once changed (slots no longer date ranks). */
  serialise(): SerialisedIndexes | null {
    if (!this.pristine) return null;
    // Scanned again rather than kept from the build: this runs once, when the cache is written, and holding the
    // names until then would cost memory for every record that is never cached.
    const names = serialiseNames(recordNames(this.chronological, sweden()), this.entries);
    // Unchanged, a slot is a date rank.
    const rank = new Map(this.dated.map((e, i) => [e, i]));
    const places = this.places.toJSON((e) => rank.get(e)!);
    const position = new Map(this.entries.map((e, i) => [e, i]));
    const order = this.dated.map((e) => position.get(e)!);
    return { text: this.text.toJSON(), contacts: this.contacts.toJSON(), names, places, order };
  }

  /** Entries overlapping the span, in date order. */
  timeline(span: MonthSpan): Entry[] {
    const list = this.dated;
    // Entries start at most maxSpanMonths before they end, so nothing starting earlier than that can overlap.
    const earliest = addMonths(span.start, -this.maxSpanMonths);
    const out: Entry[] = [];
    for (let i = lowerBound(list.length, (i) => list[i]!.period.start < earliest); i < list.length && list[i]!.period.start <= span.end; i++) {
      if (list[i]!.period.end >= span.start) out.push(list[i]!);
    }
    return out;
  }
}

function emptyColumns(length: number): DatedColumns {
  return { position: new Int32Array(length), start: new Int32Array(length), end: new Int32Array(length) };
}

/** A result's scored hits as columns to change freely (its scores are copied): the text index's, or made from its hits. */
function rankedColumns(found: TextResults): RankedColumns {
  if (found.ranked) return { slot: found.ranked.slot, score: found.ranked.score.slice(), exact: found.ranked.exact };
  const hits = found.hits;
  return {
    slot: Int32Array.from(hits, (h) => h.index),
    score: Float64Array.from(hits, (h) => h.score),
    exact: Uint8Array.from(hits, (h) => (h.exact ? 1 : 0)),
  };
}

const spanMonths = (e: Entry) => monthNumber(e.period.end) - monthNumber(e.period.start);

/** Entries whose text has a typed word exactly as typed (å/ä/ö kept) rank a little above folded matches. */
function spellingLift(entry: Entry, typed: Set<string>): number {
  const own = new Set(words(lower(`${entry.title} ${entry.source} ${entry.places.map((p) => p.name).join(' ')}`)));
  let lift = 1;
  for (const w of typed) if (own.has(w)) lift += 0.25;
  return lift;
}

/** The entries in date order: sorted, or taken in a known order (from the cache) if it is one of these entries. */
function chronologicalOf(record: RecordFile, order?: readonly number[]): Entry[] {
  numberInRecordOrder(record.entries);
  if (order && isPermutation(order, record.entries.length)) return order.map((i) => record.entries[i]!);
  return [...record.entries].sort(byDate);
}

function isPermutation(order: readonly number[], n: number): boolean {
  if (order.length !== n) return false;
  const seen = new Uint8Array(n);
  for (const i of order) {
    if (!Number.isInteger(i) || i < 0 || i >= n || seen[i]) return false;
    seen[i] = 1;
  }
  return true;
}

export { lowerBound } from './order.js';
export type { DatedColumns } from './date-ranks.js';
