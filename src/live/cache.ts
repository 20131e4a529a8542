import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packRecord, unpackRecord } from '../data/packed.js';
import type { RecordFile } from '../data/schema.js';
import type { SerialisedIndexes } from '../search/engine.js';

/**
 * The start-up cache: the built text indexes, stored under a key made of the data file's SHA-256 and the
 * pipeline's version. A changed data file or a changed pipeline gives a new key, so a stale index is never
 * served; the old file is removed when the new one is written. Small records are not cached: they build in
 * milliseconds. The record is cached beside its indexes, packed (src/data/packed.ts), under the same key: the
 * store's stamp (or the file's hash) says exactly which content it is, so a start finding both reads none of the
 * store's rows (parses none of the file's text).
 */

export const CACHE_MIN_ENTRIES = 2000;
export const DEFAULT_CACHE_DIR = fileURLToPath(new URL('../../.cache/index/', import.meta.url));

// Everything that decides which terms the index holds. Their text is hashed, so editing any of them (the
// stemmer, the compound heads, the fields) changes the key by itself — nobody has to remember to bump a number.
// UI text is not among them: search imports none, so a changed label never throws a cache away.
const PIPELINE_FILES = [
  ...['analyze.ts', 'stem.ts', 'text.ts', 'kinds.ts', 'engine.ts', 'text-index.ts', 'postings.ts', 'contacts.ts', 'names.ts', 'organisations.ts', 'sweden.ts', 'places.ts', 'order.ts'].map((f) => `../search/${f}`),
  '../../data/sweden.json',
  // A record read from the store under a stamp that has a cache is not put through the schema again (see
  // Store.snapshot): a changed schema must not find the old cache.
  '../data/schema.ts',
  // The record cached beside the indexes is what this code read from the store: a change to how it reads (the
  // store) or to the tables (a migration that need not touch a row, so the stamp stays) must not find it either.
  '../data/packed.ts',
  '../store/store.ts',
  ...migrationFiles(),
];
const MINISEARCH_VERSION = '7.2.0';

function migrationFiles(): string[] {
  try {
    return readdirSync(fileURLToPath(new URL('../store/migrations/', import.meta.url))).sort().map((name) => `../store/migrations/${name}`);
  } catch {
    return [];
  }
}

let pipelineVersion: string | undefined;
export function pipelineHash(): string {
  if (!pipelineVersion) {
    const hash = createHash('sha256').update(`minisearch@${MINISEARCH_VERSION}\n`);
    for (const file of PIPELINE_FILES) {
      try {
        hash.update(readFileSync(fileURLToPath(new URL(file, import.meta.url))));
      } catch {
        // Running from a build without sources: fall back to the file names alone.
        hash.update(file);
      }
    }
    pipelineVersion = hash.digest('hex').slice(0, 16);
  }
  return pipelineVersion;
}

export function cacheKey(dataBytes: Buffer): string {
  return cacheKeyOfHash(createHash('sha256').update(dataBytes).digest('hex'));
}

/** The same from the data's SHA-256 in hex, worked out elsewhere (a reader worker). */
export function cacheKeyOfHash(sha256: string): string {
  return `${sha256.slice(0, 32)}-${pipelineHash()}`;
}

/**
 * The key for a record in the store: its stamp, which changes with every write (Store.state), instead of a hash of
 * the whole record — at 100,000 entries, stringifying and hashing it was a noticeable part of start-up.
 */
export function storeCacheKey(stamp: string): string {
  return `${stamp}-${pipelineHash()}`;
}

function cacheFile(dir: string, dataFile: string, key: string): string {
  return join(dir, `${basename(dataFile)}-${key}.json`);
}

function recordFile(dir: string, dataFile: string, key: string): string {
  return join(dir, `${basename(dataFile)}-${key}.record.json`);
}

/** Whether both cache files for this key are there (not read: a background writer skips a build it need not do). */
export function hasCache(dir: string, dataFile: string, key: string): boolean {
  return existsSync(cacheFile(dir, dataFile, key)) && existsSync(recordFile(dir, dataFile, key));
}

/** The cached indexes for this key, or null (none, unreadable, or from another version: then it rebuilds). */
export function readCache(dir: string, dataFile: string, key: string): SerialisedIndexes | null {
  try {
    // JSON, not v8.serialize: for MiniSearch's plain-object form JSON.parse reads it about 2.6 times faster.
    const data = JSON.parse(readFileSync(cacheFile(dir, dataFile, key), 'utf8')) as { key?: string; indexes?: SerialisedIndexes };
    return data.key === key && data.indexes ? data.indexes : null;
  } catch {
    return null;
  }
}

/**
 * The record cached under this key, or null (none, too long to pack, or damaged: then read from its source). A
 * damaged file is removed, so that the cache is written again (hasCache).
 */
export function readCachedRecord(dir: string, dataFile: string, key: string): RecordFile | null {
  const file = recordFile(dir, dataFile, key);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const data = JSON.parse(text) as { key?: string; record?: unknown; tooLong?: true };
    if (data.key === key && data.tooLong) return null;
    if (data.key !== key) throw new Error('another key');
    return unpackRecord(data.record);
  } catch {
    rmSync(file, { force: true });
    return null;
  }
}

/**
 * Writes the cache atomically (each file a temp file, then renamed) and removes older caches of the same data file.
 * Either file may still be found without the other (a write that failed half-way, another process's clean-up in
 * between): a start then reads the record from its source, and hasCache() says the cache is to be written again.
 */
export function writeCache(dir: string, dataFile: string, key: string, indexes: SerialisedIndexes, record: RecordFile): void {
  mkdirSync(dir, { recursive: true });
  const written = [writeAtomically(recordFile(dir, dataFile, key), packedText(key, record)), writeAtomically(cacheFile(dir, dataFile, key), JSON.stringify({ key, indexes }))];
  const prefix = `${basename(dataFile)}-`;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(prefix) && !written.includes(join(dir, name)) && /\.(json|v8)$/.test(name)) rmSync(join(dir, name), { force: true });
  }
}

function packedText(key: string, record: RecordFile): string {
  try {
    return JSON.stringify({ key, record: packRecord(record) });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // Longer than V8's longest string (a few million entries): each start reads the record from its source, and
    // this file says so, so that hasCache() does not have it written again at every start.
    return JSON.stringify({ key, tooLong: true });
  }
}

/** Writes through a temp file of this writer's own (a cache worker and the main thread share a process id). */
function writeAtomically(target: string, text: string): string {
  const temp = `${target}.${randomUUID()}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return target;
}
