import type { Entry, Kind } from '../data/schema.js';
import type { Contact } from '../search/contacts.js';
import type { DatedColumns, RecordIndex } from '../search/engine.js';
import { lowerBound } from '../search/order.js';
import { monthNumber, type MonthSpan } from '../search/period.js';

/**
 * What a who-answer reads of each entry, as numbers by record position: the names it gives, whether it names no
 * one, the organisation and role then standing for it, and its kind and period. A role thousands of contacts hold
 * ("bibliotek") asks this of most of 100,000 entries; reading them from the entries' objects, scattered over the
 * heap, was most of that answer. Worked out once per version of the record, on the first who-answer.
 */
export interface WhoFacts {
  /** Entry i's named people are nameIds[nameStart[i]] … nameIds[nameStart[i + 1] - 1], in its order. */
  nameStart: Int32Array;
  /** Each name as a number (one per distinct name). */
  nameIds: Int32Array;
  /** Where in its entry's people that person is. */
  nameAt: Int32Array;
  names: number;
  /** NAMED: someone is named; NO_ONE: no people at all; else the number of its first person's organisation and role. */
  body: Int32Array;
  bodies: number;
  /** The number of the entry's kind and period (as the record dates it). */
  kindPeriod: Int32Array;
  kindPeriods: number;
  /**
   * Entry i's name range, body and kind-and-period together (at 4i … 4i + 3: nameStart[i], nameStart[i + 1], body[i],
   * kindPeriod[i]): a who-answer reads them for entries scattered over the record, one memory line an entry.
   */
  packed: Int32Array;
}

export const NAMED = -2;
export const NO_ONE = -1;

/**
 * Where each entry was, for counting the distinct places, municipalities or counties of an answer's entries (a
 * land's tens of thousands): as numbers by record position, and the names the numbers stand for.
 */
export interface PlaceFacts {
  /** Entry i's places are placeStart[i] … placeStart[i + 1] - 1 of the arrays below, in its order. */
  placeStart: Int32Array;
  /** Each place's own name, county and municipality as a number in `names` (-1: none). */
  name: Int32Array;
  county: Int32Array;
  municipality: Int32Array;
  /** The entry's last place's name as a number in `names` (-1: none), what "which places/libraries" counts. */
  lastPlace: Int32Array;
  /** 1 for a conversation: where we have been, it counts only where it was held (its first place). */
  conversation: Uint8Array;
  names: string[];
  /** What a list of libraries or places files each entry under (its last place's name, else its title), as a number in `listed`. */
  listedAs: Int32Array;
  listed: string[];
}

/** Each entry's kind (a number in `kinds`) and first month, by record position: tests that do not read the entry. */
export interface EntryFacts {
  kind: Uint8Array;
  kinds: Kind[];
  /** The month the entry starts, counted from year 0 (months are YYYY-MM, so this is their order). */
  start: Int32Array;
}

/** Each entry's period as a number (alike in label, start and end: one number), by record position. */
export interface PeriodFacts {
  period: Int32Array;
  /** For each number, the period of the first entry that has it. */
  periods: Entry['period'][];
}

interface Kept {
  version: number;
  flags?: Int8Array;
  ownWork?: Int32Array;
  entries?: EntryFacts;
  who?: WhoFacts;
  places?: PlaceFacts;
  /** Where each contact's positions (contactPositions) and who-numbers (contactWho) start in `runs`. */
  contacts: WeakMap<Contact, number>;
  contactWho?: WeakMap<Contact, number>;
  runs: Runs;
  lists?: WeakMap<readonly Entry[], Int32Array>;
  dated?: DatedFacts;
  periods?: PeriodFacts;
}

/** The date order as numbers (RecordIndex.datedColumns), and the longest entry in months: nothing starting more than this before a span can overlap it. */
interface DatedFacts extends DatedColumns {
  maxSpan: number;
}

const kept = new WeakMap<RecordIndex, Kept>();

/**
 * Many short lists of numbers (one or two for each contact a query met: 21,000 after the bench's queries at
 * 100,000 entries) one after another in one array, each with its length first. A typed array each cost two objects
 * (the array and its buffer) of more bytes than most lists' numbers: 8 MB of the heap after the bench's queries.
 */
class Runs {
  private data = new Int32Array(1 << 12);
  private length = 0;

