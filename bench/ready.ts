/**
 * Ready as a user waits for it: from starting the process to the first answer, through each door, with and
 * without the index cache, both reading the record from the store (the SQLite living record) as they do in use.
 * `npm run bench -- --ready` (with --sizes and --generator like the rest):
 * - terminal: `npm run -s ask -- visit <place>`, until the answer's first byte on stdout;
 * - HTTP: `npm run -s serve` with a generated key, until it answers a signed /visit interaction (connection
 *   refused is retried every 10 ms, so module loading and the index count).
 * Both use a temporary DATABASE_FILE seeded from the generated record before any timing (by the door itself, so
 * the schema is the one the measured code expects), and a temporary INDEX_CACHE_DIR: the repository's own
 * database and cache are never read or written. READY_BASELINE=<checkout> also runs the doors of another checkout
 * (an older commit, with its own store and cache), alternating with these, for before/after figures from one run
 * on a busy machine; its rows are marked "baseline".
 * Runs alternate between the doors and cache states, so a busy moment of the shared machine hits all of them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRecordFile } from '../src/data/write.js';
import { keyPair, signBody } from '../test/http/sign.js';
import type { Generator } from './search.js';
import { type Stat, stat } from './stats.js';

export interface ReadyResult {
  generator: string;
  entries: number;
  /** Per door and cache state: process start to first answer. */
  doors: Record<string, Stat>;
}

const ROOT = new URL('..', import.meta.url).pathname;

/** Which checkout's doors to start: this one unless the env names another (READY_ROOT, set per door below). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(command, args, { cwd: env.READY_ROOT || ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
}

/** Milliseconds from spawning the terminal door to the first byte of its answer. */
function cliReady(env: NodeJS.ProcessEnv, place: string): Promise<number> {
  const started = performance.now();
  const child = run('npm', ['run', '-s', 'ask', '--', 'visit', place], env);
  return new Promise((resolve, reject) => {
    let at = 0;
    child.stdout!.once('data', () => (at = performance.now() - started));
    child.once('exit', (code) => (code === 0 && at > 0 ? resolve(at) : reject(new Error(`ask exited with ${code}`))));
  });
}

/** Milliseconds from spawning the HTTP door to its answer to a signed /visit. */
async function httpReady(env: NodeJS.ProcessEnv, place: string, port: number): Promise<number> {
  const { privateKey, publicHex } = keyPair();
  const started = performance.now();
  const child = run('npm', ['run', '-s', 'serve'], { ...env, DISCORD_PUBLIC_KEY: publicHex, PORT: String(port), LOG_LEVEL: 'error' });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`serve exited with ${code}`))));
  const body = JSON.stringify({
    id: '1',
    application_id: '2',
    type: 2,
    token: 'tok',
    locale: 'sv-SE',
    data: { id: '3', name: 'visit', type: 1, options: [{ name: 'place', type: 3, value: place }] },
    member: { user: { id: '4', username: 'anna' } },
  });
  const ask = async (): Promise<number> => {
    for (;;) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      try {
        const res = await fetch(`http://127.0.0.1:${port}/interactions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-signature-ed25519': signBody(privateKey, timestamp, body), 'x-signature-timestamp': timestamp },
          body,
        });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`HTTP door answered ${res.status}`);
        return performance.now() - started;
      } catch (error) {
        if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNREFUSED') throw error;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  };
  try {
    return await Promise.race([ask(), exited]);
  } finally {
    // npm starts the server as its child; ending npm's process group ends both, and only them.
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  }
}

/** A port nothing listens on now (the machine is shared: a fixed one may be taken). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

export async function benchReady(generator: Generator, entries: number, options: { runs: number; log: (s: string) => void }): Promise<ReadyResult> {
  const dir = mkdtempSync(join(tmpdir(), 'projektminne-ready-'));
  const file = join(dir, `${generator.name}-${entries}.json`);
  const record = generator.record(entries);
  writeRecordFile(file, record);
  const place = record.entries[Math.floor(record.entries.length / 2)]!.places[0]!.municipality ?? 'Motala';
  const checkouts = [{ label: '', root: ROOT }, ...(process.env.READY_BASELINE ? [{ label: 'baseline: ', root: process.env.READY_BASELINE }] : [])];
  const samples: Record<string, number[]> = {};
  const doors = checkouts.map(({ label, root }, n) => {
    const store = { READY_ROOT: root, DATABASE_FILE: join(dir, `record-${n}.db`), DATA_FILE: file };
    return { label, cached: { ...store, INDEX_CACHE_DIR: join(dir, `cache-${n}`) }, uncached: { ...store, INDEX_CACHE_DIR: 'off' } };
  });
  for (const { label, cached } of doors) {
    options.log(`  ${entries}: seeding the ${label}store…`);
    // The first start seeds the empty store from DATA_FILE and writes the cache the cached runs start from; later
    // starts find the store seeded (DATA_FILE is then ignored) and read the record from it.
    await cliReady(cached, place);
    for (const door of ['terminal, cached index', 'HTTP, cached index', 'terminal, no cache', 'HTTP, no cache']) samples[`${label}${door}`] = [];
  }
  options.log(`  ${entries}: ready through the doors (${options.runs} runs each)…`);
  for (let i = 0; i < options.runs; i++) {
    for (const { label, cached, uncached } of doors) {
      samples[`${label}terminal, cached index`]!.push(await cliReady(cached, place));
      samples[`${label}HTTP, cached index`]!.push(await httpReady(cached, place, await freePort()));
      samples[`${label}terminal, no cache`]!.push(await cliReady(uncached, place));
      samples[`${label}HTTP, no cache`]!.push(await httpReady(uncached, place, await freePort()));
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return { generator: generator.name, entries, doors: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stat(v)])) };
}
