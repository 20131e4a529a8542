import type { Logger } from 'pino';
import type { z } from 'zod';
import { ConfigError, readConfig } from '../config.js';
import { DataError } from '../data/load.js';
import { LiveRecord, loadIndexed } from './record.js';
import { dataFilePath } from '../data/source.js';
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
 * Loads the record (a bad file stops the process with file, entry and field in the log) and watches it for
 * changes and SIGHUP. Returns the live record and a function that stops watching.
 */
export function recordOrExit(dataFile: string | undefined, logger: Logger): { record: LiveRecord; stopWatching: () => void } {
  let record: LiveRecord;
  try {
    record = new LiveRecord(loadIndexed(dataFilePath(dataFile)));
  } catch (error) {
    if (error instanceof DataError) {
      logger.fatal({ file: error.file, problems: error.problems }, 'cannot load the data file');
      process.exit(1);
    }
    throw error;
  }
  const { file, index, fromCache } = record.current;
  logger.info({ file, entries: index.entries.length, fromCache }, 'record loaded');
  return { record, stopWatching: watchRecord(record, logger) };
}

/** Once the door is answering: the rest of the warm-up, and the index stored for a quick next start. */
export function finishSoon(record: LiveRecord, logger: Logger): void {
  setImmediate(() => {
    try {
      record.current.finish();
    } catch (error) {
      logger.warn({ err: String(error) }, 'could not write the index cache');
    }
  });
}