  /** Adds a list; returns where it is. */
  add(values: ArrayLike<number>): number {
    const at = this.length;
    const end = at + 1 + values.length;
    if (end > this.data.length) {
      const grown = new Int32Array(Math.max(end, Math.ceil(this.data.length * 1.5)));
      grown.set(this.data.subarray(0, at));
      this.data = grown;
    }
    this.data[at] = values.length;
    this.data.set(values, at + 1);
    this.length = end;
    return at;
  }

  /** Every list, each with its length first: the list at `at` is `all[at + 1]` to `all[at + all[at]]` (no view made). */
  get all(): Int32Array {
    return this.data;
  }

  /** The list at `at`, as a view (no copy). */
  get(at: number): Int32Array {
    return this.data.subarray(at + 1, at + 1 + this.data[at]!);
  }
}

/**
 * What is kept for this version of the record, if anything: for the memory bench (bench/memory.ts), which measures
 * each part by letting it go.
 */
export function keptFor(index: RecordIndex): object | undefined {
  const got = kept.get(index);
  return got?.version === index.version ? got : undefined;
}

function current(index: RecordIndex): Kept {
  let got = kept.get(index);
  if (!got || got.version !== index.version) {
    got = { version: index.version, contacts: new WeakMap(), runs: new Runs() };
    kept.set(index, got);
  }
  return got;
}

export function whoFacts(index: RecordIndex): WhoFacts {
  const got = current(index);
  got.who ??= factsOf(index.entries);
  return got.who;
}

/**
 * A yes/no fact about an entry that is costly to work out (isLibrary folds its text), kept by record position once
 * asked: -1 not asked yet, else 0 or 1. One per record version, for one such fact.
 */
export function libraryFlags(index: RecordIndex): Int8Array {
  const got = current(index);
  got.flags ??= new Int8Array(index.entries.length).fill(-1);
  return got.flags;
}

/**
 * Which of the project's own-work words (OWN_WORK_WORDS, one bit each) an entry's words hold, kept by record position
 * once asked: -1 not asked yet. A record-wide question about a kind asks it of every entry of another kind; one read
 * here is several times cheaper than a lookup by entry object.
 */
export function ownWorkFlags(index: RecordIndex): Int32Array {
  const got = current(index);
  got.ownWork ??= new Int32Array(index.entries.length).fill(-1);
  return got.ownWork;
}

export function entryFacts(index: RecordIndex): EntryFacts {
  const got = current(index);
  if (!got.entries) {
    const codes = new Map<string, number>();
    const kind = Uint8Array.from(index.entries, (e) => number(codes, e.kind));
    const start = Int32Array.from(index.entries, (e) => Number(e.period.start.slice(0, 4)) * 12 + Number(e.period.start.slice(5, 7)) - 1);
    got.entries = { kind, kinds: [...codes.keys()] as Kind[], start };
  }
  return got.entries;
}

export function placeFacts(index: RecordIndex): PlaceFacts {
  const got = current(index);
  got.places ??= placeFactsOf(index.entries);
  return got.places;
}

export function periodFacts(index: RecordIndex): PeriodFacts {
  const got = current(index);
  if (!got.periods) {
    const ids = new Map<string, number>();
    const periods: Entry['period'][] = [];
    const period = Int32Array.from(index.entries, (e) => {
      const id = number(ids, `${e.period.label}\u0000${e.period.start}\u0000${e.period.end}`);
      if (id === periods.length) periods.push(e.period);
      return id;
    });
    got.periods = { period, periods };
  }
  return got.periods;
}

/** A contact's entries as record positions (see RecordIndex.recordPosition), kept with the facts. */
export function contactPositions(index: RecordIndex, contact: Contact): Int32Array {
  const { contacts, runs } = current(index);
  let at = contacts.get(contact);
  if (at === undefined) {
    at = runs.add(Int32Array.from(contact.entries, (e) => index.recordPosition(e)));
    contacts.set(contact, at);
  }
  return runs.get(at);
}

/**
 * A list of the record's entries that lives as long as the record version (a place's entries) as record positions
 * (-1: not in the record). Marking a land's 50,000 entries by position was mostly a lookup by entry object each.
 */
