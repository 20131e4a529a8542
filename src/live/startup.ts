import type { Logger } from 'pino';
import type { z } from 'zod';
import { ConfigError, readConfig } from '../config.js';
import { DataError } from '../data/load.js';
import { LiveRecord, loadFromStore } from './record.js';
import { dataFilePath } from '../data/source.js';
import { databaseFilePath } from '../store/path.js';
import { openStore } from '../store/store.js';
import { followStore } from './follow.js';
import { watchRecord } from './watch.js';

/** What both long-running doors do first: validated config, or a clear message and exit 1 (never a value). */
export function configOrExit<S extends z.ZodTypeAny>(schema: S): z.infer<S> {
  try {
    return readConfig(schema);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

/**
 * The record from the store (DATABASE_FILE, created and seeded from DATA_FILE on first start), followed change by
 * change — this process's and the other door's — and rebuilt on SIGHUP. A store that cannot be opened or a bad
 * seed stops the process with file, entry and field in the log. Returns the live record and a function that stops.
 */
export async function storeRecordOrExit(cfg: { DATA_FILE?: string; DATABASE_FILE?: string; EDITOR_ROLE_ID?: string }, logger: Logger): Promise<{ record: LiveRecord; stop: () => void }> {
  let record: LiveRecord;
  const file = databaseFilePath(cfg.DATABASE_FILE);
  let store;
  try {
    store = await openStore(file, { seed: dataFilePath(cfg.DATA_FILE) });
    record = new LiveRecord(loadFromStore(store, { editorRoleId: cfg.EDITOR_ROLE_ID ?? null }));
  } catch (error) {
    logger.fatal({ file, err: String((error as Error)?.message ?? error), ...(error instanceof DataError ? { problems: error.problems } : {}) }, 'cannot open the record');
    process.exit(1);
  }
  const { index, fromCache } = record.current;
  logger.info({ file, entries: index.entries.length, fromCache }, 'record loaded');
  const unfollow = followStore(record, logger);
  // The database changes under the bot all the time (its own writes, the other door's): no file watcher here; SIGHUP
  // still rebuilds the index from the store, e.g. after a database was restored from a backup.
  const stopWatching = watchRecord(record, logger);
  return {
    record,
    stop: () => {
      unfollow();
      stopWatching();
      store.close();
    },
  };
}

/**
 * Once the door is answering: the rest of the warm-up, in steps that leave requests room between them, and the
 * index stored for a quick next start (by a worker thread, see background.ts).
 */
export function finishSoon(record: LiveRecord, logger: Logger): void {
  setImmediate(() => {
    record.current.finishAsync().catch((error: unknown) => logger.warn({ err: String(error) }, 'could not finish the warm-up or write the index cache'));
  });
}
