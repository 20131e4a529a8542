/** `npm run serve`: the HTTP interactions endpoint (POST /interactions, GET /healthz) on PORT (default 3000). */
import { config } from 'dotenv';
import { endpointConfigSchema } from '../config.js';
import { createLogger } from '../log.js';
import { configOrExit, storeRecordOrExit } from '../live/startup.js';
import { createEndpoint } from './server.js';
import { publicKeyFromHex } from './verify.js';

config({ quiet: true });

const cfg = configOrExit(endpointConfigSchema);
const logger = createLogger(cfg.LOG_LEVEL);
const { record, finish, stop: stopWatching } = await storeRecordOrExit(cfg, logger);

const server = createEndpoint({ publicKey: publicKeyFromHex(cfg.DISCORD_PUBLIC_KEY), record, logger, apiUrl: cfg.DISCORD_API_URL });
server.listen(cfg.PORT, () => {
  logger.info({ port: cfg.PORT }, 'listening for interactions');
  finish();
});

const stop = (signal: string) => {
  logger.info({ signal }, 'shutting down');
  stopWatching();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