export function listPositions(index: RecordIndex, list: readonly Entry[]): Int32Array {
  const got = current(index);
  got.lists ??= new WeakMap();
  let positions = got.lists.get(list);
  if (!positions) {
    positions = Int32Array.from(list, (e) => index.recordPosition(e));
    got.lists.set(list, positions);
  }
  return positions;
}

/** The entries of these lists (see listPositions), marked by record position, one byte each (1: in some list). */
export function listMarks(index: RecordIndex, lists: readonly (readonly Entry[])[]): Uint8Array {
  const marks = new Uint8Array(index.entries.length);
  for (const list of lists) {
    const positions = listPositions(index, list);
    for (let k = 0; k < positions.length; k++) if (positions[k]! >= 0) marks[positions[k]!] = 1;
  }
  return marks;
}

function datedFacts(index: RecordIndex): DatedFacts {
  const got = current(index);
  if (!got.dated) {
    const columns = index.datedColumns();
    let maxSpan = 0;
    for (let j = 0; j < columns.start.length; j++) maxSpan = Math.max(maxSpan, columns.end[j]! - columns.start[j]!);
    got.dated = { ...columns, maxSpan };
  }
  return got.dated;
}

/**
 * The entries of these lists (see listPositions) in date order, each once, with their record positions (lists of
 * date-ordered entries that may overlap, as a land's counties do; "bibliotek" names thousands of places).
 */
export function inDateOrder(index: RecordIndex, lists: readonly (readonly Entry[])[]): { entries: Entry[]; positions: number[] } {
  const marks = listMarks(index, lists);
  const { position } = datedFacts(index);
  const dated = index.chronological;
  const entries: Entry[] = [];
  const positions: number[] = [];
  for (let j = 0; j < position.length; j++) {
    if (position[j]! < 0 || marks[position[j]!] !== 1) continue;
    entries.push(dated[j]!);
    positions.push(position[j]!);
  }
  return { entries, positions };
}

/**
 * The entries overlapping a span (what RecordIndex.timeline gives), marked by record position, and how many: the
 * same walk of the date order, over numbers. A year is a third of the record.
 */
export function periodMarks(index: RecordIndex, span: MonthSpan): { marks: Uint8Array; count: number } {
  const { position, start, end, maxSpan } = datedFacts(index);
  const [from, to] = [monthNumber(span.start), monthNumber(span.end)];
  const earliest = from - maxSpan;
  const lo = lowerBound(start.length, (j) => start[j]! < earliest);
  const marks = new Uint8Array(index.entries.length);
  let count = 0;
  for (let j = lo; j < start.length && start[j]! <= to; j++) {
    if (end[j]! >= from && position[j]! >= 0) {
      marks[position[j]!] = 1;
      count++;
    }
  }
  return { marks, count };
}

/**
 * A contact's part of a who-answer, kept per record version: in its entries' order, the first entry giving each name
 * (name number, record position, place among the entry's people), the first standing for each body (body number,
 * position), the first of each kind and period among those with a body (number, position), and the entries naming
 * no one (position), after a header of how many of each. Taken contact by contact, what they give together is
 * what their entries give read one by one (a name, body or period met again adds nothing): a role thousands of
 * contacts hold then reads a few numbers a contact, not 59,000 entries scattered over the record.
 */
export function contactWho(index: RecordIndex, contact: Contact): Int32Array {
  const got = current(index);
  return got.runs.get(whoStart(index, got, contact));
}

/**
 * contactWho of many contacts at once, without a view each (a view is an object: making 11,000 of them for a role
 * that many contacts hold was a good part of its answer): contact k's numbers are in `all`, from `starts[k] + 1`,
 * `all[starts[k]]` of them.
 */
export function contactsWho(index: RecordIndex, contacts: readonly Contact[]): { all: Int32Array; starts: Int32Array } {
  const got = current(index);
  const starts = new Int32Array(contacts.length);
  for (let k = 0; k < contacts.length; k++) starts[k] = whoStart(index, got, contacts[k]!);
  // Read after all are kept: keeping one may have moved the numbers to a bigger array.
  return { all: got.runs.all, starts };
}

