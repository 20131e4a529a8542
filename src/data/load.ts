import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { JsonObjectStream, JsonStreamError } from './json-stream.js';
import { entrySchema, type Entry, type Period, type Person, type Place, recordFileSchema, type RecordFile } from './schema.js';

export const DEFAULT_DATA_FILE = fileURLToPath(new URL('../../data/activities.json', import.meta.url));

/** A data file that cannot be used. The message is meant for a person: file, entry, field, problem. */
export class DataError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `\n  - ${problems.join('\n  - ')}`}`);
    this.name = 'DataError';
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');
}

/** "entry 3 (2017-spring-visit-nykvarn), field places[0].county" — what a person needs to find the mistake. */
function describePath(path: readonly PropertyKey[], data: unknown): string {
  if (path[0] === 'entries' && typeof path[1] === 'number') {
    const entries = (data as { entries?: unknown } | null)?.entries;
    return describeEntryPath(path[1], Array.isArray(entries) ? entries[path[1]] : undefined, path.slice(2));
  }
  return path.length > 0 ? `field ${formatPath(path)}` : 'top level';
}

function describeEntryPath(index: number, entry: unknown, path: readonly PropertyKey[]): string {
  const id = (entry as { id?: unknown } | undefined)?.id;
  const rest = formatPath(path);
  return `entry ${index}${typeof id === 'string' ? ` (${id})` : ''}${rest ? `, field ${rest}` : ''}`;
}

/** zod's wording, made plainer where a field is simply absent. */
function plain(message: string): string {
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(message);
  return missing ? `is missing (expected ${missing[1]})` : message;
}

const MAX_PROBLEMS = 20;

function listProblems(problems: string[], total: number): string[] {
  return total > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), `… and ${total - MAX_PROBLEMS} more problems`] : problems;
}

/** Validates parsed JSON; returns the record or throws DataError listing every problem. */
export function parseRecord(data: unknown, file: string): RecordFile {
  const result = recordFileSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.slice(0, MAX_PROBLEMS).map((issue) => `${describePath(issue.path, data)}: ${plain(issue.message)}`);
    throw new DataError(file, listProblems(problems, result.error.issues.length));
  }
  return internStrings(uniqueIds(result.data, file));
}

function uniqueIds(record: RecordFile, file: string): RecordFile {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  record.entries.forEach((entry, index) => {
    const first = seen.get(entry.id);
    if (first !== undefined) problems.push(`entry ${index} (${entry.id}), field id: the same id as entry ${first}`);
    else seen.set(entry.id, index);
  });
  if (problems.length > 0) throw new DataError(file, problems);
  return record;
}

/**
 * Makes repeated values share one copy: strings (place names, counties, roles, organisations, topics, labels),
 * and the small objects and lists built of them (a period, a place, a person, an entry's places, people,
 * organisations or topics). JSON.parse gives every occurrence its own copy; at 100,000 entries the strings alone
 * were tens of megabytes, and the objects and lists another twenty-odd (100,000 periods where a few hundred
 * differ, as many lists of topics where a few hundred differ). Entries are read-only once loaded (a change in the
 * store replaces the entry), so a shared period or list is never written through one entry to another.
 * `pool` lets a record taken in pieces (a reload, page by page) share one set across them.
 */
export function internStrings(record: RecordFile, pool = new InternPool()): RecordFile {
  for (const e of record.entries) {
    e.section = pool.string(e.section);
    e.period = pool.period(e.period);
    e.places = pool.places(e.places);
    e.people = pool.people(e.people);
    e.organisations = pool.strings(e.organisations);
    e.topics = pool.strings(e.topics);
  }
  return record;
}

/**
 * The shared copies of internStrings. A period, place or person is found through two of its parts and compared on
 * the rest, not by a key made of its parts: a key of its own for each of 100,000 entries' periods, places and
 * people made loading a third slower. The first part is one with few values (a county, an organisation), the
 * second one with many (a name): where a name alone was the way in, the bench's thousands of people sharing a
 * name were compared one by one. No closures here either: tsx names each closure as it is made.
 */
export class InternPool {
  private readonly seen = new Map<string, string>();
  private readonly periods: Parts<Period> = new Map();
  private readonly placesSeen: Parts<Place> = new Map();
  private readonly personsSeen: Parts<Person> = new Map();
  private readonly stringLists: Trie<string> = { list: undefined, next: undefined };
  private readonly placeLists: Trie<Place> = { list: undefined, next: undefined };
  private readonly peopleLists: Trie<Person> = { list: undefined, next: undefined };
  /** Whether a value not seen before was added (since list() last cleared it). */
  private added = false;

  /** The pool's copy of a string (the string itself the first time it is seen). */
  string<T extends string | null | undefined>(s: T): T {
    if (typeof s !== 'string') return s;
    const known = this.seen.get(s);
    if (known !== undefined) return known as T;
    this.seen.set(s, s);
    this.added = true;
    return s;
  }

  period(p: Period): Period {
    const byEnd = within(this.periods, p.start);
    const alike = byEnd.get(p.end);
    const known = among(alike, p, samePeriod);
    if (known) return known;
    p.label = this.string(p.label);
    p.start = this.string(p.start);
    p.end = this.string(p.end);
    add(byEnd, p.end, alike, p);
    this.added = true;
    return p;
  }

  /** A list of strings (organisations, topics). */
  strings(list: string[]): string[] {
    return this.list(this.stringLists, list, this.stringOf);
  }

  places(list: Place[]): Place[] {
    return this.list(this.placeLists, list, this.placeOf);
  }

  people(list: Person[]): Person[] {
    return this.list(this.peopleLists, list, this.personOf);
  }

  // Made once, not at each call (see above).
  private readonly stringOf = (s: string) => this.string(s);
  private readonly placeOf = (p: Place) => this.place(p);
  private readonly personOf = (p: Person) => this.person(p);

  /** The shared list of these items' shared copies, found item by item; else the list itself, of shared copies. */
  private list<T>(root: Trie<T>, items: T[], shared: (item: T) => T): T[] {
    this.added = false;
    for (let i = 0; i < items.length; i++) items[i] = shared(items[i]!);
    // A list with an item not seen before was not seen before either: neither looked for nor filed (its second
    // copy is). Most lists of people are a record's only one (the bench's 42,000 of 43,000), and filing each was
    // a tenth of a second of loading.
    if (this.added) return items;
    let node = root;
    for (const item of items) node = step(node, item);
    node.list ??= items;
    return node.list;
  }

  private place(p: Place): Place {
    const byName = within(this.placesSeen, p.county);
    const alike = byName.get(p.name);
    const known = among(alike, p, samePlace);
    if (known) return known;
    p.name = this.string(p.name);
    p.municipality = this.string(p.municipality);
    p.county = this.string(p.county);
    if (p.district) p.district = this.string(p.district);
    add(byName, p.name, alike, p);
    this.added = true;
    return p;
  }

  private person(p: Person): Person {
    const byName = within(this.personsSeen, p.organisation);
    const alike = byName.get(p.name);
    const known = among(alike, p, samePerson);
    if (known) return known;
    p.name = this.string(p.name);
    p.role = this.string(p.role);
    p.organisation = this.string(p.organisation);
    add(byName, p.name, alike, p);
    this.added = true;
    return p;
  }
}

/** Values by a first and a second part: the one value with both, or (rarely) a list of them. */
type Parts<T> = Map<string, Map<string | null, T | T[]>>;

function within<T>(parts: Parts<T>, first: string): Map<string | null, T | T[]> {
  let second = parts.get(first);
  if (!second) parts.set(first, (second = new Map()));
  return second;
}

// The parts the maps do not compare (see InternPool).
const samePeriod = (a: Period, b: Period) => a.label === b.label;
// A district absent and one given as undefined are one place: both are written as no district.
const samePlace = (a: Place, b: Place) => a.municipality === b.municipality && a.district === b.district;
const samePerson = (a: Person, b: Person) => a.role === b.role;

/** The value among those with a value's two parts that is the same as it, if any. */
function among<T>(alike: T | T[] | undefined, value: T, same: (a: T, b: T) => boolean): T | undefined {
  if (alike === undefined) return undefined;
  if (!Array.isArray(alike)) return same(alike, value) ? alike : undefined;
  for (const a of alike) if (same(a, value)) return a;
  return undefined;
}

/** Adds a value not found among `alike`, those with its two parts. */
function add<T>(map: Map<string | null, T | T[]>, second: string | null, alike: T | T[] | undefined, value: T): void {
  if (alike === undefined) map.set(second, value);
  else if (Array.isArray(alike)) alike.push(value);
  else map.set(second, [alike, value]);
}

function step<T>(node: Trie<T>, item: unknown): Trie<T> {
  node.next ??= new Map();
  let next = node.next.get(item);
  if (!next) node.next.set(item, (next = { list: undefined, next: undefined }));
  return next;
}

/** Lists by their items, one level an item: a node's list is the one its path spells. */
interface Trie<T> {
  list: T[] | undefined;
  next: Map<unknown, Trie<T>> | undefined;
}

function unreadable(file: string, error: unknown): DataError {
  const code = (error as NodeJS.ErrnoException).code;
  return new DataError(file, [code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? 'unknown error'})`]);
}

