import type { Entry, Kind, Person, Place } from '../data/schema.js';
import type { Contact } from '../search/contacts.js';
import type { RecordIndex } from '../search/engine.js';
import type { UnsupportedKind } from '../search/period.js';
import { contactPositions, contactsWho, entryFacts, libraryFlags, listMarks, NAMED, NO_ONE, ownWorkFlags, periodFacts, periodMarks as periodMarksOf, placeFacts, whoFacts } from './facts.js';
import type { SwedishPlace } from '../search/sweden.js';
import { fold } from '../search/text.js';
import type { PlaceConstraint, Question } from './parse.js';
import { CONTACT_KINDS, OWN_WORK_WORDS, SENTENCE_ITEMS, type Shape, type Unit, VISIT_KINDS } from './vocabulary.js';

/** Something the question asked for that the record does not hold: said plainly instead of dropped. */
export type Miss =
  | { kind: 'place'; text: string; sweden?: SwedishPlace }
  | { kind: 'period'; named: string; start: string; end: string }
  | { kind: 'unsupported-period'; which: UnsupportedKind }
  | { kind: 'terms'; terms: string[] };

/** How the question was read, for the line under the answer (render words it). */
export interface Reading {
  kinds: Kind[] | null;
  places: string[];
  excluded: string[];
  period: { start: string; end: string } | null;
  terms: string[];
  unit: Unit | null;
}

/**
 * The answer to a question as data: what it rests on and what it says, before any wording. src/render/answer.ts
 * words it in the reader's language; every fact in the words comes from `entries`.
 */
export interface AnswerModel {
  shape: Shape;
  /** The entries the answer rests on, in the order shown (the record's order unless the shape orders them). */
  entries: Entry[];
  /** For "when" about a place: the entries of the asked kind first, then the other mentions of the place. */
  also: Entry[];
  /** The place or name the answer is about, as the question wrote it ("Motala"). */
  subject: string | null;
  yes?: boolean;
  /** Entries offered when the answer is no but the record holds something near (the place, other kinds or times). */
  nearest: Entry[];
  /** For counts and lists of places, counties, municipalities or people: the distinct items, in record order. */
  items: string[];
  unit: Unit | null;
  /** The word the count was asked in ("studiebesök", "gånger"). */
  unitWord: string | null;
  /**
   * For who: the first SENTENCE_ITEMS + 1 named people (with role and organisation), and how many there are: the
   * sentence names no more, and a common word's 11,000 contacts name 1,600 people (see collectPeopleOf).
   */
  people: Pick<Person, 'name' | 'role' | 'organisation'>[];
  peopleCount: number;
  /**
   * For who, of the entries that name no one: the organisations (each first person, once per organisation and
   * role); one entry for each kind and period among those (how and when); and those naming no organisation either.
   */
  unnamed: Unnamed;
  /** For "when" about a place: the kinds asked for, when none of the place's entries is of them ("besök Västerbotten"). */
  missingKinds: Kind[] | null;
  /**
   * Nothing in the asked period, and `entries` are what the rest of the question finds at other times ("Hur många
   * telefonintervjuer gjorde vi hösten 2016?": none then, three in spring 2017): the answer says none first.
   */
  otherTimes?: boolean;
  /** A count or list of people where the entries name no one (see Unnamed): their organisations answer instead. */
  noneNamed?: boolean;
  /** For yes/no: the organisation asked about is only mentioned in the record, never met or visited. */
  mentionedOnly?: boolean;
  /** For first/last between two places ("Nykvarn eller Bibblerian?"): the one that came first or last. */
  winner?: Entry;
  /** For a yes/no question about several places: each place's own verdict. */
  perPlace: { label: string; entries: Entry[]; missing: boolean }[];
  /**
   * For a list of libraries or places: how many (each entry under its last place, else its title), and the first
   * SENTENCE_ITEMS + 1 of them in the order first met, each with one entry for each kind and period among its own
   * (in the order first met): what the sentence words, read from numbers, not from a land's 50,000 entries.
   */
  listed?: { count: number; first: { name: string; kindsAndPeriods: Entry[] }[] };
  /**
   * For when: each of `entries`' period as a number (see facts.ts), and a period object for each number, so that
   * the answer groups a land's tens of thousands of entries by period without reading each entry.
   */
  periodsOf?: { ids: Int32Array; periods: Entry['period'][] };
  /** For where: the places of the entries, each name once where it first comes, as its last mention gives it. */
  places: Place[];
  misses: Miss[];
  /** How a question was read; null for a command's own reply. */
  reading: Reading | null;
}

