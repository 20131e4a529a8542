/**
 * `npm start`: the gateway bot. Reads .env, validates it, loads the record, connects, and shuts down cleanly on
 * SIGINT/SIGTERM. Commands are registered separately (`npm run deploy-commands`), never on start.
 */
import { config } from 'dotenv';
import { createLogger, scrub } from '../log.js';
import { configOrExit, storeRecordOrExit } from '../live/startup.js';
import { botConfigSchema } from '../config.js';
import { createBot } from './gateway.js';

config({ quiet: true });

const cfg = configOrExit(botConfigSchema);
const logger = createLogger(cfg.LOG_LEVEL);
const { record, finish, stop: stopWatching } = await storeRecordOrExit(cfg, logger);

const client = createBot({ token: cfg.DISCORD_TOKEN, apiUrl: cfg.DISCORD_API_URL, enableMentions: cfg.ENABLE_MENTIONS, record, logger });
client.once('clientReady', () => finish());

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

client.login(cfg.DISCORD_TOKEN).catch((error: unknown) => {
  logger.fatal({ err: scrub(String((error as Error)?.message ?? error), [cfg.DISCORD_TOKEN]) }, 'could not log in to Discord');
  process.exit(1);
});