/** The bytes of a data file, or a DataError that says why not. */
export function readDataFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw unreadable(file, error);
  }
}

/** The same, without blocking (for reloads while serving). */
export async function readDataFileAsync(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw unreadable(file, error);
  }
}

/** JSON text → data, or a DataError naming the file. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataError(file, [`is not valid JSON: ${(error as Error).message}`]);
  }
}

export interface StreamOptions {
  /** Bytes read at a time (tests make it tiny to put chunk boundaries everywhere). */
  chunkSize?: number;
  /** Sees every byte of the file, in order (for the cache key's hash). */
  onBytes?: (chunk: Buffer) => void;
}

const DEFAULT_CHUNK = 1 << 20;

/**
 * Reads and validates a record file without holding its text: the file is read in chunks, each entry is parsed
 * and checked on its own (JSON.parse, then the entry schema) and its text let go. A file over V8's longest string
 * (512 MiB, about 600,000 entries) cannot be read any other way. The result, and the problems listed for bad data,
 * are those of `parseRecord(JSON.parse(text))`. Text that is not JSON throws JsonStreamError (see loadRecordFile).
 */
export function streamRecordFile(file: string, options: StreamOptions = {}): RecordFile {
  const members = new Map<string, unknown>();
  const entries: Entry[] = [];
  let streamed = false;
  let count = 0;
  let entryIssues = 0;
  const entryProblems: string[] = [];
  const parser = new JsonObjectStream({
    streams: (key) => key === 'entries',
    member(key, value) {
      // JSON.parse keeps the last of a repeated member; so does this.
      members.delete(key);
      members.set(key, value);
      if (key === 'entries') {
        streamed = false;
        entries.length = 0;
        entryIssues = 0;
        entryProblems.length = 0;
      }
    },
    arrayStart() {
      members.delete('entries');
      members.set('entries', null);
      streamed = true;
      count = 0;
      entries.length = 0;
      entryIssues = 0;
      entryProblems.length = 0;
    },
    element(_key, value, index) {
      count++;
      const result = entrySchema.safeParse(value);
      if (result.success) {
        entries.push(result.data);
        return;
      }
      for (const issue of result.error.issues) {
        if (++entryIssues <= MAX_PROBLEMS) entryProblems.push(`${describeEntryPath(index, value, issue.path)}: ${plain(issue.message)}`);
      }
    },
  });

  const fd = openFile(file);
  try {
    const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
    for (;;) {
      // A fresh buffer each time: the parser may keep a slice of the last one for a value that runs on.
      const chunk = Buffer.allocUnsafe(chunkSize);
      const n = readSync(fd, chunk, 0, chunkSize, null);
      if (n === 0) break;
      const bytes = n < chunkSize ? chunk.subarray(0, n) : chunk;
      options.onBytes?.(bytes);
      parser.push(bytes);
    }
    parser.end();
  } catch (error) {
    if (error instanceof JsonStreamError) throw error;
    throw unreadable(file, error);
  } finally {
    closeSync(fd);
  }

  // The header and any other member through the file schema, with the entries (already checked) left out; the
  // problems come in the order the whole-file check gives them: header, entries, then unknown members.
  const data = Object.fromEntries(members) as Record<string, unknown>;
  if (streamed) data.entries = [];
  const top = recordFileSchema.safeParse(data);
  const topIssues = top.success ? [] : top.error.issues.filter((issue) => !(streamed && count > 0 && issue.path.length === 1 && issue.path[0] === 'entries'));
  if (topIssues.length > 0 || entryIssues > 0) {
    const describe = (issue: (typeof topIssues)[number]) => `${describePath(issue.path, data)}: ${plain(issue.message)}`;
    const header = topIssues.filter((issue) => issue.path[0] === 'record');
    const rest = topIssues.filter((issue) => issue.path[0] !== 'record');
    // entryProblems holds the first MAX_PROBLEMS only; so does the list shown.
    const problems = [...header.map(describe), ...entryProblems, ...rest.map(describe)].slice(0, MAX_PROBLEMS);
    throw new DataError(file, listProblems(problems, topIssues.length + entryIssues));
  }
  // Valid but for the emptied entries: the header alone, through its own part of the schema.
  const record = top.success ? top.data.record : recordFileSchema.shape.record.parse(data.record);
  return internStrings(uniqueIds({ record, entries }, file));
}

