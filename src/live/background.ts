import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DataError } from '../data/load.js';
import type { CacheJob, CacheJobResult } from './cache-worker.js';
import type { ReadJob, ReadMessage } from './reader-worker.js';

/**
 * A worker's entry, as code. Run from the TypeScript sources (through tsx), a worker's entry module does not get
 * tsx's loader from the parent's --import (Node 20 loads the entry before the hook is in place), so the entry
 * registers tsx first and then imports the worker's source; from compiled JavaScript it imports the file as is.
 */
function entry(name: string): string {
  const fromSources = import.meta.url.endsWith('.ts');
  const worker = new URL(`./${name}.${fromSources ? 'ts' : 'js'}`, import.meta.url).href;
  if (!fromSources) return `import(${JSON.stringify(worker)})`;
  // The ESM build of tsx's API: resolved as `import` would (the require condition gives the CommonJS one).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); })`;
}

/**
 * Writes the start-up cache for the store's current record in a worker thread: a build of every index (seconds at
 * 100,000 entries) on another core instead of a stall of the serving one. Resolves to the stamp it was written for
 * (null for a record too small to cache); rejects if the worker fails.
 */
export function writeStoreCacheInBackground(job: CacheJob): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry('cache-worker'), { eval: true, workerData: job });
    let result: CacheJobResult | undefined;
    worker.once('message', (message: CacheJobResult) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) => (result ? resolve(result.stamp) : reject(new Error(`the cache worker stopped (exit code ${code})`))));
  });
}

/**
 * Reads and validates a record in a worker thread (reader-worker.ts) and hands it over a page at a time: the next
 * page is asked for only when the caller comes back for it, so unpacking never holds this thread for long. A bad
 * record throws DataError, as reading it here would.
 */
export async function* readInBackground(job: ReadJob): AsyncGenerator<Exclude<ReadMessage, { type: 'error' }>> {
  const worker = new Worker(entry('reader-worker'), { eval: true, workerData: job });
  const queue: ReadMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const woken = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (message: ReadMessage) => (queue.push(message), woken()));
  worker.once('error', (error) => ((failure = error), woken()));
  worker.once('exit', (code) => ((failure ??= new Error(`the record reader stopped (exit code ${code})`)), woken()));
  try {
    for (;;) {
      while (queue.length === 0) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const message = queue.shift()!;
      if (message.type === 'error') throw message.problems ? new DataError(message.file ?? job.file, message.problems) : new Error(message.message);
      yield message;
      if (message.type === 'end') return;
      worker.postMessage('next');
    }
  } finally {
    void worker.terminate();
  }
}