function whoStart(index: RecordIndex, got: Kept, contact: Contact): number {
  got.contactWho ??= new WeakMap();
  let start = got.contactWho.get(contact);
  if (start === undefined) {
    const { packed, nameIds, nameAt } = whoFacts(index);
    const names: number[] = [];
    const bodies: number[] = [];
    const kindPeriods: number[] = [];
    const noOne: number[] = [];
    const [seenName, seenBody, seenKindPeriod] = [new Set<number>(), new Set<number>(), new Set<number>()];
    for (const at of contactPositions(index, contact)) {
      const o = 4 * at;
      for (let k = packed[o]!; k < packed[o + 1]!; k++) {
        if (seenName.has(nameIds[k]!)) continue;
        seenName.add(nameIds[k]!);
        names.push(nameIds[k]!, at, nameAt[k]!);
      }
      const body = packed[o + 2]!;
      if (body === NAMED) continue;
      if (body === NO_ONE) {
        noOne.push(at);
        continue;
      }
      if (!seenBody.has(body)) {
        seenBody.add(body);
        bodies.push(body, at);
      }
      if (!seenKindPeriod.has(packed[o + 3]!)) {
        seenKindPeriod.add(packed[o + 3]!);
        kindPeriods.push(packed[o + 3]!, at);
      }
    }
    start = got.runs.add([names.length, bodies.length, kindPeriods.length, ...names, ...bodies, ...kindPeriods, ...noOne]);
    got.contactWho.set(contact, start);
  }
  return start;
}

const number = (map: Map<string, number>, key: string) => {
  let id = map.get(key);
  if (id === undefined) map.set(key, (id = map.size));
  return id;
};

function placeFactsOf(entries: readonly Entry[]): PlaceFacts {
  const names = new Map<string, number>();
  const named = (name: string | null | undefined) => (name ? number(names, name) : -1);
  const placeStart = new Int32Array(entries.length + 1);
  const name: number[] = [];
  const county: number[] = [];
  const municipality: number[] = [];
  const lastPlace = new Int32Array(entries.length);
  const conversation = new Uint8Array(entries.length);
  const listed = new Map<string, number>();
  const listedAs = new Int32Array(entries.length);
  entries.forEach((e, i) => {
    listedAs[i] = number(listed, e.places.at(-1)?.name ?? e.title);
    placeStart[i] = county.length;
    for (const p of e.places) {
      name.push(named(p.name));
      county.push(named(p.county));
      municipality.push(named(p.municipality));
    }
    lastPlace[i] = named(e.places.at(-1)?.name);
    conversation[i] = e.kind === 'conversation' ? 1 : 0;
  });
  placeStart[entries.length] = county.length;
  return { placeStart, name: Int32Array.from(name), county: Int32Array.from(county), municipality: Int32Array.from(municipality), lastPlace, conversation, names: [...names.keys()], listedAs, listed: [...listed.keys()] };
}

function factsOf(entries: readonly Entry[]): WhoFacts {
  const names = new Map<string, number>();
  const bodies = new Map<string, number>();
  const kindPeriods = new Map<string, number>();
  const nameStart = new Int32Array(entries.length + 1);
  const nameIds: number[] = [];
  const nameAt: number[] = [];
  const body = new Int32Array(entries.length);
  const kindPeriod = new Int32Array(entries.length);
  entries.forEach((e, i) => {
    nameStart[i] = nameIds.length;
    e.people.forEach((p, k) => {
      if (!p.name) return;
      nameIds.push(number(names, p.name));
      nameAt.push(k);
    });
    const first = e.people[0];
    body[i] = nameIds.length > nameStart[i]! ? NAMED : !first ? NO_ONE : number(bodies, `${first.organisation}\u0000${first.role ?? ''}`);
    kindPeriod[i] = number(kindPeriods, `${e.kind}\u0000${e.period.label}\u0000${e.period.start}\u0000${e.period.end}`);
  });
  nameStart[entries.length] = nameIds.length;
  const packed = new Int32Array(4 * entries.length);
  for (let i = 0; i < entries.length; i++) packed.set([nameStart[i]!, nameStart[i + 1]!, body[i]!, kindPeriod[i]!], 4 * i);
  return {
    packed,
    nameStart,
    nameIds: Int32Array.from(nameIds),
    nameAt: Int32Array.from(nameAt),
    names: names.size,
    body,
    bodies: bodies.size,
    kindPeriod,
    kindPeriods: kindPeriods.size,
  };
}