/** Words for a role ("projektledare", "samordnaren", "coordinators"): a list of them is a list of people. */
const ROLE_WORD = /(ledare|ledarna|samordnare|samordnaren|samordnarna|koordinator\w*|chef\w*|ansvarig\w*|bibliotekarie\w*|leads?|coordinators?|managers?|librarians?)$/;

/** A text match counts when it scores at least this share of the best one (set against the query set: 0.21 keeps
 * Bibblerian for "medborgarkontor" at 0.22 and drops Vårsta for "citizen offices" at 0.15). */
const RELEVANT_SHARE = 0.21;

const LIBRARY = /bibliot|bibbl/;
const LIBRARY_ANY_CASE = /bibliot|bibbl/i;
// Folding every entry's text is most of a "which libraries" question at 100,000 entries: text that matches in
// any case matches folded, and ASCII text that does not cannot match folded either; only the rest is folded.
// What was found is kept by record position (libraryFlags), not with the entry: a weak map over 100,000 entries
// was 3 MB.
const isLibrary = (e: Entry) => {
  const text = `${e.places.map((p) => p.name).join(' ')} ${e.title}`;
  return LIBRARY_ANY_CASE.test(text) || (/[^\x20-\x7e]/.test(text) && LIBRARY.test(fold(text)));
};
// Whether an entry's words name the project's own work (see OWN_WORK_WORDS) is asked of every entry of a kind
// not asked for: a question about the conference without a place looks at all 100,000. Folding them is most of
// that answer, so each entry's finding (one bit a word) is kept, like isLibrary's, by record position.
const OWN_WORDS = [...new Set(Object.values(OWN_WORK_WORDS).flat())];
const ownWorkBitsOf = (e: Entry) => {
  const text = fold(`${e.source} ${e.summary}`);
  return OWN_WORDS.reduce((b, w, i) => (text.includes(w) ? b | (1 << i) : b), 0);
};
const ownWorkMask = (words: readonly string[]) => words.reduce((b, w) => b | (1 << OWN_WORDS.indexOf(w)), 0);
const named = (e: Entry) => e.people.some((p) => p.name);

/** The places of the entries at these positions: each name once, where it first comes, as its last mention gives it. */
function placesOf(index: RecordIndex, positions: ArrayLike<number>): Place[] {
  const { placeStart, name, conversation } = placeFacts(index);
  const order: number[] = [];
  // The last mention of each name, as entry position and place within it.
  const last = new Map<number, [number, number]>();
  for (let j = 0; j < positions.length; j++) {
    const i = positions[j]!;
    // Where a conversation was is where it was held (its first place: Storforsen), not what it was about (Motala).
    const end = conversation[i] === 1 ? Math.min(placeStart[i]! + 1, placeStart[i + 1]!) : placeStart[i + 1]!;
    for (let k = placeStart[i]!; k < end; k++) {
      const id = name[k]!;
      if (!last.has(id)) order.push(id);
      last.set(id, [i, k - placeStart[i]!]);
    }
  }
  return order.map((id) => {
    const [i, k] = last.get(id)!;
    return index.entries[i]!.places[k]!;
  });
}

/**
 * The distinct items a unit counts among the entries at these record positions, in their order. Where we have
 * been, a conversation counts where it was held (its first place), not the place it was about. Read from numbers
 * kept per record (facts.ts): a count over a land reads tens of thousands of entries.
 */
function itemsOf(unit: Unit | null, index: RecordIndex, positions: ArrayLike<number>, being: boolean): string[] {
  if (unit === null) return [];
  if (unit === 'people') {
    const { nameStart, nameIds, nameAt } = whoFacts(index);
    const seen = new Set<number>();
    const items: string[] = [];
    for (let j = 0; j < positions.length; j++) {
      const i = positions[j]!;
      for (let k = nameStart[i]!; k < nameStart[i + 1]!; k++) {
        if (seen.has(nameIds[k]!)) continue;
        seen.add(nameIds[k]!);
        items.push(index.entries[i]!.people[nameAt[k]!]!.name!);
      }
    }
    return items;
  }
  const { placeStart, county, municipality, lastPlace, conversation, names } = placeFacts(index);
  const seen = new Uint8Array(names.length);
  const items: string[] = [];
  const add = (id: number) => {
    if (id < 0 || seen[id] === 1) return;
    seen[id] = 1;
    items.push(names[id]!);
  };
  const level = unit === 'counties' ? county : unit === 'municipalities' ? municipality : null;
  for (let j = 0; j < positions.length; j++) {
    const i = positions[j]!;
    if (!level) {
      add(lastPlace[i]!);
      continue;
    }
    const end = being && conversation[i] === 1 ? Math.min(placeStart[i]! + 1, placeStart[i + 1]!) : placeStart[i + 1]!;
    for (let k = placeStart[i]!; k < end; k++) add(level[k]!);
  }
  return items;
}

