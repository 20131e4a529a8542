import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from 'pino';
import { DataError } from '../data/load.js';
import { LiveRecord } from './record.js';

/** Editors write files in bursts (truncate, write, rename): wait for quiet before reloading. */
const DEBOUNCE_MS = 250;

/** What can be reloaded: the record in the door's process (LiveRecord) or in one of its own (ProcessHost). */
export interface Reloadable {
  /** A JSON file to watch for changes; null for a store, which reports its own changes. */
  readonly watchedFile: string | null;
  /** Loads the record again and swaps it in; on failure (DataError for bad data) the old one goes on answering. */
  reload(): Promise<{ file: string; entries: number }>;
}

/** A record on this thread as a Reloadable: once swapped in, the rest (the cache) is written off this thread. */
function reloadable(record: LiveRecord, logger: Logger): Reloadable {
  return {
    watchedFile: record.current.store ? null : record.current.file,
    reload: async () => {
      const next = await record.reload();
      next.finishAsync().catch((error: unknown) => logger.warn({ err: String(error) }, 'could not write the index cache'));
      return { file: next.file, entries: next.index.entries.length };
    },
  };
}

/**
 * Reloads the record when its file changes or on SIGHUP. A valid file is swapped in at once (one assignment:
 * readers see the old record or the new, never half); an invalid one is refused with a log line naming the file,
 * entry and field, and the last good record keeps serving. Returns a function that stops watching.
 */
export function watchRecord(record: LiveRecord | Reloadable, logger: Logger): () => void {
  const target = record instanceof LiveRecord ? reloadable(record, logger) : record;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again: string | null = null;
  const reload = async (reason: string): Promise<void> => {
    // One reload at a time; a change during a reload is picked up by one more reload right after it.
    if (running) {
      again = reason;
      return;
    }
    running = true;
    try {
      const started = Date.now();
      const { file, entries } = await target.reload();
      logger.info({ reason, file, entries, ms: Date.now() - started }, 'record reloaded');
    } catch (error) {
      if (error instanceof DataError) {
        logger.error({ reason, file: error.file, problems: error.problems }, 'reload refused: keeping the last good record');
      } else {
        logger.error({ reason, err: String(error) }, 'reload failed: keeping the last good record');
      }
    } finally {
      running = false;
      if (again !== null) {
        const next = again;
        again = null;
        void reload(next);
      }
    }
  };
  const schedule = (reason: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => void reload(reason), DEBOUNCE_MS);
  };
  const file = target.watchedFile;
  // Watch the folder, not the file: an editor's rename-into-place replaces the file the watch was on. A record
  // from the store is not watched: the store reports every change itself (follow.ts), and its file changes with
  // every write and checkpoint.
  let watcher: FSWatcher | undefined;
  if (file !== null) {
    try {
      watcher = watch(dirname(file), (_event, name) => {
        if (name === null || name === basename(file)) schedule('file changed');
      });
    } catch (error) {
      logger.warn({ file, err: String(error) }, 'cannot watch the data file; SIGHUP still reloads');
    }
  }
  const onHup = () => void reload('SIGHUP');
  process.on('SIGHUP', onHup);
  return () => {
    clearTimeout(timer);
    watcher?.close();
    process.off('SIGHUP', onHup);
  };
}
