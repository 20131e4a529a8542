/**
 * The search benchmark: the bot's paths on a record in the store (seeded from a generated record file), beside the
 * same record read from its JSON file, plain MiniSearch and Fuse.js where those are practical.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { findCommand, runCommand } from '../src/commands/registry.js';
import { type Loaded, LiveRecord, loadFromStore, loadIndexed } from '../src/live/record.js';
import { loadRecordFile } from '../src/data/load.js';
import { writeRecordFile } from '../src/data/write.js';
import type { Entry } from '../src/data/schema.js';
import { openStore } from '../src/store/store.js';
import { renderDiscord } from '../src/render/discord.js';
import type { RecordFile } from '../src/data/schema.js';
import { generateRecord } from './generate.js';
import { type Path, type Query, queryMix } from './queries.js';
import { replicateQueryMix } from './queries-replicate.js';
import { replicateRecord } from './replicate.js';

/** A way to make records and a query mix that fits them. */
export interface Generator {
  name: string;
  record(entries: number, seed?: number): RecordFile;
  queries(record: RecordFile, perPath: number): Query[];
}

export const GENERATORS: Record<string, Generator> = {
  synthetic: { name: 'synthetic', record: generateRecord, queries: (_, perPath) => queryMix(perPath) },
  replicate: { name: 'replicate', record: replicateRecord, queries: replicateQueryMix },
};
import { heapMB, settledHeapMB, type Stat, stat, time } from './stats.js';

/**
 * Above this many entries plain MiniSearch and Fuse.js are left out: at a million entries Fuse.js takes minutes a
 * query and the two together hold gigabytes beside the bot's own record, which would make its heap figure
 * meaningless. The JSON-file path is left out too, for time.
 */
export const COMPARE_MAX_ENTRIES = 300_000;

/** Figures of a measurement left out, with why. */
export interface Skipped {
  skipped: string;
}

export interface SizeResult {
  generator: string;
  entries: number;
  /** The record file's size, and seeding the store from it (one transaction; not part of ready). */
  fileMB: number;
  seedMs: number;
  /** Through the store, as the bot starts: cold build, cache write, ready from the cache. */
  buildMs: number;
  cacheWriteMs: number;
  /** Why the start-up cache could not be written, if it could not (then ready is measured without it). */
  cacheWriteError?: string;
  readyMs: number;
  readyFromCache: boolean;
  /** The warm-up that runs just after ready (the title and people lists for autocomplete). */
  finishMs: number;
  heapMB: number;
  /** The heap after the query mix has run: what answers build on first use and keep (numbers per record version, bitmaps). */
  heapServingMB: number;
  paths: Record<Path, Stat>;
  /** The same queries, the command alone (no Discord rendering): where a path's time goes. */
  commandOnly: Partial<Record<Path, Stat>>;
  plainMiniSearch: { buildMs: number; search: Stat } | Skipped;
  fuse: { buildMs: number; search: Stat } | Skipped;
  /** A reload of the store after a change while serving: total time and the longest the event loop was held. */
  reload: { totalMs: number; longestPauseMs: number };
  /**
   * A door's warm-up after ready (finishAsync: the big lists, the contact book, the cache written by a worker), as
   * the doors run it while answering: total time and the longest the event loop was held.
   */
  finishing: { totalMs: number; longestPauseMs: number };
  /** The same record read from its JSON file instead of the store (loadIndexed): build, ready, reload. */
  jsonFile: { buildMs: number; readyMs: number; readyFromCache: boolean; reload: { totalMs: number; longestPauseMs: number } } | Skipped;
}

export const isSkipped = (x: object): x is Skipped => 'skipped' in x;

const flatten = (e: Entry) => ({
  id: e.id,
  title: e.title,
  summary: e.summary,
  source: e.source,
  places: e.places.map((p) => `${p.name} ${p.municipality ?? ''} ${p.county}`).join(' '),
  people: e.people.map((p) => `${p.name ?? ''} ${p.role ?? ''} ${p.organisation}`).join(' '),
});

export function runPath(loaded: Loaded, path: Path, text: string, field?: 'place' | 'who' | 'period' | 'title'): unknown {
  if (path === 'autocomplete') return loaded.suggester.suggest(field!, text, 'sv');
  // The whole query path a user waits for: command, then the Discord rendering of the first page.
  return renderDiscord(runCommand(findCommand(path)!, { text }, loaded.index, 'sv'));
}