/** See AnswerModel.periodsOf. */
function periodsOf(index: RecordIndex, positions: ArrayLike<number>): NonNullable<AnswerModel['periodsOf']> {
  const { period, periods } = periodFacts(index);
  // A loop, not Int32Array.from with a function: that reads 30,000 positions through an iterator and a call each.
  const ids = new Int32Array(positions.length);
  for (let j = 0; j < positions.length; j++) ids[j] = period[positions[j]!]!;
  return { ids, periods };
}

/** See AnswerModel.listed. */
function listedOf(index: RecordIndex, positions: ArrayLike<number>): NonNullable<AnswerModel['listed']> {
  const { listedAs, listed } = placeFacts(index);
  const { kindPeriod, kindPeriods } = whoFacts(index);
  // Each name's place in the order first met (-1: not yet), one read a position.
  const rank = new Int32Array(listed.length).fill(-1);
  let count = 0;
  for (let j = 0; j < positions.length; j++) {
    const g = listedAs[positions[j]!]!;
    if (rank[g] === -1) rank[g] = count++;
  }
  const shown = Math.min(count, SENTENCE_ITEMS + 1);
  const first: { name: string; kindsAndPeriods: Entry[] }[] = [];
  const seen: Uint8Array[] = [];
  for (let j = 0; j < positions.length; j++) {
    const i = positions[j]!;
    const k = rank[listedAs[i]!]!;
    if (k >= shown) continue;
    if (k === first.length) {
      first.push({ name: listed[listedAs[i]!]!, kindsAndPeriods: [] });
      seen.push(new Uint8Array(kindPeriods));
    }
    if (seen[k]![kindPeriod[i]!] === 1) continue;
    seen[k]![kindPeriod[i]!] = 1;
    first[k]!.kindsAndPeriods.push(index.entries[i]!);
  }
  return { count, first };
}

export interface Unnamed {
  bodies: Pick<Person, 'name' | 'role' | 'organisation'>[];
  kindsAndPeriods: Entry[];
  /** The first SENTENCE_ITEMS + 1 of them (as `people`), and how many. */
  without: Entry[];
  withoutCount: number;
}

const noUnnamed = (): Unnamed => ({ bodies: [], kindsAndPeriods: [], without: [], withoutCount: 0 });

/** How many of a who-answer's people and entries naming no one are kept as objects: what a sentence can name. */
const KEPT = SENTENCE_ITEMS + 1;

/**
 * The answer model for a command's own reply (no question to read): `/visit Motala` answers like "När besökte vi
 * Motala?", `/timeline` like "Vad hände …?", `/contact` like "Vem …?". No reading line: the command says it all.
 */
export function commandAnswer(
  shape: Shape,
  entries: readonly Entry[],
  /** record: the index and the entries' record positions, one for each of `entries` (a who-answer needs them). */
  options: {
    subject?: string;
    kinds?: readonly Kind[];
    record?: { index: RecordIndex; positions: ArrayLike<number> };
    /**
     * For a who-answer, in place of `record` and `entries` (pass none): the contacts whose entries, each once as
     * first met, are the answer's (read contact by contact, see contactWho, and gathered only when read).
     */
    contacts?: { index: RecordIndex; contacts: readonly Contact[] };
  } = {},
): AnswerModel {
  const { kinds, record } = options;
  // Without kinds every entry is first: a copy (the caller's list may be the gazetteer's own, which changes).
  const first: Entry[] = kinds ? [] : entries.slice();
  const also: Entry[] = [];
  const firstAt: number[] = [];
  const alsoAt: number[] = [];
  // With the entries' record positions, their kinds are read as numbers (see facts.ts), not from each entry.
  const facts = kinds && record ? entryFacts(record.index) : null;
  const asked = facts ? Uint8Array.from(facts.kinds, (k) => (kinds!.includes(k) ? 1 : 0)) : null;
  for (let j = 0; kinds && j < entries.length; j++) {
    const e = entries[j]!;
    const at = record ? record.positions[j]! : -1;
    const yes = !kinds || (asked && at >= 0 ? asked[facts!.kind[at]!] === 1 : kinds.includes(e.kind));
    (yes ? first : also).push(e);
    (yes ? firstAt : alsoAt).push(at);
  }
  const [main, rest] = first.length > 0 ? [first, also] : [also, []];
  const mainAt: ArrayLike<number> = !kinds ? (record?.positions ?? []) : first.length > 0 ? firstAt : alsoAt;
  const missingKinds = kinds && first.length === 0 && also.length > 0 ? [...kinds] : null;
  const model: AnswerModel = {
    shape,
    entries: main,
    also: rest,
    subject: options.subject ?? null,
    nearest: [],
    items: [],
    unit: null,
    unitWord: null,
    people: [],
    peopleCount: 0,
    unnamed: noUnnamed(),
    misses: [],
    missingKinds,
    perPlace: [],
    places: [],
    reading: null,
  };
  if (shape === 'when' && record && Array.prototype.every.call(mainAt, (at: number) => at >= 0)) model.periodsOf = periodsOf(record.index, mainAt);
  if (shape === 'who') {
    // A who-answer reads its entries' people by record position (see facts.ts): the caller has them.
    if (options.contacts) {
      collectPeopleOf(model, options.contacts.index, options.contacts.contacts);
      // The sentence words only what was collected above; the entries themselves are gathered when read (a role
      // thousands hold has 59,000 of them, and gathering them was a third of its answer's time).
      lazyEntries(model, options.contacts.index, options.contacts.contacts);
    }
    else if (options.record) collectPeople(model, options.record.index, options.record.positions);
    else throw new Error('a who-answer needs the record and its entries\' positions, or its contacts');
  }
  return model;
}