function openFile(file: string): number {
  try {
    return openSync(file, 'r');
  } catch (error) {
    throw unreadable(file, error);
  }
}

/** A text that big cannot be one string: V8's limit, in UTF-16 units, which a UTF-8 file has at most as many of as bytes. */
const MAX_STRING_BYTES = 512 * 2 ** 20 - 24;

/**
 * Reads and validates a data file. Never returns a half-loaded record. Streamed (see streamRecordFile); text that
 * the streamed reader finds is not a JSON object is read the whole-text way where it fits in a string, so such a
 * file is reported (or, for a top level that is not an object, checked) exactly as before.
 */
export function loadRecordFile(file: string = DEFAULT_DATA_FILE, options: StreamOptions = {}): RecordFile {
  try {
    return streamRecordFile(file, options);
  } catch (error) {
    if (!(error instanceof JsonStreamError)) throw error;
    if (fileSize(file) <= MAX_STRING_BYTES) return parseRecord(parseJson(readDataFile(file).toString('utf8'), file), file);
    throw new DataError(file, [`is not valid JSON: ${error.message}`]);
  }
}

/**
 * A record file read with loadRecordFile, with the SHA-256 of its bytes (what the start-up cache is keyed by):
 * for a file too big to be one text (tooBigForText), whose bytes are never held at once.
 */
export function loadRecordFileHashed(file: string): { record: RecordFile; sha256: string } {
  const hash = createHash('sha256');
  const record = loadRecordFile(file, { onBytes: (bytes) => hash.update(bytes) });
  return { record, sha256: hash.digest('hex') };
}

/** The SHA-256 of a file's bytes, read a piece at a time (for a file too big to be one text). */
export function sha256OfFile(file: string): string {
  const hash = createHash('sha256');
  const piece = Buffer.allocUnsafe(8 << 20);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    for (let n; (n = readSync(fd, piece, 0, piece.length, null)) > 0; ) hash.update(piece.subarray(0, n));
  } catch (error) {
    throw unreadable(file, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return hash.digest('hex');
}

/** Whether a data file is too big to read as one text: it is then read with streamRecordFile (loadRecordFile). */
export function tooBigForText(file: string, limit = MAX_STRING_BYTES): boolean {
  try {
    return fileSize(file) > limit;
  } catch {
    return false; // read as text, where the error becomes the DataError that says why
  }
}

function fileSize(file: string): number {
  const fd = openFile(file);
  try {
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}
