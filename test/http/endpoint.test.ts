import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerInteraction } from '../../src/interactions/answer.js';
import { LiveRecord, loadIndexed } from '../../src/live/record.js';
import { DEFAULT_DATA_FILE } from '../../src/data/load.js';
import { createEndpoint } from '../../src/http/server.js';
import { publicKeyFromHex } from '../../src/http/verify.js';
import { createLogger } from '../../src/log.js';
import { DiscordStandIn } from '../stand-in/discord.js';
import { keyPair, readAnswer, signBody } from './sign.js';

const keys = keyPair();
const other = keyPair();
const logs: string[] = [];
let server: Server;
let base: string;
const record = new LiveRecord(loadIndexed(DEFAULT_DATA_FILE));

async function start(options: Partial<Parameters<typeof createEndpoint>[0]> = {}): Promise<{ server: Server; base: string }> {
  const sink = new Writable({ write: (c, _e, done) => (logs.push(String(c)), done()) });
  const s = createEndpoint({ publicKey: publicKeyFromHex(keys.publicHex), record, logger: createLogger('info', sink), ...options });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { server: s, base: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  ({ server, base } = await start());
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

export async function post(url: string, body: unknown, opts: { key?: typeof keys.privateKey; timestamp?: string; signature?: string | null; raw?: string } = {}) {
  const text = opts.raw ?? JSON.stringify(body);
  const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-signature-timestamp': timestamp };
  if (opts.signature !== null) headers['x-signature-ed25519'] = opts.signature ?? signBody(opts.key ?? keys.privateKey, timestamp, text);
  const res = await fetch(`${url}/interactions`, { method: 'POST', headers, body: text });
  return { status: res.status, body: (await readAnswer(res)).json };
}

const command = (name: string, options: object[] = [], locale = 'en-US') => ({
  id: '1',
  application_id: '2',
  type: 2,
  token: 'tok',
  locale,
  data: { id: '3', name, type: 1, options },
  member: { user: { id: '4', username: 'anna' } },
});

describe('the HTTP interactions endpoint', () => {
  it('answers PING with PONG', async () => {
    expect(await post(base, { type: 1 })).toEqual({ status: 200, body: { type: 1 } });
  });

  it('answers /visit place:Motala like the gateway bot, in both locales', async () => {
    const sv = await post(base, command('visit', [{ name: 'place', type: 3, value: 'Motala' }], 'sv-SE'));
    expect(sv.status).toBe(200);
    expect(sv.body.type).toBe(4);
    expect(sv.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(sv.body.data.embeds.map((e: { title: string }) => e.title)).toEqual([
      'Studieresa till DigidelCenter på Motala bibliotek',
      'Telefonintervju med Digidelcenter Motala bibliotek',
      'Samtal med Regionbibliotek Östergötland om DigidelCenter på Motala bibliotek',
    ]);
    const direct = await answerInteraction({ kind: 'command', command: 'visit', options: { place: 'Motala' }, locale: 'sv-SE', userId: '4' }, record.current);
    expect(sv.body.data).toEqual(direct.kind === 'message' ? direct.payload : null);
    const en = await post(base, command('visit', [{ name: 'place', type: 3, value: 'Motala' }], 'en-GB'));
    expect(en.body.data.embeds[0].fields[0].value).toBe('Autumn 2017');
  });

  it('answers autocomplete, buttons and private replies', async () => {
    const auto = await post(base, { ...command('visit'), type: 4, data: { name: 'visit', type: 1, options: [{ name: 'place', type: 3, value: 'Mot', focused: true }] } });
    expect(auto.body).toMatchObject({ type: 8 });
    expect(auto.body.data.choices[0].value).toBe('Motala');
    const priv = await post(base, command('timeline', [{ name: 'period', type: 3, value: '2017' }, { name: 'private', type: 5, value: true }]));
    expect(priv.body.data.flags).toBe(64);
    const next = priv.body.data.components[0].components[1].custom_id;
    // The button reads the query from its message (body.message), as Discord sends it back.
    const page = await post(base, { ...command('timeline'), type: 3, data: { custom_id: next, component_type: 2 }, message: { flags: 64, content: priv.body.data.content } });
    expect(page.body.type).toBe(7);
    expect(page.body.data.embeds.at(-1).footer.text).toMatch(/^6–10 of 13/);
    // Without the message's content the button cannot know the query: it says so, privately, in the clicker's words.
    const lost = await post(base, { ...command('timeline', [], 'sv-SE'), type: 3, data: { custom_id: next, component_type: 2 }, message: { flags: 64 } });
    expect(lost.body).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('/tidslinje') } });
  });

  it('refuses every kind of wrong signature with 401', async () => {
    const body = command('help');
    const text = JSON.stringify(body);
    const ts = String(Math.floor(Date.now() / 1000));
    const good = signBody(keys.privateKey, ts, text);
    const cases: [string, Parameters<typeof post>[2]][] = [
      ['missing signature', { signature: null }],
      ['another key', { key: other.privateKey }],
      ['signature of another body', { signature: signBody(keys.privateKey, ts, JSON.stringify(command('visit'))), timestamp: ts }],
      ['another timestamp', { signature: good, timestamp: String(Number(ts) + 1) }],
      ['a flipped bit', { signature: good.replace(/^./, (c) => (c === '0' ? '1' : '0')), timestamp: ts }],
      ['not hex', { signature: 'z'.repeat(128), timestamp: ts }],
      ['too short', { signature: good.slice(0, 64), timestamp: ts }],
      ['empty', { signature: '', timestamp: ts }],
      // Correctly signed, but recorded ten minutes ago: a replay.
      ['an old request', { timestamp: String(Number(ts) - 600) }],
      ['a timestamp from the future', { timestamp: String(Number(ts) + 600) }],
      ['a timestamp that is not a number', { timestamp: 'yesterday' }],
    ];
    for (const [what, opts] of cases) expect((await post(base, body, opts)).status, what).toBe(401);
    const noTimestamp = await fetch(`${base}/interactions`, { method: 'POST', headers: { 'x-signature-ed25519': good }, body: text });
    expect(noTimestamp.status).toBe(401);
    // The body as sent is what is signed: the same JSON with other whitespace is another body.
    expect((await post(base, body, { raw: JSON.stringify(body, null, 1), signature: good, timestamp: ts })).status).toBe(401);
    expect((await post(base, body, { signature: good, timestamp: ts })).status).toBe(200);
  });

  it('gives malformed JSON 400, a huge body 413, other routes 404/405, and reports health', async () => {
    expect((await post(base, null, { raw: '{"type": 1,' })).status).toBe(400);
    expect((await post(base, null, { raw: '[1,2]' })).status).toBe(400);
    expect((await post(base, null, { raw: JSON.stringify({ type: 2, data: { name: 'help', options: [{ name: 'x', value: 'a'.repeat(70000) }] } }) })).status).toBe(413);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/interactions`)).status).toBe(405);
    const health = await (await fetch(`${base}/healthz`)).json();
    expect(health).toMatchObject({ ok: true, entries: 22 });
  });

  it('defers a slow answer (type 5) and puts it in place through the interaction webhook', async () => {
    const discord = await DiscordStandIn.start();
    const slow = await start({ apiUrl: discord.apiUrl, answer: async (input, record) => (await new Promise((r) => setTimeout(r, 2300)), record.answer(input)) });
    try {
      const interaction = discord.httpCommand('visit', [{ name: 'place', type: 3, value: 'Motala' }]);
      // Discord POSTs this to the endpoint; the endpoint answers over HTTP, then edits through the stand-in.
      const res = await post(slow.base, interaction.payload);
      expect(res.body.type).toBe(5);
      expect(Date.now() - interaction.dispatchedAt).toBeLessThan(3000);
      discord.acknowledgedOverHttp(interaction, res.body);
      await discord.waitFor(() => interaction.edits.length === 1, 5000, 'the webhook edit');
      expect(interaction.edits[0]!.body.embeds).toHaveLength(3);
    } finally {
      await new Promise((r) => slow.server.close(r));
      await discord.close();
    }
  }, 15000);

  it('never writes the keys into logs', () => {
    expect(logs.join('')).not.toContain(keys.publicHex);
    expect(logs.some((l) => l.includes('"door":"http"'))).toBe(true);
  });
});

describe('the timeline picture over HTTP', () => {
  it('answers /timeline with multipart: payload_json plus the PNG', async () => {
    const text = JSON.stringify(command('timeline', [{ name: 'period', type: 3, value: '2017' }], 'sv-SE'));
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await fetch(`${base}/interactions`, { method: 'POST', headers: { 'x-signature-ed25519': signBody(keys.privateKey, ts, text), 'x-signature-timestamp': ts }, body: text });
    expect(res.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    const form = await res.formData();
    const payload = JSON.parse(String(form.get('payload_json')));
    expect(payload.type).toBe(4);
    expect(payload.data.attachments).toEqual([{ id: '0', filename: 'timeline.png', description: expect.any(String) }]);
    expect(payload.data.files).toBeUndefined();
    const file = form.get('files[0]') as File;
    expect(file.name).toBe('timeline.png');
    expect(Buffer.from(await file.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
  });
});