/** `model.entries` as the contacts' entries, each once as first met, gathered on first read. */
function lazyEntries(model: AnswerModel, index: RecordIndex, contacts: readonly Contact[]): void {
  let gathered: Entry[] | null = null;
  Object.defineProperty(model, 'entries', {
    enumerable: true,
    configurable: true,
    get: () => (gathered ??= entriesOfContacts(index, contacts)),
    set: (value: Entry[]) => {
      gathered = value;
    },
  });
}

/** The entries of these contacts, each once as first met: marked by record position, not put in a Set (a role thousands hold). */
function entriesOfContacts(index: RecordIndex, contacts: readonly Contact[]): Entry[] {
  const seen = new Uint8Array(index.entries.length);
  const entries: Entry[] = [];
  for (const c of contacts) {
    const list = contactPositions(index, c);
    for (let k = 0; k < list.length; k++) {
      const at = list[k]!;
      if (seen[at] === 1) continue;
      seen[at] = 1;
      entries.push(index.entries[at]!);
    }
  }
  return entries;
}

/**
 * The same as collectPeople of the entries of these contacts, each once as first met (what /contact answers on),
 * read contact by contact from what is kept of each (see contactWho).
 */
function collectPeopleOf(model: AnswerModel, index: RecordIndex, contacts: readonly Contact[]): void {
  const facts = whoFacts(index);
  const all = index.entries;
  const seenName = new Uint8Array(facts.names);
  const seenBody = new Uint8Array(facts.bodies);
  const seenKindPeriod = new Uint8Array(facts.kindPeriods);
  const seenEntry = new Uint8Array(all.length);
  const { all: who, starts } = contactsWho(index, contacts);
  for (let k = 0; k < starts.length; k++) {
    // This contact's numbers (see contactWho): how many names, bodies and kinds and periods, then those, then the
    // entries naming no one up to the end.
    const head = starts[k]! + 1;
    const last = head + who[starts[k]!]!;
    let t = head + 3;
    for (const end = t + who[head]!; t < end; t += 3) {
      if (seenName[who[t]!] === 1) continue;
      seenName[who[t]!] = 1;
      if (model.peopleCount++ < KEPT) model.people.push(all[who[t + 1]!]!.people[who[t + 2]!]!);
    }
    for (const end = t + who[head + 1]!; t < end; t += 2) {
      if (seenBody[who[t]!] === 1) continue;
      seenBody[who[t]!] = 1;
      model.unnamed.bodies.push(all[who[t + 1]!]!.people[0]!);
    }
    for (const end = t + who[head + 2]!; t < end; t += 2) {
      if (seenKindPeriod[who[t]!] === 1) continue;
      seenKindPeriod[who[t]!] = 1;
      model.unnamed.kindsAndPeriods.push(all[who[t + 1]!]!);
    }
    for (; t < last; t++) {
      if (seenEntry[who[t]!] === 1) continue;
      seenEntry[who[t]!] = 1;
      if (model.unnamed.withoutCount++ < KEPT) model.unnamed.without.push(all[who[t]!]!);
    }
  }
}

