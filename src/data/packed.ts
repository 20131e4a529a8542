import { type Entry, KINDS, type Person, type Place, type Period, type RecordFile } from './schema.js';

/**
 * The record in the start-up cache's form: every distinct string, period, place, person and list once, and each
 * entry as eleven numbers into those tables. At 100,000 entries, reading the record from the store took about a
 * second (the bodies' SQLite rows, a JSON.parse of each, then internStrings sharing what repeats); this form is
 * read with one JSON.parse of a third of the text and comes out shared, in about a quarter of that time.
 *
 * Only this program writes it, from a record it validated, under the store's stamp or the file's hash (see
 * src/live/cache.ts). The reader checks that every number it follows leads to a row, so a cut-off or foreign file
 * is refused (unpackRecord throws) rather than giving entries with holes, and the caller reads the record from its
 * source instead. A number changed to another row's is not caught: like the indexes beside it, the file has no
 * checksum, and one would cost a pass over all of its text at every start.
 */
export interface PackedRecord {
  format: typeof FORMAT;
  record: RecordFile['record'];
  strings: string[];
  /** Label, start and end (string numbers), three numbers a period. */
  periods: number[];
  /** Name, municipality, county and district (string numbers; NONE for a null municipality or no district). */
  places: number[];
  /** Name, role (string numbers or NONE) and organisation, three numbers a person. */
  people: number[];
  /** Lists of string, place and person numbers. */
  stringLists: number[][];
  placeLists: number[][];
  peopleLists: number[][];
  /** FIELDS numbers an entry, in the order below. */
  entries: number[];
}

const FORMAT = 1;
const NONE = -1;
// id, kind, period, section, title, summary, places, organisations, topics, people, source
const FIELDS = 11;

export function packRecord(record: RecordFile): PackedRecord {
  const strings = new Table<string>();
  const str = (s: string | null | undefined) => (s === null || s === undefined ? NONE : strings.number(s, s));
  const periods = new Table<number[]>();
  const places = new Table<number[]>();
  const people = new Table<number[]>();
  const stringLists = new Table<number[]>();
  const placeLists = new Table<number[]>();
  const peopleLists = new Table<number[]>();
  // A row is filed under its numbers joined: equal rows (and lists) become one.
  const row = (table: Table<number[]>, numbers: number[]) => table.number(numbers.join(), numbers);
  const period = (p: Period) => row(periods, [str(p.label), str(p.start), str(p.end)]);
  const place = (p: Place) => row(places, [str(p.name), str(p.municipality), str(p.county), str(p.district)]);
  const person = (p: Person) => row(people, [str(p.name), str(p.role), str(p.organisation)]);
  const entries: number[] = [];
  for (const e of record.entries) {
    entries.push(
      str(e.id),
      KINDS.indexOf(e.kind),
      period(e.period),
      str(e.section),
      str(e.title),
      str(e.summary),
      row(placeLists, e.places.map(place)),
      row(stringLists, e.organisations.map(str)),
      row(stringLists, e.topics.map(str)),
      row(peopleLists, e.people.map(person)),
      str(e.source),
    );
  }
  return {
    format: FORMAT,
    record: record.record,
    strings: strings.rows,
    periods: periods.rows.flat(),
    places: places.rows.flat(),
    people: people.rows.flat(),
    stringLists: stringLists.rows,
    placeLists: placeLists.rows,
    peopleLists: peopleLists.rows,
    entries,
  };
}

/** The record a PackedRecord holds. Throws on anything that does not fit together (a damaged or foreign file). */
export function unpackRecord(value: unknown): RecordFile {
  const p = value as PackedRecord;
  const fits = p?.format === FORMAT && typeof p.record?.title === 'string' && p.strings.every((x) => typeof x === 'string');
  if (!fits || p.entries.length === 0 || p.entries.length % FIELDS !== 0) throw new Error('not a packed record');
  const s = p.strings;
  const opt = (n: number | undefined) => (n === NONE ? null : at(s, n));
  const periods: Period[] = [];
  for (let i = 0; i < p.periods.length; i += 3) periods.push({ label: at(s, p.periods[i]), start: at(s, p.periods[i + 1]), end: at(s, p.periods[i + 2]) });
  const places: Place[] = [];
  for (let i = 0; i < p.places.length; i += 4) {
    const place: Place = { name: at(s, p.places[i]), municipality: opt(p.places[i + 1]), county: at(s, p.places[i + 2]) };
    // No district is an absent key, as JSON.parse gives it for an entry without one.
    if (p.places[i + 3] !== NONE) place.district = at(s, p.places[i + 3]);
    places.push(place);
  }
  const people: Person[] = [];
  for (let i = 0; i < p.people.length; i += 3) people.push({ name: opt(p.people[i]), role: opt(p.people[i + 1]), organisation: at(s, p.people[i + 2]) });
  const stringLists = p.stringLists.map((list) => list.map((n) => at(s, n)));
  const placeLists = p.placeLists.map((list) => list.map((n) => at(places, n)));
  const peopleLists = p.peopleLists.map((list) => list.map((n) => at(people, n)));
  const e = p.entries;
  const entries = new Array<Entry>(e.length / FIELDS);
  for (let i = 0, j = 0; j < e.length; i++, j += FIELDS) {
    entries[i] = {
      id: at(s, e[j]),
      kind: at(KINDS, e[j + 1]),
      period: at(periods, e[j + 2]),
      section: at(s, e[j + 3]),
      title: at(s, e[j + 4]),
      summary: at(s, e[j + 5]),
      places: at(placeLists, e[j + 6]),
      organisations: at(stringLists, e[j + 7]),
      topics: at(stringLists, e[j + 8]),
      people: at(peopleLists, e[j + 9]),
      source: at(s, e[j + 10]),
    };
  }
  return { record: p.record, entries };
}

/** Row n of a table; anything else (past the end, NONE where a value is required, not a whole number) throws. */
function at<T>(table: readonly T[], n: number | undefined): T {
  const value = Number.isInteger(n) && n! >= 0 ? table[n!] : undefined;
  if (value === undefined) throw new Error(`packed record: no row ${n}`);
  return value;
}

/** Distinct values in first-seen order, each with its number. */
class Table<T> {
  readonly rows: T[] = [];
  private readonly numbers = new Map<string, number>();

  number(key: string, value: T): number {
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.rows.length;
      this.rows.push(value);
      this.numbers.set(key, n);
    }
    return n;
  }
}
