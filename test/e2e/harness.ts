import { Writable } from 'node:stream';
import type { Client } from 'discord.js';
import { LiveRecord, loadIndexed } from '../../src/live/record.js';
import { DEFAULT_DATA_FILE } from '../../src/data/load.js';
import { type BotOptions, createBot } from '../../src/bot/gateway.js';
import { createLogger } from '../../src/log.js';
import { DiscordStandIn } from '../stand-in/discord.js';

export interface Harness {
  discord: DiscordStandIn;
  client: Client;
  record: LiveRecord;
  /** Every log line the bot wrote, as text. */
  logs: string[];
  stop(): Promise<void>;
}

/** Starts the stand-in and the real discord.js bot logged in to it, and waits until the bot is ready. */
export async function startHarness(options: { enableMentions?: boolean; dataFile?: string; answer?: BotOptions['answer'] } = {}): Promise<Harness> {
  const discord = await DiscordStandIn.start();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const record = new LiveRecord(loadIndexed(options.dataFile ?? DEFAULT_DATA_FILE));
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
    logs,
    async stop() {
      await client.destroy();
      await discord.close();
    },
  };
}

/** A string option as Discord sends it. */
export const str = (name: string, value: string) => ({ name, type: 3, value });
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