/** The named people and what is said of the unnamed (see AnswerModel) of the model's entries, at these positions. */
function collectPeople(model: AnswerModel, index: RecordIndex, positions: ArrayLike<number>): void {
  const facts = whoFacts(index);
  const all = index.entries;
  const { packed, nameIds, nameAt } = facts;
  const seenName = new Uint8Array(facts.names);
  const seenBody = new Uint8Array(facts.bodies);
  const seenKindPeriod = new Uint8Array(facts.kindPeriods);
  for (let j = 0; j < positions.length; j++) {
    const i = positions[j]!;
    const o = 4 * i;
    for (let k = packed[o]!, end = packed[o + 1]!; k < end; k++) {
      const name = nameIds[k]!;
      if (seenName[name] === 1) continue;
      seenName[name] = 1;
      if (model.peopleCount++ < KEPT) model.people.push(all[i]!.people[nameAt[k]!]!);
    }
    const b = packed[o + 2]!;
    if (b === NAMED) continue;
    if (b === NO_ONE) {
      if (model.unnamed.withoutCount++ < KEPT) model.unnamed.without.push(all[i]!);
      continue;
    }
    if (seenBody[b] === 0) {
      seenBody[b] = 1;
      model.unnamed.bodies.push(all[i]!.people[0]!);
    }
    const kp = packed[o + 3]!;
    if (seenKindPeriod[kp] === 0) {
      seenKindPeriod[kp] = 1;
      model.unnamed.kindsAndPeriods.push(all[i]!);
    }
  }
}

/** The entries at these record positions, in one allocation of their number. */
function entriesOfPositions(all: readonly Entry[], positions: ArrayLike<number>): Entry[] {
  const out = new Array<Entry>(positions.length);
  for (let k = 0; k < positions.length; k++) out[k] = all[positions[k]!]!;
  return out;
}

