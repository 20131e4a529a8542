/** `npm run serve`: the HTTP interactions endpoint (POST /interactions, GET /healthz) on PORT (default 3000). */
import { config } from 'dotenv';
import { z } from 'zod';
import { ConfigError, LOG_LEVELS, readConfig } from '../bot/config.js';
import { DataError } from '../data/load.js';
import { LiveRecord, loadIndexed } from '../data/live.js';
import { dataFilePath } from '../data/source.js';
import { watchRecord } from '../data/watch.js';
import { createLogger } from '../log.js';
import { createEndpoint } from './server.js';
import { publicKeyFromHex } from './verify.js';

config({ quiet: true });

const schema = z.object({
  DISCORD_PUBLIC_KEY: z.string({ message: 'is required' }).regex(/^[0-9a-fA-F]{64}$/, 'must be the 64-character hex Public Key from the Developer Portal'),
  PORT: z.preprocess((v) => (v === '' || v === undefined ? '3000' : v), z.coerce.number().int().min(1).max(65535)),
  DATA_FILE: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  LOG_LEVEL: z.preprocess((v) => (v === '' || v === undefined ? 'info' : v), z.enum(LOG_LEVELS)),
  DISCORD_API_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url({ message: 'must be a URL' }).optional()),
});

function main(): void {
  let cfg: z.infer<typeof schema>;
  try {
    cfg = readConfig(schema);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
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
  const stopWatching = watchRecord(record, logger);
  const server = createEndpoint({ publicKey: publicKeyFromHex(cfg.DISCORD_PUBLIC_KEY), record, logger, apiUrl: cfg.DISCORD_API_URL });
  server.listen(cfg.PORT, () => {
    logger.info({ port: cfg.PORT, entries: record.current.index.entries.length }, 'listening for interactions');
    setImmediate(() => record.current.saveCache());
  });
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    stopWatching();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main();
