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
import type { RecordHost } from './host.js';
import { ProcessHost } from './process-host.js';

/**
 * From this many entries on, RECORD_HOST=auto holds the record in a process of its own. At 100,000 entries a reload
 * in the door's process holds it 19–46 ms at most over the bench's runs; at a million the collector held it 60–530 ms at a time while the
 * new record was built beside the old (README, Performance). In its own process the record costs a message each
 * way per answer (0.4–1.2 ms more per answer at a million entries, medians in a scratch harness) and a node process
 * more to start, which a small record need not pay.
 */
export const RECORD_PROCESS_FROM = 250_000;

/** What both long-running doors do first: validated config, or a clear message and exit 1 (never a value). */
export function configOrExit<S extends z.ZodTypeAny>(schema: S): z.infer<S> {
  try {
    return readConfig(schema);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

interface StoreConfig {
  DATA_FILE?: string;
  DATABASE_FILE?: string;
  EDITOR_ROLE_ID?: string;
  RECORD_HOST?: 'auto' | 'door' | 'process';
  LOG_LEVEL?: string;
}

/**
 * The record from the store (DATABASE_FILE, created and seeded from DATA_FILE on first start), followed change by
 * change — this process's and the other door's — and rebuilt on SIGHUP; held in the door's process or in one of its
 * own (RECORD_HOST). A store that cannot be opened or a bad seed stops the process with file, entry and field in
 * the log. Returns where answers come from, the warm-up to run once the door answers, and a function that stops.
 */
export async function storeRecordOrExit(cfg: StoreConfig, logger: Logger): Promise<{ record: RecordHost; finish: () => void; stop: () => void }> {
  const file = databaseFilePath(cfg.DATABASE_FILE);
  const fatal = (error: unknown): never => {
    logger.fatal({ file, err: String((error as Error)?.message ?? error), ...(error instanceof DataError ? { problems: error.problems } : {}) }, 'cannot open the record');
    process.exit(1);
  };
  let store;
  let ownProcess;
  try {
    store = await openStore(file, { seed: dataFilePath(cfg.DATA_FILE) });
    ownProcess = cfg.RECORD_HOST === 'process' || (cfg.RECORD_HOST !== 'door' && store.hasAtLeast(RECORD_PROCESS_FROM));
  } catch (error) {
    return fatal(error);
  }
  if (ownProcess) {
    // The record's process opens the store on its own connection; the door needed it only to create, migrate and seed it.
    store.close();
    const host = await ProcessHost.start({ databaseFile: file, editorRoleId: cfg.EDITOR_ROLE_ID ?? null, logLevel: cfg.LOG_LEVEL ?? 'info' }, logger).catch(fatal);
    logger.info({ file, entries: host.status().entries, fromCache: host.status().fromCache, host: 'process' }, 'record loaded');
    const stopWatching = watchRecord(host, logger);
    return {
      record: host,
      finish: () => void host.finish(),
      stop: () => {
        stopWatching();
        void host.stop();
      },
    };
  }
  let record: LiveRecord;
  try {
    record = new LiveRecord(loadFromStore(store, { editorRoleId: cfg.EDITOR_ROLE_ID ?? null }));
  } catch (error) {
    return fatal(error);
  }
  const { entries, fromCache } = record.status();
  logger.info({ file, entries, fromCache, host: 'door' }, 'record loaded');
  const unfollow = followStore(record, logger);
  // The database changes under the bot all the time (its own writes, the other door's): no file watcher here; SIGHUP
  // still rebuilds the index from the store, e.g. after a database was restored from a backup.
  const stopWatching = watchRecord(record, logger);
  return {
    record,
    finish: () => finishSoon(record, logger),
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
function finishSoon(record: LiveRecord, logger: Logger): void {
  setImmediate(() => {
    record.current.finishAsync().catch((error: unknown) => logger.warn({ err: String(error) }, 'could not finish the warm-up or write the index cache'));
  });
}
