import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_FILE } from '../../src/data/load.js';
import { watchRecord } from '../../src/live/watch.js';
import { createLogger } from '../../src/log.js';
import type { InteractionRecord } from '../stand-in/discord.js';
import { type Harness, sleep, startHarness, str } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});
const once = (r: InteractionRecord) => {
  expect(r.callbacks, `interaction ${r.id}`).toHaveLength(1);
  expect(r.rejected).toEqual([]);
};

describe('faults', () => {
  it('recovers from REST 500 and 429 (retry_after) on interaction callbacks: exactly one answer each', async () => {
    h = await startHarness();
    h.discord.faults.push({ route: 'callback', status: 500, times: 1 });
    once(await h.discord.answered(h.discord.command('visit', [str('place', 'Motala')]), 8000));
    h.discord.faults.push({ route: 'callback', status: 429, retryAfter: 0.3, times: 1 });
    const limited = await h.discord.answered(h.discord.command('contact', [str('who', 'projektledare')]), 8000);
    once(limited);
    expect(limited.callbacks[0]!.at - limited.dispatchedAt).toBeGreaterThanOrEqual(250);
  }, 20000);

  it('recovers from 500 and 429 on @original edits after a deferral', async () => {
    h = await startHarness({ answer: async (input, record) => (await sleep(1600), record.answer(input)) });
    h.discord.faults.push({ route: 'edit', status: 500, times: 1 }, { route: 'edit', status: 429, retryAfter: 0.2, times: 1 });
    const r = await h.discord.completed(h.discord.command('visit', [str('place', 'Motala')]), 10000);
    once(r);
    expect(r.callbacks[0]!.type).toBe(5);
    expect(r.edits).toHaveLength(1);
    expect(r.edits[0]!.body.embeds).toHaveLength(3);
  }, 20000);

  it('a mention goes through the same core: a failure gets an apology, a timeline its picture', async () => {
    let fail = true;
    h = await startHarness({
      enableMentions: true,
      answer: async (input, record) => {
        if (input.kind === 'message' && fail) throw new Error('boom');
        return record.answer(input);
      },
    });
    const bot = { id: h.discord.applicationId, username: 'Projektminne', discriminator: '0', bot: true };
    h.discord.message(`<@${h.discord.applicationId}> timeline 2017`, { mentions: [bot] });
    await h.discord.waitFor(() => h!.discord.channelMessages.length >= 1, 5000, 'an apology');
    expect(h.discord.channelMessages[0]!.content).toBe('Något gick fel hos mig. Försök igen om en stund.'); // the stand-in's server prefers sv-SE
    fail = false;
    h.discord.message(`<@${h.discord.applicationId}> timeline 2017`, { mentions: [bot] });
    await h.discord.waitFor(() => h!.discord.channelMessages.length >= 2, 5000, 'an answer');
    const answer = h.discord.channelMessages[1]!;
    expect((answer.files as { name: string }[]).map((f) => f.name)).toEqual(['timeline.png']);
    expect(answer.allowed_mentions).toMatchObject({ parse: [] });
  }, 20000);

  it('survives close code 4000, an abrupt socket loss and an invalid session, answering after each', async () => {
    h = await startHarness();
    const ask = async () => once(await h!.discord.answered(h!.discord.command('help'), 8000));
    h.discord.closeGateway(4000);
    await h.discord.waitFor(() => h!.discord.resumeCount === 1 && h!.discord.connected, 10000, 'resume after 4000');
    await ask();
    h.discord.dropGateway();
    await h.discord.waitFor(() => h!.discord.resumeCount === 2 && h!.discord.connected, 10000, 'resume after a socket loss');
    await ask();
    h.discord.invalidateSession(false);
    await h.discord.waitFor(() => h!.discord.identifyCount === 2 && h!.discord.connected, 15000, 'a new session after INVALID_SESSION');
    await ask();
  }, 40000);

  it('holds 1,000 interactions in bursts of 100: every one answered exactly once', async () => {
    h = await startHarness();
    const commands: [string, object[]][] = [
      ['visit', [str('place', 'Motala')]],
      ['contact', [str('who', 'projektledare')]],
      ['timeline', [str('period', '2017')]],
      ['search', [str('query', 'medborgarservice')]],
      ['ask', [str('question', 'När besökte vi Motala?')]],
    ];
    const all: InteractionRecord[] = [];
    for (let burst = 0; burst < 10; burst++) {
      const records = Array.from({ length: 100 }, (_, i) => {
        const [name, options] = commands[(burst * 100 + i) % commands.length]!;
        return i % 4 === 3 ? h!.discord.autocomplete('visit', 'place', 'Mo') : h!.discord.command(name, options as never, i % 2 ? 'sv-SE' : 'en-US');
      });
      await Promise.all(records.map((r) => h!.discord.answered(r, 10000)));
      all.push(...records);
    }
    expect(all).toHaveLength(1000);
    for (const r of all) once(r);
  }, 60000);
});

describe('live data reload', () => {
  it('swaps in a changed file, refuses a broken one with file/entry/field and keeps serving the last good data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'projektminne-reload-'));
    const file = join(dir, 'activities.json');
    copyFileSync(DEFAULT_DATA_FILE, file);
    h = await startHarness({ dataFile: file });
    const lines: string[] = [];
    const logger = createLogger('info', { write: (l: string) => lines.push(l) } as never);
    const stop = watchRecord(h.record, logger);
    try {
      const data = JSON.parse(readFileSync(file, 'utf8'));
      data.entries.push({ ...data.entries[0], id: '2019-spring-visit-kiruna', title: 'Besök i Kiruna stadsbibliotek', places: [{ name: 'Kiruna stadsbibliotek', municipality: 'Kiruna', county: 'Norrbottens län' }] });
      writeFileSync(file, JSON.stringify(data));
      await h.discord.waitFor(() => h!.record.current.index.entries.length === 23, 5000, 'the reload');
      const kiruna = await h.discord.answered(h.discord.command('visit', [str('place', 'Kiruna')]));
      expect(kiruna.callbacks[0]!.body.data.embeds[0].title).toBe('Besök i Kiruna stadsbibliotek');

      data.entries[3].period.start = 'spring';
      writeFileSync(file, JSON.stringify(data));
      await h.discord.waitFor(() => lines.some((l) => l.includes('reload refused')), 5000, 'the refusal');
      const refusal = JSON.parse(lines.find((l) => l.includes('reload refused'))!);
      expect(refusal.file).toBe(file);
      expect(refusal.problems[0]).toContain('entry 3 (2016-2017-mapping-citizen-service), field period.start');
      expect(h.record.current.index.entries.length).toBe(23);
      once(await h.discord.answered(h.discord.command('visit', [str('place', 'Kiruna')])));

      writeFileSync(file, '{ not json');
      process.emit('SIGHUP', 'SIGHUP');
      await h.discord.waitFor(() => lines.filter((l) => l.includes('reload refused')).length >= 2, 5000, 'the second refusal');
      expect(h.record.current.index.entries.length).toBe(23);
    } finally {
      stop();
    }
  }, 20000);
});
