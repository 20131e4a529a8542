/** `npm run serve`: the HTTP interactions endpoint (POST /interactions, GET /healthz) on PORT (default 3000). */
import { config } from 'dotenv';
import { z } from 'zod';
import { LOG_LEVELS } from '../bot/config.js';
import { createLogger } from '../log.js';
import { configOrExit, recordOrExit, finishSoon } from '../startup.js';
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

const cfg = configOrExit(schema);
const logger = createLogger(cfg.LOG_LEVEL);
const { record, stopWatching } = recordOrExit(cfg.DATA_FILE, logger);

const server = createEndpoint({ publicKey: publicKeyFromHex(cfg.DISCORD_PUBLIC_KEY), record, logger, apiUrl: cfg.DISCORD_API_URL });
server.listen(cfg.PORT, () => {
  logger.info({ port: cfg.PORT }, 'listening for interactions');
  finishSoon(record, logger);
});

const stop = (signal: string) => {
  logger.info({ signal }, 'shutting down');
  stopWatching();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
