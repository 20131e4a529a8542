/**
 * Runs in a worker thread (see background.ts): reads the record from the store on its own connection, builds the
 * indexes and writes the start-up cache under the stamp it read. The serving thread never waits on any of it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RecordIndex } from '../search/engine.js';
import { openStoreReadOnly } from '../store/store.js';
import { CACHE_MIN_ENTRIES, hasCache, storeCacheKey, writeCache } from './cache.js';

export interface CacheJob {
  file: string;
  dir: string;
}

export interface CacheJobResult {
  /** The stamp the cache was written (or already there) for; null when the record is too small to cache. */
  stamp: string | null;
}

const { file, dir } = workerData as CacheJob;
const store = openStoreReadOnly(file);
try {
  const { record, state } = store.snapshot();
  const key = storeCacheKey(state.stamp);
  let stamp: string | null = null;
  if (record.entries.length >= CACHE_MIN_ENTRIES) {
    if (!hasCache(dir, file, key)) {
      const indexes = new RecordIndex(record).serialise();
      if (indexes) writeCache(dir, file, key, indexes, record);
    }
    stamp = state.stamp;
  }
  parentPort!.postMessage({ stamp } satisfies CacheJobResult);
} finally {
  store.close();
}
