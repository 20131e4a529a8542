import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMAND_SPECS } from '../../src/commands/registry.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscordStandIn } from '../stand-in/discord.js';
import { ROOT } from '../helpers/record.js';
import { type Harness, sleep, startHarness, str } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('the central dispatch', () => {
  it('defers when the answer could miss the 3 seconds, then edits the answer in', async () => {
    h = await startHarness({ answer: async (input, record) => (await sleep(2200), record.answer(input)) });
    const r = await h.discord.completed(h.discord.command('visit', [str('place', 'Motala')]), 8000);
    expect(r.rejected).toEqual([]);
    expect(r.callbacks.map((c) => c.type)).toEqual([5]);
    expect(r.callbacks[0]!.at - r.dispatchedAt).toBeLessThan(3000);
    expect(r.edits).toHaveLength(1);
    expect(r.edits[0]!.body.embeds).toHaveLength(3);
    await h.discord.waitFor(() => h!.logs.join('').includes('"outcome":"deferred"'), 2000, 'the deferred log line');
  }, 15000);

  it('turns a failure into a short private apology, acknowledged once', async () => {
    h = await startHarness({
      answer: () => {
        throw new Error('boom');
      },
    });
    const r = await h.discord.answered(h.discord.command('visit', [str('place', 'Motala')], 'sv-SE'));
    expect(r.callbacks).toHaveLength(1);
    expect(r.callbacks[0]!.body.data.flags).toBe(64);
    expect(r.callbacks[0]!.body.data.content).toBe('Något gick fel hos mig. Försök igen om en stund.');
    await h.discord.waitFor(() => h!.logs.join('').includes('"outcome":"failed"'), 2000, 'the failure log line');
    expect(r.rejected).toEqual([]);
  });

  it('answers autocomplete with an empty list rather than nothing when the lookup fails', async () => {
    h = await startHarness({
      answer: () => {
        throw new Error('boom');
      },
    });
    const r = await h.discord.answered(h.discord.autocomplete('visit', 'place', 'Mot'));
    expect(r.callbacks[0]!.body.data.choices).toEqual([]);
  });

  it('logs each interaction with command, latency and outcome, and never the token, in logs or replies', async () => {
    h = await startHarness();
    await h.discord.answered(h.discord.command('help', []));
    await h.discord.answered(h.discord.command('ask', [str('question', 'What is the bot token?')]));
    await h.discord.answered(h.discord.command('search', [str('query', 'DISCORD_TOKEN process.env')]));
    await sleep(50);
    const line = h.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'interaction');
    expect(line).toMatchObject({ type: 'command', command: 'help', outcome: 'answered' });
    expect(typeof line.latencyMs).toBe('number');
    expect(h.logs.join('')).not.toContain(h.discord.token);
    const replies = JSON.stringify([...h.discord.interactions.values()].map((r) => r.callbacks.map((c) => c.body)));
    expect(replies).toContain('bot token'); // the question was answered…
    expect(replies).not.toContain(h.discord.token); // …without the secret
  });
});

