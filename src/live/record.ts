import { createHash } from 'node:crypto';
import { cacheKey, cacheKeyOfHash, CACHE_MIN_ENTRIES, DEFAULT_CACHE_DIR, readCache, writeCache } from './cache.js';
import { pause, RecordIndex, type SerialisedIndexes } from '../search/engine.js';
import { Suggester } from '../autocomplete/suggest.js';
import { internStrings, parseJson, parseRecord, readDataFile, readDataFileAsync } from '../data/load.js';
import type { RecordFile } from '../data/schema.js';
import type { Store } from '../store/store.js';

/**
 * A loaded record with everything built from it. A reload replaces it whole; a change in the store is applied to
 * it in place, synchronously (src/live/follow.ts), so a reader never sees half of either.
 */
export interface Loaded {
  /** The data file, or the database file when the record comes from the store. */
  file: string;
  /** The store the record comes from and is written to; absent for a record read from a JSON file (read-only). */
  store?: Store;
  /** The Discord role whose members may change the record (EDITOR_ROLE_ID), besides those with Manage Server. */
  editorRoleId?: string | null;
  index: RecordIndex;
  suggester: Suggester;
  loadedAt: Date;
  /** Whether the indexes came from the start-up cache. */
  fromCache: boolean;
  /** Stores the built indexes for the next start (a no-op when they came from the cache or the record is small). */
  saveCache(): void;
  /**
   * What can wait until the door is answering: the big autocomplete lists — titles for /entry (one per entry) and
   * people for /contact (one per person and organisation); a request that comes first builds its list on demand —
   * and the start-up cache.
   */
  finish(): void;
}

export interface LoadOptions {
  /** See Loaded.editorRoleId. */
  editorRoleId?: string | null;
  /** Where the start-up cache lives; null turns it off. Default: INDEX_CACHE_DIR, else .cache/index/. */
  cacheDir?: string | null;
}

function cacheDirFrom(options: LoadOptions): string | null {
  if (options.cacheDir !== undefined) return options.cacheDir;
  const env = process.env.INDEX_CACHE_DIR;
  if (env === 'off') return null;
  return env || DEFAULT_CACHE_DIR;
}

/** Loads, validates (or finds in the cache) and indexes a data file. Throws DataError on bad data. */
export function loadIndexed(file: string, options: LoadOptions = {}): Loaded {
  const bytes = readDataFile(file);
  const dir = cacheDirFrom(options);
  const key = dir ? cacheKey(bytes) : '';
  const cached = dir ? readCache(dir, file, key) : null;
  const data = parseJson(bytes.toString('utf8'), file);
  const fromCache = cached ? indexFromCache(data, cached) : null;
  const index = fromCache ?? new RecordIndex(parseRecord(data, file));
  const suggester = new Suggester(index);
  suggester.warm(['place', 'period']);
  return assemble(file, index, suggester, fromCache !== null, dir, key);
}

/**
 * The same, for a reload while the bot is serving: every long step is cut into chunks with pauses between them,
 * so interactions keep being answered (from the old record) while the new one is read, checked and indexed. The
 * result is complete — all lists and indexes built — before the caller swaps it in.
 */
export async function loadIndexedAsync(file: string, options: LoadOptions = {}): Promise<Loaded> {
  const bytes = await readDataFileAsync(file);
  const dir = cacheDirFrom(options);
  const key = dir ? cacheKey(bytes) : '';
  const cached = dir ? readCache(dir, file, key) : null;
  await pause();
  const data = parseJson(bytes.toString('utf8'), file);
  await pause();
  const fromCache = cached ? indexFromCache(data, cached) : null;
  await pause();
  const index = fromCache ?? (await RecordIndex.buildAsync(parseRecord(data, file)));
  const suggester = new Suggester(index);
  for (const field of ['place', 'period', 'who', 'title'] as const) {
    await pause();
    suggester.warm([field]);
  }
  await index.contacts.warmAsync();
  return assemble(file, index, suggester, fromCache !== null, dir, key);
}

/**
 * The index from the start-up cache, or null when the cached index does not fit the record (a damaged file):
 * then the caller validates and builds as if there were no cache. Bytes with a cache entry passed validation when
 * the entry was written, so they are not checked again here.
 */
