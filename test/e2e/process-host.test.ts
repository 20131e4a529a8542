import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/gateway.js';
import { DEFAULT_DATA_FILE } from '../../src/data/load.js';
import type { Answer, InteractionInput } from '../../src/interactions/answer.js';
import { LiveRecord, loadFromStore } from '../../src/live/record.js';
import { watchRecord } from '../../src/live/watch.js';
import { ProcessHost } from '../../src/live/process-host.js';
import { createLogger } from '../../src/log.js';
import { openStore, type Store } from '../../src/store/store.js';
import { DiscordStandIn } from '../stand-in/discord.js';
import { str } from './harness.js';

/**
 * The record in a process of its own (RECORD_HOST=process, and the default for a big record): the same answers as
 * in the door's process, a store's changes followed, a reload swapped in while answers go on, a process that dies
 * replaced.
 */
const INPUTS: InteractionInput[] = [
  { kind: 'command', command: 'visit', options: { place: 'Motla' }, locale: 'sv-SE', userId: '1' },
  { kind: 'command', command: 'ask', options: { question: 'Hur många telefonintervjuer gjorde vi hösten 2016?' }, locale: 'sv-SE', userId: '1' },
  { kind: 'command', command: 'ask', options: { question: 'Who did we phone in Västerbotten?' }, locale: 'en-US', userId: '1' },
  { kind: 'command', command: 'contact', options: { query: 'samordnare' }, locale: 'en-GB', userId: '1' },
  { kind: 'command', command: 'search', options: { query: 'citizen service' }, locale: 'en-US', userId: '1' },
  // A picture: bytes across threads come back as a Buffer.
  { kind: 'command', command: 'timeline', options: { period: '2017' }, locale: 'sv-SE', userId: '1' },
  { kind: 'autocomplete', command: 'visit', focused: 'place', value: 'alvsj', locale: 'sv-SE', userId: '1' },
  { kind: 'message', text: 'besök Älvsjö', locale: 'sv-SE', userId: '1' },
];

