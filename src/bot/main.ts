/**
 * `npm start`: the gateway bot. Reads .env, validates it, loads the record, connects, and shuts down cleanly on
 * SIGINT/SIGTERM. Commands are registered separately (`npm run deploy-commands`), never on start.
 */
import { config } from 'dotenv';
import { DataError } from '../data/load.js';
import { LiveRecord, loadIndexed } from '../data/live.js';
import { dataFilePath } from '../data/source.js';
import { watchRecord } from '../data/watch.js';
import { createLogger, scrub } from '../log.js';
import { botConfigSchema, ConfigError, readConfig } from './config.js';
import { createBot } from './gateway.js';

config({ quiet: true });

function main(): void {
  let cfg;
  try {
    cfg = readConfig(botConfigSchema);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(cfg.LOG_LEVEL);
  let record: LiveRecord;
  try {
    record = new LiveRecord(loadIndexed(dataFilePath(cfg.DATA_FILE)));
  } catch (error) {
    if (error instanceof DataError) {
      logger.fatal({ file: error.file, problems: error.problems }, 'cannot load the data file');
      process.exit(1);
    }
    throw error;
  }
  logger.info({ file: record.current.file, entries: record.current.index.entries.length, fromCache: record.current.fromCache }, 'record loaded');

  const stopWatching = watchRecord(record, logger);
  const client = createBot({ token: cfg.DISCORD_TOKEN, apiUrl: cfg.DISCORD_API_URL, enableMentions: cfg.ENABLE_MENTIONS, record, logger });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stopWatching();
    void client.destroy().finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  client.once('clientReady', () => {
    // Once answering: store the built index so the next start is quick.
    setImmediate(() => {
      try {
        record.current.saveCache();
      } catch (error) {
        logger.warn({ err: String(error) }, 'could not write the index cache');
      }
    });
  });
  client.login(cfg.DISCORD_TOKEN).catch((error: unknown) => {
    logger.fatal({ err: scrub(String((error as Error)?.message ?? error), [cfg.DISCORD_TOKEN]) }, 'could not log in to Discord');
    process.exit(1);
  });
}

main();