/** Runs a reload and reports its length and the longest the event loop went without running a timer. */
const measureReload = (live: LiveRecord) => measureStall(() => live.reload());

const STALLS_OVER = Number(process.env.BENCH_STALLS) || 0;
const SETTLE_MS = 1000;

/** Runs work that shares the thread with requests, and reports its length and the longest the event loop was held. */
export async function measureStall(work: () => Promise<unknown>): Promise<{ totalMs: number; longestPauseMs: number }> {
  // What the bench itself left behind (plain MiniSearch and Fuse.js over the whole record, the query mix's
  // results) is collected first: the bot has no such garbage, and collected during the work it would be counted
  // as its stall. Then a pause, for V8's background threads to finish that collection (sweeping, returning pages):
  // on two cores they held both while the measured work began, and the main thread waited off the CPU (`perf`
  // showed a 75-280 ms "stall" of a door's warm-up with its main thread hardly running; see the README).
  heapMB();
  await new Promise((settled) => setTimeout(settled, SETTLE_MS));
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    // BENCH_STALLS=40: each stall over 40 ms with the monotonic clock's time, to find it in `perf record -k
    // CLOCK_MONOTONIC` samples (how the reload stalls below 50 ms were found: see the README's Performance).
    if (STALLS_OVER && now - last > STALLS_OVER) process.stderr.write(`  stall ${(now - last).toFixed(0)} ms ending at ${(Number(process.hrtime.bigint() / 1000n) / 1e6).toFixed(4)} s (CLOCK_MONOTONIC)\n`);
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  await work();
  const totalMs = performance.now() - started;
  clearInterval(ticker);
  return { totalMs, longestPauseMs: Math.max(longest, performance.now() - last) };
}