describe('the stand-in rejects what Discord rejects', () => {
  it('over-limit content, embeds, choices and custom_id (400, 50035), a second acknowledgement (40060), a late first answer (10062)', async () => {
    const discord = await DiscordStandIn.start();
    try {
      const ws = new (await import('ws')).WebSocket(discord.gatewayUrl);
      await new Promise((r) => ws.once('message', r));
      ws.send(JSON.stringify({ op: 2, d: { token: discord.token, intents: 1, properties: {} } }));
      await discord.waitFor(() => discord.identifyCount === 1);
      const post = (r: { id: string; token: string }, body: unknown) =>
        fetch(`${discord.apiUrl}/v10/interactions/${r.id}/${r.token}/callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

      const bad = [
        { type: 4, data: { content: 'x'.repeat(2001) } },
        { type: 4, data: { embeds: [{ title: 't', description: 'x'.repeat(4000) }, { description: 'x'.repeat(2100) }] } },
        { type: 4, data: { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'a', value: 'b' })) }] } },
        { type: 4, data: { embeds: [{ fields: [{ name: 'a', value: 'x'.repeat(1025) }] }] } },
        { type: 4, data: { components: [{ type: 1, components: [{ type: 2, style: 1, label: 'x', custom_id: 'x'.repeat(101) }] }] } },
        { type: 8, data: { choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `${i}` })) } },
        { type: 8, data: { choices: [{ name: 'x'.repeat(101), value: 'v' }] } },
      ];
      for (const body of bad) {
        const r = discord.command('help');
        const res = await post(r, body);
        expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(((await res.json()) as { code: number }).code).toBe(50035);
      }
      const twice = discord.command('help');
      expect((await post(twice, { type: 4, data: { content: 'ok' } })).status).toBe(204);
      const again = await post(twice, { type: 4, data: { content: 'again' } });
      expect([again.status, ((await again.json()) as { code: number }).code]).toEqual([400, 40060]);

      const late = discord.command('help');
      late.dispatchedAt -= 3100;
      const tooLate = await post(late, { type: 4, data: { content: 'late' } });
      expect([tooLate.status, ((await tooLate.json()) as { code: number }).code]).toEqual([404, 10062]);
      ws.close();
    } finally {
      await discord.close();
    }
  });
});

describe('running it', () => {
  it('npm run deploy-commands registers the commands to DISCORD_GUILD_ID through DISCORD_API_URL; --dry-run prints JSON', async () => {
    const discord = await DiscordStandIn.start();
    try {
      const env = { ...process.env, DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_GUILD_ID: discord.guildId, DISCORD_API_URL: discord.apiUrl };
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/bot/deploy.ts'], { cwd: ROOT, env });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      const code = await new Promise((r) => child.on('exit', r));
      expect(code).toBe(0);
      expect(out).toContain(`Registered ${COMMAND_SPECS.length} commands for server ${discord.guildId}`);
      expect(discord.registeredCommands.get(`guild:${discord.guildId}`)!.map((c) => c.name)).toEqual(COMMAND_SPECS.map((s) => s.name));
      // /log reaches Discord hidden from members without Manage Server.
      expect(discord.registeredCommands.get(`guild:${discord.guildId}`)!.find((c) => c.name === 'log')!.default_member_permissions).toBe('32');
    } finally {
      await discord.close();
    }
    const dry = spawnSync(process.execPath, ['--import', 'tsx', 'src/bot/deploy.ts', '--dry-run'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DISCORD_TOKEN: '' } });
    expect(JSON.parse(dry.stdout)).toHaveLength(COMMAND_SPECS.length);
  }, 20000);

  it('npm start connects, answers, and shuts down cleanly on SIGTERM and SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const discord = await DiscordStandIn.start();
      try {
        const DATABASE_FILE = join(mkdtempSync(join(tmpdir(), 'projektminne-start-')), 'record.db');
        const env = { ...process.env, DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'info', DATA_FILE: '', DATABASE_FILE };
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/bot/main.ts'], { cwd: ROOT, env });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        await discord.waitFor(() => discord.identifyCount === 1 && out.includes('connected to Discord'), 15000, 'the bot to connect').catch(() => {
          throw new Error(out);
        });
        const r = await discord.answered(discord.command('visit', [str('place', 'Motala')]));
        expect(r.callbacks[0]!.body.data.embeds).toHaveLength(3);
        child.kill(signal);
        const code = await new Promise((resolve) => child.on('exit', resolve));
        expect(code).toBe(0);
        expect(out).toContain('shutting down');
        expect(out).not.toContain(discord.token);
      } finally {
        await discord.close();
      }
    }
  }, 40000);

  it('refuses a bad configuration naming the variable, never printing its value', () => {
    const secret = 'not-a-valid-token-but-secret-value-123';
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/bot/main.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DISCORD_TOKEN: secret, LOG_LEVEL: 'loud', DISCORD_API_URL: `not a url ${secret}`, ENABLE_MENTIONS: 'maybe' },
    });
    expect(run.status).toBe(1);
    for (const variable of ['LOG_LEVEL', 'DISCORD_API_URL', 'ENABLE_MENTIONS']) expect(run.stderr).toContain(variable);
    expect(run.stderr + run.stdout).not.toContain(secret);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 20000);
});
