import { Writable } from 'node:stream';
import type { Client } from 'discord.js';
import { LiveRecord, loadFromStore, loadIndexed } from '../../src/live/record.js';
import { followStore } from '../../src/live/follow.js';
import { openStore, type Store } from '../../src/store/store.js';
import { DEFAULT_DATA_FILE } from '../../src/data/load.js';
import { type BotOptions, createBot } from '../../src/bot/gateway.js';
import { createLogger } from '../../src/log.js';
import { DiscordStandIn } from '../stand-in/discord.js';

export interface Harness {
  discord: DiscordStandIn;
  client: Client;
  record: LiveRecord;
  /** The store, when the bot answers from a database (options.database). */
  store?: Store;
  /** Every log line the bot wrote, as text. */
  logs: string[];
  stop(): Promise<void>;
}

/** Starts the stand-in and the real discord.js bot logged in to it, and waits until the bot is ready. */
export async function startHarness(
  options: { enableMentions?: boolean; dataFile?: string; answer?: BotOptions['answer']; database?: string; editorRoleId?: string; pollMs?: number } = {},
): Promise<Harness> {
  const discord = await DiscordStandIn.start();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  // With a database the bot answers from the store (seeded from the data file on first open) and follows it.
  const store = options.database ? await openStore(options.database, { seed: options.dataFile ?? DEFAULT_DATA_FILE, pollMs: options.pollMs ?? 0 }) : undefined;
  const record = new LiveRecord(store ? loadFromStore(store, { cacheDir: null, editorRoleId: options.editorRoleId ?? null }) : loadIndexed(options.dataFile ?? DEFAULT_DATA_FILE));
  const unfollow = followStore(record);
  const client = createBot({
    token: discord.token,
    apiUrl: discord.apiUrl,
    enableMentions: options.enableMentions ?? false,
    record,
    logger: createLogger('debug', sink),
    answer: options.answer,
  });
  const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
  await client.login(discord.token);
  await ready;
  return {
    discord,
    client,
    record,
    store,
    logs,
    async stop() {
      unfollow();
      await client.destroy();
      await discord.close();
      store?.close();
    },
  };
}

/** A string option as Discord sends it. */
export const str = (name: string, value: string) => ({ name, type: 3, value });
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