export async function benchSize(
  entries: number,
  options: { generator: Generator; perPath: number; fuseQueries: number; log: (s: string) => void },
): Promise<SizeResult> {
  const { log, generator } = options;
  const dir = mkdtempSync(join(tmpdir(), 'projektminne-bench-'));
  const file = join(dir, `${generator.name}-${entries}.json`);
  // Written and let go, so the heap figure below is the bot's own: record, indexes and lists, nothing else. The
  // query mix is drawn from it first (the replicate mix asks for the record's own names). Written entry by entry:
  // at a million entries the file is longer than V8's longest string.
  log(`  ${entries}: generating…`);
  const mix = (() => {
    const record = generator.record(entries);
    writeRecordFile(file, record);
    return generator.queries(record, options.perPath);
  })();
  const fileBytes = statSync(file).size;
  const cacheDir = join(dir, 'cache');

  // The bot reads its record from the store; seeding it is a one-off, before any start, so not part of ready.
  log(`  ${entries}: seeding the store (${(fileBytes / 1e6).toFixed(0)} MB of JSON)…`);
  let started = performance.now();
  const store = await openStore(join(dir, 'store.db'), { seed: file, pollMs: 0 });
  const seedMs = performance.now() - started;

  heapMB();
  log(`  ${entries}: building…`);
  let cacheWriteError: string | undefined;
  const [cacheWriteMs, buildMs] = (() => {
    const [cold, ms] = time(() => loadFromStore(store, { cacheDir }));
    return [
      time(() => {
        try {
          cold.saveCache();
        } catch (error) {
          // The cache is one JSON string: at a million entries it is within a few percent of V8's longest string.
          cacheWriteError = (error as Error).message;
          log(`  ${entries}: the start-up cache could not be written: ${cacheWriteError}`);
        }
      })[1],
      ms,
    ];
  })();
  // Start-to-ready as the bot sees it on a restart: read the store, hash, load the cached index, build the rest.
  heapMB();
  log(`  ${entries}: ready…`);
  const [warm, readyMs] = time(() => loadFromStore(store, { cacheDir }));
  // Right after ready the door finishes warming up (the big autocomplete lists); measured, and in the heap figure.
  const [, finishMs] = time(() => warm.finish());
  const heap = settledHeapMB();

  log(`  ${entries}: paths…`);
  for (const q of mix) runPath(warm, q.path, q.text, q.field); // warm-up: JIT and lazily built bitmaps
  const samples: Record<Path, number[]> = { visit: [], contact: [], timeline: [], search: [], ask: [], autocomplete: [] };
  for (const q of mix) samples[q.path].push(time(() => runPath(warm, q.path, q.text, q.field))[1]);
  const paths = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stat(v)])) as Record<Path, Stat>;
  const commandSamples: Partial<Record<Path, number[]>> = {};
  for (const q of mix) {
    if (q.path === 'autocomplete') continue;
    (commandSamples[q.path] ??= []).push(time(() => runCommand(findCommand(q.path)!, { text: q.text }, warm.index, 'sv'))[1]);
  }
  const commandOnly = Object.fromEntries(Object.entries(commandSamples).map(([k, v]) => [k, stat(v)]));
  const heapServing = settledHeapMB();

  const searchTexts = mix.filter((q) => q.path === 'search').map((q) => q.text);
  let plainMiniSearch: SizeResult['plainMiniSearch'];
  let fuse: SizeResult['fuse'];
  if (entries > COMPARE_MAX_ENTRIES) {
    const skipped = `not run above ${COMPARE_MAX_ENTRIES.toLocaleString('en')} entries`;
    plainMiniSearch = { skipped };
    fuse = { skipped };
  } else {
    log(`  ${entries}: plain MiniSearch and Fuse.js…`);
    const docs = loadRecordFile(file).entries.map(flatten);
    const [plain, plainBuildMs] = time(() => {
      const m = new MiniSearch({ fields: ['title', 'summary', 'source', 'places', 'people'] });
      m.addAll(docs);
      return m;
    });
    for (const q of searchTexts) plain.search(q);
    plainMiniSearch = { buildMs: plainBuildMs, search: stat(searchTexts.map((q) => time(() => plain.search(q))[1])) };
    const [fuseIndex, fuseBuildMs] = time(() => new Fuse(docs, { keys: ['title', 'summary', 'source', 'places', 'people'] }));
    const fuseTexts = searchTexts.slice(0, options.fuseQueries);
    fuse = { buildMs: fuseBuildMs, search: stat(fuseTexts.map((q) => time(() => fuseIndex.search(q))[1])) };
  }

  // A door's start (ready from the cache), then its warm-up as the doors run it, while answering. In a function of
  // its own, so that the second record is not kept (captured in this one's scope) through the reload below.
  log(`  ${entries}: a door's warm-up after ready…`);
  const finishing = await (() => {
    const door = loadFromStore(store, { cacheDir });
    return measureStall(() => door.finishAsync());
  })();

  // A reload while serving after a change in the store: the reload reads and builds the whole record again (it
  // uses no cache), so one changed entry costs what a wholly changed record would.
  log(`  ${entries}: reload…`);
  const changed = store.get(warm.index.entries[0]!.id)!.entry;
  store.update(changed.id, { ...changed, summary: `${changed.summary} (ändrad)` }, { id: 'bench', name: 'bench' });
  const reload = await measureReload(new LiveRecord(warm));

  // The JSON-file path (loadIndexed: a data file instead of the store). Above COMPARE_MAX_ENTRIES it is left out
  // for time: a second cold build and a second reload of the same size, minutes each at a million entries (such a
  // file is streamed, not read as one string: see tooBigForText in src/data/load.ts).
  let jsonFile: SizeResult['jsonFile'];
  if (entries > COMPARE_MAX_ENTRIES) {
    jsonFile = { skipped: `not run above ${COMPARE_MAX_ENTRIES.toLocaleString('en')} entries (minutes at this size; the store path above is the bot's)` };
  } else {
    log(`  ${entries}: the JSON-file path…`);
    const jsonCache = join(dir, 'cache-json');
    started = performance.now();
    loadIndexed(file, { cacheDir: jsonCache }).saveCache();
    const jsonBuildMs = performance.now() - started;
    const [jsonWarm, jsonReadyMs] = time(() => loadIndexed(file, { cacheDir: jsonCache }));
    // As before the store: a reload of a changed file (another record of the same size; no cache for it).
    writeRecordFile(file, generator.record(entries, 43));
    const jsonReload = await measureReload(new LiveRecord(jsonWarm));
    jsonFile = { buildMs: jsonBuildMs, readyMs: jsonReadyMs, readyFromCache: jsonWarm.fromCache, reload: jsonReload };
  }

  store.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    reload,
    finishing,
    generator: generator.name,
    entries,
    fileMB: fileBytes / 1e6,
    seedMs,
    buildMs,
    cacheWriteMs,
    cacheWriteError,
    readyMs,
    readyFromCache: warm.fromCache,
    finishMs,
    heapMB: heap,
    heapServingMB: heapServing,
    paths,
    commandOnly,
    plainMiniSearch,
    fuse,
    jsonFile,
  };
}
