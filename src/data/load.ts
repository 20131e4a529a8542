import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { recordFileSchema, type RecordFile } from './schema.js';

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
    const entry: unknown = Array.isArray(entries) ? entries[path[1]] : undefined;
    const id = (entry as { id?: unknown } | undefined)?.id;
    const rest = formatPath(path.slice(2));
    return `entry ${path[1]}${typeof id === 'string' ? ` (${id})` : ''}${rest ? `, field ${rest}` : ''}`;
  }
  return path.length > 0 ? `field ${formatPath(path)}` : 'top level';
}

/** zod's wording, made plainer where a field is simply absent. */
function plain(message: string): string {
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(message);
  return missing ? `is missing (expected ${missing[1]})` : message;
}

/** Validates parsed JSON; returns the record or throws DataError listing every problem. */
export function parseRecord(data: unknown, file: string): RecordFile {
  const result = recordFileSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 20).map((issue) => `${describePath(issue.path, data)}: ${plain(issue.message)}`);
    if (result.error.issues.length > 20) problems.push(`… and ${result.error.issues.length - 20} more problems`);
    throw new DataError(file, problems);
  }
  const record = result.data;
  const seen = new Map<string, number>();
  const problems: string[] = [];
  record.entries.forEach((entry, index) => {
    const first = seen.get(entry.id);
    if (first !== undefined) problems.push(`entry ${index} (${entry.id}), field id: the same id as entry ${first}`);
    else seen.set(entry.id, index);
  });
  if (problems.length > 0) throw new DataError(file, problems);
  return internStrings(record);
}

/**
 * Makes repeated values (place names, counties, roles, organisations, topics, labels) share one string. JSON.parse
 * gives every occurrence its own copy; at 100,000 entries that alone is tens of megabytes.
 * `pool` lets a record taken in pieces (a reload, page by page) share one set of strings across them.
 */
export function internStrings(record: RecordFile, pool = new Map<string, string>()): RecordFile {
  const one = <T extends string | null | undefined>(s: T): T => {
    if (typeof s !== 'string') return s;
    const known = pool.get(s);
    if (known !== undefined) return known as T;
    pool.set(s, s);
    return s;
  };
  for (const e of record.entries) {
    e.section = one(e.section);
    e.period.label = one(e.period.label);
    e.period.start = one(e.period.start);
    e.period.end = one(e.period.end);
    for (const p of e.places) {
      p.name = one(p.name);
      p.municipality = one(p.municipality);
      p.county = one(p.county);
      if (p.district) p.district = one(p.district);
    }
    for (const p of e.people) {
      p.name = one(p.name);
      p.role = one(p.role);
      p.organisation = one(p.organisation);
    }
    e.organisations = e.organisations.map(one);
    e.topics = e.topics.map(one);
  }
  return record;
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

/** Reads and validates a data file. Never returns a half-loaded record. */
export function loadRecordFile(file: string = DEFAULT_DATA_FILE): RecordFile {
  return parseRecord(parseJson(readDataFile(file).toString('utf8'), file), file);
}