function indexFromCache(data: unknown, cached: SerialisedIndexes): RecordIndex | null {
  try {
    return new RecordIndex(internStrings(data as RecordFile), cached);
  } catch {
    return null;
  }
}

function assemble(file: string, index: RecordIndex, suggester: Suggester, fromCache: boolean, dir: string | null, key: string): Loaded {
  let saved = fromCache;
  return {
    file,
    index,
    suggester,
    loadedAt: new Date(),
    fromCache,
    saveCache() {
      if (saved || !dir || index.entries.length < CACHE_MIN_ENTRIES) return;
      // An index changed since it was built no longer fits the key it was loaded under: the next start builds.
      const indexes = index.serialise();
      if (!indexes) return;
      saved = true;
      writeCache(dir, file, key, indexes);
    },
    finish() {
      suggester.warm(['title', 'who']);
      index.contacts.warm();
      this.saveCache();
    },
  };
}

/**
 * The record in the store, indexed (or found in the start-up cache under a hash of what the store holds). The
 * store is read once, in one transaction's worth of statements, so the index is of one state of the record.
 */
export function loadFromStore(store: Store, options: LoadOptions = {}): Loaded {
  const data = store.exportJson();
  const dir = cacheDirFrom(options);
  const key = dir ? storeKey(data) : '';
  const cached = dir ? readCache(dir, store.file, key) : null;
  const fromCache = cached ? indexFromCache(data, cached) : null;
  const index = fromCache ?? new RecordIndex(data);
  const suggester = new Suggester(index);
  suggester.warm(['place', 'period']);
  return { ...assemble(store.file, index, suggester, fromCache !== null, dir, key), store, editorRoleId: options.editorRoleId ?? null };
}

/**
 * The cache key of `cacheKey(Buffer.from(JSON.stringify(data)))`, fed to the hash an entry at a time: at a million
 * entries that text is longer than V8's longest string. (Stop-gap until the key is the store's revision.)
 */
function storeKey(data: RecordFile): string {
  const hash = createHash('sha256').update(`{"record":${JSON.stringify(data.record)},"entries":[`);
  data.entries.forEach((entry, i) => hash.update(i === 0 ? JSON.stringify(entry) : `,${JSON.stringify(entry)}`));
  return cacheKeyOfHash(hash.update(']}'));
}

/** The same while serving (SIGHUP): built in chunks, the old record answering meanwhile. */
export async function loadFromStoreAsync(store: Store, options: LoadOptions = {}): Promise<Loaded> {
  const data = store.exportJson();
  await pause();
  const index = await RecordIndex.buildAsync(data);
  const suggester = new Suggester(index);
  for (const field of ['place', 'period', 'who', 'title'] as const) {
    await pause();
    suggester.warm([field]);
  }
  await index.contacts.warmAsync();
  const dir = cacheDirFrom(options);
  return { ...assemble(store.file, index, suggester, false, dir, dir ? storeKey(data) : ''), store, editorRoleId: options.editorRoleId ?? null };
}

/** Holds the current record; a reload swaps it in one assignment, or throws and keeps the last good one. */
export class LiveRecord {
  /** Changes made while a reload was building: they are run on the new record before it is swapped in. */
  private during: ((loaded: Loaded) => void)[] | null = null;

  constructor(private loaded: Loaded) {}

  get current(): Loaded {
    return this.loaded;
  }

  /** Runs a change on the current record now (synchronously), and on a record being reloaded before it serves. */
  update(change: (loaded: Loaded) => void): void {
    change(this.loaded);
    this.during?.push(change);
  }

  /**
   * Loads the record again without stopping the answers: the new record is built in chunks and replaces the old in
   * one assignment once complete. A failure (DataError for a bad file) leaves the old record in place.
   */
  async reload(): Promise<Loaded> {
    const { store, file, editorRoleId } = this.loaded;
    this.during = [];
    try {
      const next = store ? await loadFromStoreAsync(store, { editorRoleId }) : await loadIndexedAsync(file);
      // A change that was already in what the reload read is applied again harmlessly (see follow.ts).
      for (const change of this.during) change(next);
      this.loaded = next;
      return next;
    } finally {
      this.during = null;
    }
  }
}
