import { createHash, type Hash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SerialisedIndexes } from '../search/engine.js';

/**
 * The start-up cache: the built text indexes, stored under a key made of the data file's SHA-256 and the
 * pipeline's version. A changed data file or a changed pipeline gives a new key, so a stale index is never
 * served; the old file is removed when the new one is written. Small records are not cached: they build in
 * milliseconds.
 */

export const CACHE_MIN_ENTRIES = 2000;
export const DEFAULT_CACHE_DIR = fileURLToPath(new URL('../../.cache/index/', import.meta.url));

// Everything that decides which terms the index holds. Their text is hashed, so editing any of them (the
// stemmer, the compound heads, the fields) changes the key by itself — nobody has to remember to bump a number.
// UI text is not among them: search imports none, so a changed label never throws a cache away.
const PIPELINE_FILES = [
  ...['analyze.ts', 'stem.ts', 'text.ts', 'kinds.ts', 'engine.ts', 'text-index.ts', 'contacts.ts', 'names.ts', 'organisations.ts', 'sweden.ts'].map((f) => `../search/${f}`),
  '../../data/sweden.json',
];
const MINISEARCH_VERSION = '7.2.0';

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
  return cacheKeyOfHash(createHash('sha256').update(dataBytes));
}

/** The same key from a SHA-256 fed the data's bytes piece by piece (data too big to hold as one Buffer or string). */
export function cacheKeyOfHash(sha256: Hash): string {
  return `${sha256.digest('hex').slice(0, 32)}-${pipelineHash()}`;
}

function cacheFile(dir: string, dataFile: string, key: string): string {
  return join(dir, `${basename(dataFile)}-${key}.json`);
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

/** Writes the cache atomically (temp file, then rename) and removes older caches of the same data file. */
export function writeCache(dir: string, dataFile: string, key: string, indexes: SerialisedIndexes): void {
  mkdirSync(dir, { recursive: true });
  const target = cacheFile(dir, dataFile, key);
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ key, indexes }));
  renameSync(temp, target);
  const prefix = `${basename(dataFile)}-`;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(prefix) && join(dir, name) !== target && /\.(json|v8)$/.test(name)) rmSync(join(dir, name), { force: true });
  }
}
