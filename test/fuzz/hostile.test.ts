import type { AddressInfo } from 'node:net';
import { Readable, Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { t } from '../../src/i18n.js';
import { createEndpoint } from '../../src/http/server.js';
import { publicKeyFromHex } from '../../src/http/verify.js';
import { createLogger } from '../../src/log.js';
import { type Harness, startHarness } from '../e2e/harness.js';
import { keyPair, readAnswer, signBody } from '../http/sign.js';
import { allText, AUTOCOMPLETE_OPTIONS, COMMAND_OPTIONS, hasLiveMention, hostileText, RUNS } from './arbitraries.js';

const APOLOGIES = [t('sv').errorInternal, t('en').errorInternal];
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

function checkMessage(data: Record<string, unknown> & { content?: string; allowed_mentions?: { parse: unknown[] } }) {
  expect(data.allowed_mentions?.parse).toEqual([]);
  expect(APOLOGIES).not.toContain(data.content); // an apology means an exception escaped into the dispatch
  expect(hasLiveMention(allText(data as never))).toBe(false);
}

describe('hostile input through the gateway door (discord.js + stand-in)', () => {
  for (const [name, option] of COMMAND_OPTIONS) {
    it(`/${name}: ${RUNS} generated inputs, each answered once, within limits, pinging nobody`, async () => {
      let i = 0;
      await fc.assert(
        fc.asyncProperty(hostileText, fc.boolean(), async (text, priv) => {
          const options = option ? [{ name: option, type: 3, value: text }] : [];
          if (priv && name !== 'help') options.push({ name: 'private', type: 5, value: true as never });
          const r = await h.discord.answered(h.discord.command(name, options, i++ % 2 ? 'sv-SE' : 'en-US'), 8000);
          expect(r.rejected).toEqual([]); // the stand-in rejects what Discord would
          expect(r.callbacks).toHaveLength(1);
          checkMessage(r.callbacks[0]!.body.data);
        }),
        { numRuns: RUNS },
      );
    }, 120000);
  }
  for (const [name, option] of AUTOCOMPLETE_OPTIONS) {
    it(`autocomplete ${name}.${option}: ${RUNS} generated inputs, always at most 25 valid choices`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileText, async (text) => {
          const r = await h.discord.answered(h.discord.autocomplete(name, option, text), 8000);
          expect(r.rejected).toEqual([]);
          expect(r.callbacks[0]!.body.data.choices.length).toBeLessThanOrEqual(25);
        }),
        { numRuns: RUNS },
      );
    }, 120000);
  }
});

describe('hostile input through the HTTP door (signed requests)', () => {
  const keys = keyPair();
  let base = '';
  let close: () => Promise<void>;
  beforeAll(async () => {
    const server = createEndpoint({ publicKey: publicKeyFromHex(keys.publicHex), record: h.record, logger: createLogger('silent') });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/interactions`;
    close = () => new Promise((r) => server.close(() => r()));
  });
  afterAll(() => close());
  const send = async (body: object) => {
    const text = JSON.stringify(body);
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await fetch(base, { method: 'POST', headers: { 'x-signature-ed25519': signBody(keys.privateKey, ts, text), 'x-signature-timestamp': ts }, body: text });
    expect(res.status).toBe(200);
    return (await readAnswer(res)).json as { type: number; data: Record<string, unknown> & { choices?: unknown[] } };
  };

  for (const [name, option] of COMMAND_OPTIONS) {
    it(`/${name}: ${RUNS} generated inputs`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileText, async (text) => {
          const body = { id: '1', application_id: '2', token: 't', type: 2, locale: 'sv-SE', data: { name, options: option ? [{ name: option, type: 3, value: text }] : [] }, member: { user: { id: '3' } } };
          const answer = await send(body);
          expect(answer.type).toBe(4);
          checkMessage(answer.data);
        }),
        { numRuns: RUNS },
      );
    }, 120000);
  }
  for (const [name, option] of AUTOCOMPLETE_OPTIONS) {
    it(`autocomplete ${name}.${option}: ${RUNS} generated inputs`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileText, async (text) => {
          const answer = await send({ id: '1', application_id: '2', token: 't', type: 4, data: { name, options: [{ name: option, type: 3, value: text, focused: true }] } });
          expect(answer.type).toBe(8);
          expect(answer.data.choices!.length).toBeLessThanOrEqual(25);
        }),
        { numRuns: RUNS },
      );
    }, 120000);
  }
});

describe('hostile input through the terminal door (batch mode)', () => {
  it(`every command: ${RUNS} generated inputs each, one JSON answer per line, no crash`, async () => {
    const lines: string[] = [];
    for (const [name] of COMMAND_OPTIONS) {
      // The batch format is one input per line, so line breaks inside an input become spaces here.
      for (const text of fc.sample(hostileText, { numRuns: RUNS, seed: 42 })) lines.push(`${name} ${text.replace(/[\r\n\u2028\u2029\u0085]/g, ' ')}`);
    }
    // In-process: the same runCli the process runs, without paying for a process start.
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const sink = (into: Buffer[]) => new Writable({ write: (chunk, _enc, done) => (into.push(chunk as Buffer), done()) });
    await runCli(['--json'], { stdin: Readable.from([lines.join('\n')]), stdout: sink(out), stderr: sink(err), env: { LANG: 'C' } });
    const run = { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
    const answers = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { command: string; results: unknown[]; error?: string });
    // Every line gets exactly one answer, in order (a blank one an error object).
    expect(answers).toHaveLength(lines.length);
    for (const a of answers) {
      expect(Array.isArray(a.results)).toBe(true);
      expect(a.error === undefined || a.error.length > 0).toBe(true);
    }
  }, 120000);
});
