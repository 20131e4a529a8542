import { cacheKey, CACHE_MIN_ENTRIES, DEFAULT_CACHE_DIR, readCache, writeCache } from '../search/cache.js';
import { RecordIndex } from '../search/engine.js';
import { Suggester } from '../search/suggest.js';
import { parseRecordText, readDataFile } from './load.js';

/** A loaded record with everything built from it. Replaced whole, never mutated, so a reader never sees half. */
export interface Loaded {
  file: string;
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
  // Bytes with a cache entry passed validation when the entry was written, so they need not be checked again.
  const record = parseRecordText(bytes.toString('utf8'), file, cached !== null);
  let index: RecordIndex;
  try {
    index = new RecordIndex(record, cached ?? undefined);
  } catch (error) {
    if (!cached) throw error;
    index = new RecordIndex(parseRecordText(bytes.toString('utf8'), file), undefined);
  }
  let saved = cached !== null;
  const suggester = new Suggester(index);
  suggester.warm(['place', 'period']);
  return {
    file,
    index,
    suggester,
    loadedAt: new Date(),
    fromCache: cached !== null,
    saveCache() {
      if (saved || !dir || index.entries.length < CACHE_MIN_ENTRIES) return;
      saved = true;
      writeCache(dir, file, key, index.serialise());
    },
    finish() {
      suggester.warm(['title', 'who']);
      index.contacts.warm();
      this.saveCache();
    },
  };
}

/** Holds the current record; a reload swaps it in one assignment, or throws and keeps the last good one. */
export class LiveRecord {
  constructor(private loaded: Loaded) {}

  get current(): Loaded {
    return this.loaded;
  }

  /** Loads the file again; the new record replaces the old only once it is complete. */
  reload(): Loaded {
    const next = loadIndexed(this.loaded.file);
    next.suggester.warm();
    next.index.contacts.warm();
    this.loaded = next;
    return next;
  }
}