describe('the record in a process of its own', () => {
  let dir: string;
  let store: Store;
  let host: ProcessHost;
  let local: LiveRecord;
  const lines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projektminne-host-'));
    const databaseFile = join(dir, 'record.db');
    // This connection writes as another door would; the record's process opens its own.
    store = await openStore(databaseFile, { seed: DEFAULT_DATA_FILE, pollMs: 0 });
    local = new LiveRecord(loadFromStore(store, { cacheDir: null }));
    host = await ProcessHost.start({ databaseFile, editorRoleId: null, logLevel: 'silent' }, logger);
  }, 30_000);

  afterAll(async () => {
    await host?.stop();
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every kind of interaction as the record in the door’s process does', async () => {
    expect(host.status().entries).toBe(local.status().entries);
    for (const input of INPUTS) {
      const [there, here] = await Promise.all([host.answer(input), local.answer(input)]);
      expect(there, JSON.stringify(input)).toEqual(here);
    }
    const picture = (await host.answer(INPUTS[5]!)) as Extract<Answer, { kind: 'message' }>;
    expect(Buffer.isBuffer(picture.payload.files?.[0]?.data)).toBe(true);
    // A page turn: the button on a search's first page, pressed.
    const listed = (await local.answer({ kind: 'command', command: 'search', options: { query: 'bibliotek' }, locale: 'sv-SE', userId: '1' })) as Extract<Answer, { kind: 'message' }>;
    const next = listed.payload.components?.[0]?.components.find((b) => 'custom_id' in b && /next|nästa/i.test(String('label' in b ? b.label : '')));
    expect(next, 'a search with a second page').toBeDefined();
    const turn: InteractionInput = { kind: 'button', customId: String((next as { custom_id: string }).custom_id), locale: 'sv-SE', userId: '1', messageIsPrivate: false, messageContent: listed.payload.content ?? '' };
    const [turned, turnedHere] = await Promise.all([host.answer(turn), local.answer(turn)]);
    expect(turned.kind).toBe('update');
    expect(turned).toEqual(turnedHere);
  });

  it('follows a change another door writes to the store, and says so in its status', async () => {
    const before = host.status().entries;
    const first = store.entries()[0]!;
    store.add({ ...first, id: '2019-spring-visit-kiruna', title: 'Besök i Kiruna stadsbibliotek', places: [{ name: 'Kiruna stadsbibliotek', municipality: 'Kiruna', county: 'Norrbottens län' }] }, { id: 'test', name: 'test' });
    // The record process's store polls once a second.
    const deadline = Date.now() + 10_000;
    while (host.status().entries === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(host.status().entries).toBe(before + 1);
    const answer = (await host.answer({ kind: 'command', command: 'visit', options: { place: 'Kiruna' }, locale: 'sv-SE', userId: '1' })) as Extract<Answer, { kind: 'message' }>;
    expect(answer.payload.embeds?.[0]?.title).toBe('Besök i Kiruna stadsbibliotek');
  }, 15_000);

  it('reloads in a new process on SIGHUP while the old one answers, then answers from the new one', async () => {
    const loadedAt = host.status().loadedAt;
    const stop = watchRecord(host, logger);
    try {
      process.emit('SIGHUP', 'SIGHUP');
      // Answers keep coming while the new process loads.
      const during = await host.answer(INPUTS[0]!);
      expect(during.kind).toBe('message');
      const deadline = Date.now() + 20_000;
      while (!lines.some((l) => l.includes('record reloaded')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const reloaded = JSON.parse(lines.find((l) => l.includes('record reloaded'))!);
      expect(reloaded.entries).toBe(host.status().entries);
      expect(host.status().loadedAt.getTime()).toBeGreaterThan(loadedAt.getTime());
      const after = (await host.answer({ kind: 'command', command: 'visit', options: { place: 'Kiruna' }, locale: 'sv-SE', userId: '1' })) as Extract<Answer, { kind: 'message' }>;
      expect(after.payload.embeds?.[0]?.title).toBe('Besök i Kiruna stadsbibliotek');
    } finally {
      stop();
    }
  }, 30_000);

  it('replaces a record process that dies: what it owed fails (the door apologises), then answers come again', async () => {
    const serving = (host as unknown as { serving: { child: { pid: number; kill(signal: string): boolean } } }).serving.child;
    const owed = host.answer(INPUTS[1]!);
    serving.kill('SIGKILL');
    await expect(owed).rejects.toThrow(/stopped/);
    const deadline = Date.now() + 20_000;
    while ((host as unknown as { serving: { child: { pid: number } } }).serving.child.pid === serving.pid && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(lines.some((l) => l.includes("the record's process stopped; loading the record again"))).toBe(true);
    while (!host.status().answering && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(host.status().answering).toBe(true);
    const again = (await host.answer(INPUTS[0]!)) as Extract<Answer, { kind: 'message' }>;
    expect(again.payload.embeds?.[0]?.title).toContain('Motala');
  }, 30_000);

  it('keeps a /log form that could not be saved across a reload, as the door’s own process does', async () => {
    const actor = { userId: '7', name: 'Anna Redaktör', permissions: '32' }; // Manage Server
    const opened = await host.answer({ kind: 'command', command: 'log', options: { what: 'study-visit' }, locale: 'sv-SE', userId: '7', actor });
    expect(opened.kind).toBe('modal');
    const customId = (opened as Extract<Answer, { kind: 'modal' }>).modal.custom_id;
    const fields = { when: 'sommaren 2018', where: 'Norrland\nAtlantis', who: 'Saga Nilsson, bibliotekarie', title: 'Studiebesök på Kiruna bibliotek', text: 'Om servicepunkter.' };
    const refused = (await host.answer({ kind: 'modal', customId, fields, locale: 'sv-SE', userId: '7', actor })) as Extract<Answer, { kind: 'message' }>;
    const reopen = refused.payload.components?.[0]?.components[0] as { custom_id: string } | undefined;
    expect(reopen?.custom_id).toBeDefined();
    await host.reload();
    const again = await host.answer({ kind: 'button', customId: reopen!.custom_id, locale: 'sv-SE', userId: '7', messageIsPrivate: true, messageContent: refused.payload.content ?? '', actor });
    expect(again.kind).toBe('modal');
    expect(JSON.stringify(again)).toContain('sommaren 2018');
  }, 30_000);

  it('is what the gateway door answers from', async () => {
    const discord = await DiscordStandIn.start();
    const client = createBot({ token: discord.token, apiUrl: discord.apiUrl, enableMentions: false, record: host, logger: createLogger('silent') });
    try {
      const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
      await client.login(discord.token);
      await ready;
      const r = await discord.answered(discord.command('visit', [str('place', 'Motala')]));
      expect(r.rejected).toEqual([]);
      expect(r.callbacks[0]!.body.data.embeds[0].title).toContain('Motala');
      expect(r.callbacks[0]!.body.data.allowed_mentions).toMatchObject({ parse: [] });
    } finally {
      await client.destroy();
      await discord.close();
    }
  }, 20_000);
});