/** Applies every constraint of the question together and decides what the answer rests on. */
export function selectAnswer(q: Question, index: RecordIndex): AnswerModel {
  const all = index.entries;
  const misses: Miss[] = [];
  if (q.unsupportedPeriod) misses.push({ kind: 'unsupported-period', which: q.unsupportedPeriod });
  const period = q.period;
  // By record position, from numbers kept per record version: a year is a third of the record.
  const inThePeriod = period ? periodMarksOf(index, period) : null;
  if (period && inThePeriod!.count === 0) misses.push({ kind: 'period', named: period.named, start: period.start, end: period.end });

  const missingPlaces = q.places.filter((p) => p.places.length === 0);
  // "Did we visit Nykvarn or Luleå?": a yes/no question about several places answers each; only when none of them
  // is in the record is the whole answer no.
  const perPlace = q.shape === 'yes-no' && q.places.length > 1 && missingPlaces.length < q.places.length;
  if (!perPlace) for (const p of missingPlaces) misses.push({ kind: 'place', text: p.label, sweden: p.sweden });
  // The words left over are searched together. A word that finds nothing is dropped when it is an ordinary word
  // ("följde", "deltog"); when it is written as a name ("Anna Svensson") the record not having it is the answer.
  // By record position (see RecordIndex.relevantMarks): a common word selects tens of thousands of entries.
  let relevant: Uint8Array | null = null;
  const known = q.terms.filter((term) => index.finds(term));
  const unknownNames = q.nameTerms.filter((term) => !known.includes(term));
  if (unknownNames.length > 0) misses.push({ kind: 'terms', terms: unknownNames });
  else if (known.length > 0) {
    // The words together first ("job centre" is Arbetsförmedlingen, not every "centre"), then the known ones. Hits
    // far below the best are words merely brushing an entry ("staff" in "multilingual staff"), not what was asked.
    let found = index.relevantMarks(q.terms.join(' '), RELEVANT_SHARE);
    if (found.count === 0) found = index.relevantMarks(known.join(' '), RELEVANT_SHARE);
    relevant = found.marks;
  }

  const reading: Reading = {
    kinds: q.kinds,
    places: q.places.map((p) => p.label),
    excluded: q.excluded.map((p) => p.label),
    period: period ? { start: period.start, end: period.end } : null,
    terms: q.terms,
    unit: q.unit,
  };
  const model: AnswerModel = {
    shape: q.shape,
    entries: [],
    also: [],
    subject: q.places[0]?.label ?? null,
    nearest: [],
    items: [],
    unit: q.unit,
    unitWord: q.unitWord,
    people: [],
    peopleCount: 0,
    unnamed: noUnnamed(),
    perPlace: [],
    places: [],
    missingKinds: null,
    misses,
    reading,
  };
  if (misses.length > 0) {
    if (q.shape === 'yes-no') model.yes = false;
    return model;
  }

  // Entries at the places (two places in one question mean either, "Malmö och Motala"), not excluded, with the
  // words, in record order. Each constraint marks its entries by record position and one pass reads the marks: at
  // 100,000 entries, sets of a land's 50,000 entries were most of an answer's time.
  const entriesAt = (constraints: readonly PlaceConstraint[]) => constraints.flatMap((p) => p.places.map((n) => n.entries));
  const marks = q.places.length > 0 ? listMarks(index, entriesAt(q.places)) : relevant ? relevant : q.excluded.length > 0 ? new Uint8Array(all.length).fill(1) : null;
  if (marks && q.places.length > 0 && relevant) for (let i = 0; i < marks.length; i++) marks[i]! &= relevant[i]!;
  if (marks && q.excluded.length > 0) {
    const excluded = listMarks(index, entriesAt(q.excluded));
    for (let i = 0; i < marks.length; i++) if (excluded[i] === 1) marks[i] = 0;
  }
  // Unfiltered, `where` is the record itself (read, never changed), and an entry's position in it is its record
  // position. Filtered, it is read by record position (whereAt) and made a list of entries only where an answer
  // rests on all of it: a land's 50,000 entries are mostly passed over.
  let whereAt: Int32Array | null = null;
  if (marks) {
    let n = 0;
    for (let i = 0; i < marks.length; i++) n += marks[i]!;
    whereAt = new Int32Array(n);
    for (let i = 0, j = 0; i < marks.length; i++) if (marks[i] === 1) whereAt[j++] = i;
  }
  const whereLength = whereAt ? whereAt.length : all.length;
  const atOf = (j: number) => (whereAt ? whereAt[j]! : j);
  /** The record positions of `where`'s entries that pass the test, in its order. */
  const wherePositions = (test: (e: Entry, at: number) => boolean): number[] => {
    const out: number[] = [];
    for (let j = 0; j < whereLength; j++) {
      const at = atOf(j);
      if (test(all[at]!, at)) out.push(at);
    }
    return out;
  };
  /** The entries of `where` (all of them without a test), in its order. */
  const whereEntries = (test: (e: Entry, at: number) => boolean = () => true): Entry[] => wherePositions(test).map((at) => all[at]!);
  // By record position: the period's entries (a binary-searched slice of the date order) are marked once, and the
  // rest of a record-wide question is never read.
  const periodMarks = inThePeriod ? inThePeriod.marks : null;
  const inPeriodAt = (at: number) => !periodMarks || periodMarks[at] === 1;
  // A question about the project's own work (the conference) also means entries whose words say it happened there.
  const ownWork = q.kinds && !q.kindsFromVerb ? q.kinds.flatMap((k) => OWN_WORK_WORDS[k] ?? []) : [];
  const ownMask = ownWorkMask(ownWork);
  const ownWorkAt = ownMask !== 0 ? ownWorkFlags(index) : null;
  // An entry asked without its position (a place's entries) is found by it: what is kept is kept by position.
  const mentionsOwnWork = (e: Entry, position?: number) => {
    if (!ownWorkAt) return false;
    const at = position ?? index.recordPosition(e);
    if (at < 0) return (ownWorkBitsOf(e) & ownMask) !== 0;
    if (ownWorkAt[at] === -1) ownWorkAt[at] = ownWorkBitsOf(e);
    return (ownWorkAt[at]! & ownMask) !== 0;
  };
  // Being somewhere counts a conversation only where it was held (its first place: Storforsen), not where the
  // centre it was about lies (Motala).
  const being = q.being;
  const labels = new Set(q.places.flatMap((p) => p.places.map((n) => n.label)));
  const heldAt = (e: Entry) => {
    if (!being || e.kind !== 'conversation' || q.places.length === 0) return true;
    const held = e.places[0];
    return held !== undefined && [held.name, held.municipality, held.county, held.district].some((n) => n !== null && n !== undefined && labels.has(n));
  };
  // With the entry's record position (`at`), its kind and whether it names someone come from numbers kept per
  // record (facts.ts): a record-wide question then reads only the entries of the asked kinds.
  const facts = entryFacts(index);
  const libraries = libraryFlags(index);
  const libraryAt = (e: Entry, position?: number) => {
    const at = position ?? index.recordPosition(e);
    if (at < 0) return isLibrary(e);
    if (libraries[at] === -1) libraries[at] = isLibrary(e) ? 1 : 0;
    return libraries[at] === 1;
  };
  // Whether each kind (by its number in facts.kinds) is asked for, and counts for a list of libraries.
  const askedKind = Uint8Array.from(facts.kinds, (k) => (!q.kinds || q.kinds.includes(k) ? 1 : 0));
  const libraryKind = Uint8Array.from(facts.kinds, (k) => ((q.kinds ?? CONTACT_KINDS).includes(k) ? 1 : 0));
  const ofKind = (e: Entry, at?: number) =>
    !q.kinds || ((at === undefined ? q.kinds.includes(e.kind) : askedKind[facts.kind[at]!] === 1) && heldAt(e)) || mentionsOwnWork(e, at);
  const ofUnit = (e: Entry, at?: number) =>
    q.unit === 'libraries'
      ? (at === undefined ? (q.kinds ?? CONTACT_KINDS).includes(e.kind) : libraryKind[facts.kind[at]!] === 1) && libraryAt(e, at)
      : q.unit === 'people'
        ? at === undefined ? named(e) : whoFacts(index).body[at] === NAMED
        : true;
  // Positions first, into an array of `where`'s size; the entries then in one allocation of their own size: a
  // county's 58,000 entries pushed one by one into growing arrays were a third of such an answer's time.
  const found = new Int32Array(whereLength);
  let count = 0;
  for (let j = 0; j < whereLength; j++) {
    const at = atOf(j);
    if (!inPeriodAt(at)) continue;
    const e = all[at]!;
    if (!ofKind(e, at) || !ofUnit(e, at)) continue;
    found[count++] = at;
  }
  const matchingAt = found.subarray(0, count);
  const matching = entriesOfPositions(all, matchingAt);
  // The record positions of model.entries where a branch below knows them (see positions()).
  let answerAt: { entries: readonly Entry[]; at: ArrayLike<number> } | null = null;

  switch (q.shape) {
    case 'when': {
      // Asking when we were in touch with a place (not when a workshop or the conference was) lists the rest too.
      if (q.places.length > 0 && q.kinds?.every((k) => CONTACT_KINDS.includes(k))) {
        // "När besökte vi Motala?": the visits first, then everything else the record says about Motala. Split by
        // position, each entry read once (a county's 13,000 entries were each asked their kind twice by object).
        const ofAsked = new Int32Array(whereLength);
        const ofOther = new Int32Array(whereLength);
        let [asked, other] = [0, 0];
        for (let j = 0; j < whereLength; j++) {
          const at = atOf(j);
          if (!inPeriodAt(at) || !ofUnit(all[at]!, at)) continue;
          if (ofKind(all[at]!, at)) ofAsked[asked++] = at;
          else ofOther[other++] = at;
        }
        const at = asked === 0 && other > 0 ? ofOther.subarray(0, other) : ofAsked.subarray(0, asked);
        model.entries = entriesOfPositions(all, at);
        answerAt = { entries: model.entries, at };
        model.also = asked > 0 ? entriesOfPositions(all, ofOther.subarray(0, other)) : [];
        if (asked === 0 && other > 0) model.missingKinds = [...q.kinds];
      } else model.entries = matching;
      break;
    }
    case 'yes-no': {
      if (perPlace) {
        model.perPlace = q.places.map((p) => {
          const at = listMarks(index, entriesAt([p]));
          return { label: p.label, entries: matching.filter((e) => at[index.recordPosition(e)] === 1), missing: p.places.length === 0 };
        });
        model.yes = model.perPlace.every((p) => p.entries.length > 0);
        model.entries = matching;
        break;
      }
      // An organisation the record only names in an entry's text (Arbetsförmedlingen, a partner of Härnösand's
      // library) was not visited or met: the record only mentions it.
      const metIn = (label: string, e: Entry) => [...e.people.map((p) => p.organisation), ...e.places.map((p) => p.name)].some((n) => fold(n) === fold(label));
      const onlyNamed = (p: Question['places'][number]) =>
        p.places.length > 0 && p.places.every((n) => n.level === 'organisation' && !n.entries.some((e) => metIn(n.label, e)));
      if (q.kinds && q.places.length > 0 && q.places.every(onlyNamed)) {
        model.yes = false;
        model.mentionedOnly = true;
        model.nearest = model.entries = whereEntries();
        break;
      }
      model.yes = matching.length > 0;
      model.entries = matching;
      if (!model.yes && (q.places.length > 0 || q.terms.length > 0)) model.nearest = model.entries = whereEntries();
      break;
    }
    case 'first':
    case 'last': {
      if (matching.length === 0) {
        // "När var vi senast i Västerbotten?" where we never were: what the record has there, the kind said missing.
        if (q.kinds && (q.places.length > 0 || q.terms.length > 0)) {
          model.nearest = model.entries = whereEntries((e, at) => inPeriodAt(at) && ofUnit(e, at));
          if (model.entries.length > 0) model.missingKinds = [...q.kinds];
        }
        break;
      }
      // By start month, the first in record order among equals.
      const key = (k: number) => facts.start[matchingAt[k]!]!;
      let best = 0;
      for (let k = 1; k < matching.length; k++) if (q.shape === 'first' ? key(k) < key(best) : key(k) > key(best)) best = k;
      const pick = matching[best]!;
      if (q.places.length >= 2) {
        // "Vad gjorde vi först, Nykvarn eller Bibblerian?": every candidate shown, the answer names the winner.
        model.entries = matching;
        model.also = [];
        model.winner = pick;
      } else {
        model.entries = matching.filter((_, k) => key(k) === key(best));
      }
      break;
    }
    default:
      model.entries = matching;
      // "Hur många personer ringde vi 2018?" when those calls name no one: the calls answer, with whom they were.
      if (matching.length === 0 && q.unit === 'people') {
        const unnamed = whereEntries((e, at) => inPeriodAt(at) && ofKind(e, at));
        if (unnamed.length > 0) {
          model.entries = unnamed;
          model.noneNamed = true;
          break;
        }
      }
      // Nothing of the asked kind, but the place or names are in the record ("the conference in Storforsen" is only
      // in the conversations held there): answer with those, and say the kind was not found.
      if (matching.length === 0 && q.kinds && (q.places.length > 0 || q.terms.length > 0)) {
        model.nearest = model.entries = whereEntries((e, at) => inPeriodAt(at) && ofUnit(e, at));
        // Said first in the answer: "Hur många besök i Nacka?" is not answered by counting an email.
        if (model.entries.length > 0) model.missingKinds = [...q.kinds];
      }
  }

  // Nothing in the asked period, but the rest of the question is in the record at other times: those answer, after
  // the answer says there was none then (a count of none is an answer; "nothing fits" is not).
  if (model.entries.length === 0 && periodMarks && (q.kinds || q.places.length > 0 || relevant)) {
    let other = whereEntries((e, at) => ofKind(e, at) && ofUnit(e, at));
    if (other.length === 0 && q.unit === 'people') {
      // People asked for, and those entries name no one at any time: whom they do name (see noneNamed).
      other = whereEntries((e, at) => ofKind(e, at));
      if (other.length > 0) model.noneNamed = true;
    }
    if (other.length > 0 && (q.shape === 'first' || q.shape === 'last')) {
      // The first or last of those, as the branch above picks among the period's own.
      const start = (e: Entry) => facts.start[index.recordPosition(e)]!;
      const best = other.reduce((b, e) => (q.shape === 'first' ? Math.min(b, start(e)) : Math.max(b, start(e))), start(other[0]!));
      other = other.filter((e) => start(e) === best);
    }
    if (other.length > 0) {
      model.entries = other;
      model.otherTimes = true;
    }
  }
  // "Vilka projektledare pratade vi med?" asks for people, though it opens like a list.
  if (q.shape === 'which' && q.terms.some((term) => ROLE_WORD.test(fold(term)))) model.shape = 'who';
  // "Vilka ringde vi vt17?", "Vilka mejlade vi?": "vilka" with only a verb of calling, writing or talking asks
  // whom ("Vilka besökte vi?" stays a list of places).
  const toSomeone = q.kinds?.every((k) => CONTACT_KINDS.includes(k)) && !q.kinds.every((k) => VISIT_KINDS.includes(k));
  if (q.shape === 'which' && !q.unit && q.kindsFromVerb && toSomeone && /^(vilka|which)\b/i.test(fold(q.text).trim())) model.shape = 'who';
  // The answer's entries are some of `where`, in its order: their positions are found by walking both (or known,
  // when they are the matching entries).
  const positions = (): ArrayLike<number> => {
    if (answerAt?.entries === model.entries) return answerAt.at;
    if (model.entries === matching) return matchingAt;
    const out: number[] = [];
    answerAt = { entries: model.entries, at: out };
    for (let j = 0, k = 0; k < model.entries.length; k++) {
      while (j < whereLength && all[atOf(j)] !== model.entries[k]) j++;
      out.push(j < whereLength ? atOf(j++) : index.recordPosition(model.entries[k]!));
    }
    return out;
  };
  if (q.unit === 'people' && model.shape === 'how-many' && model.entries === matching) {
    // "Hur många personer pratade vi med?": the named are counted; those the record names no one for (the
    // coordinator at Lärcentrum) are said beside the count, so the entries naming no one are read too.
    collectPeople(model, index, wherePositions((e, at) => inPeriodAt(at) && ofKind(e, at)));
  } else if (model.shape === 'who' || q.unit === 'people') collectPeople(model, index, positions());
  if (q.shape !== 'first' && q.shape !== 'last' && q.unit !== null) model.items = itemsOf(q.unit, index, positions(), being);
  if (model.shape === 'where') model.places = placesOf(index, positions());
  if (model.shape === 'when' && model.entries.length > 0) model.periodsOf = periodsOf(index, positions());
  const listing = model.shape === 'which' || model.shape === 'what-happened';
  if (listing && (model.unit === 'libraries' || model.unit === 'places') && model.entries.length > 0) model.listed = listedOf(index, positions());
  return model;
}
