/** The search benchmark: our paths beside plain MiniSearch and Fuse.js on the same synthetic records. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { findCommand, runCommand } from '../src/commands/registry.js';
import { type Loaded, LiveRecord, loadIndexed } from '../src/live/record.js';
import type { Entry } from '../src/data/schema.js';
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
import { heapMB, type Stat, stat, time } from './stats.js';

export interface SizeResult {
  generator: string;
  entries: number;
  buildMs: number;
  cacheWriteMs: number;
  readyMs: number;
  readyFromCache: boolean;
  /** The warm-up that runs just after ready (the title and people lists for autocomplete). */
  finishMs: number;
  heapMB: number;
  paths: Record<Path, Stat>;
  /** The same queries, the command alone (no Discord rendering): where a path's time goes. */
  commandOnly: Partial<Record<Path, Stat>>;
  plainMiniSearch: { buildMs: number; search: Stat };
  fuse: { buildMs: number; search: Stat };
  /** A reload of a changed file while serving: total time and the longest the event loop was held. */
  reload: { totalMs: number; longestPauseMs: number };
}

const flatten = (e: Entry) => ({
  id: e.id,
  title: e.title,
  summary: e.summary,
  source: e.source,
  places: e.places.map((p) => `${p.name} ${p.municipality ?? ''} ${p.county}`).join(' '),
  people: e.people.map((p) => `${p.name ?? ''} ${p.role ?? ''} ${p.organisation}`).join(' '),
});

function runPath(loaded: Loaded, path: Path, text: string, field?: 'place' | 'who' | 'period' | 'title'): unknown {
  if (path === 'autocomplete') return loaded.suggester.suggest(field!, text, 'sv');
  // The whole query path a user waits for: command, then the Discord rendering of the first page.
  return renderDiscord(runCommand(findCommand(path)!, { text }, loaded.index, 'sv'));
}

/** Runs a reload and reports its length and the longest the event loop went without running a timer. */
async function measureReload(live: LiveRecord): Promise<{ totalMs: number; longestPauseMs: number }> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  await live.reload();
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
  // query mix is drawn from it first (the replicate mix asks for the record's own names).
  const mix = (() => {
    const record = generator.record(entries);
    writeFileSync(file, JSON.stringify(record));
    return generator.queries(record, options.perPath);
  })();
  const cacheDir = join(dir, 'cache');

  heapMB();
  log(`  ${entries}: building…`);
  const [cacheWriteMs, buildMs] = (() => {
    const [cold, ms] = time(() => loadIndexed(file, { cacheDir }));
    return [time(() => cold.saveCache())[1], ms];
  })();
  // Start-to-ready as the bot sees it on a restart: read, hash, load the cached index, build the rest.
  heapMB();
  const [warm, readyMs] = time(() => loadIndexed(file, { cacheDir }));
  // Right after ready the door finishes warming up (the big autocomplete lists); measured, and in the heap figure.
  const [, finishMs] = time(() => warm.finish());
  const heap = heapMB();

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

  const searchTexts = mix.filter((q) => q.path === 'search').map((q) => q.text);
  const docs = (JSON.parse(readFileSync(file, 'utf8')) as { entries: Entry[] }).entries.map(flatten);
  const [plain, plainBuildMs] = time(() => {
    const m = new MiniSearch({ fields: ['title', 'summary', 'source', 'places', 'people'] });
    m.addAll(docs);
    return m;
  });
  for (const q of searchTexts) plain.search(q);
  const plainSearch = stat(searchTexts.map((q) => time(() => plain.search(q))[1]));

  const [fuse, fuseBuildMs] = time(() => new Fuse(docs, { keys: ['title', 'summary', 'source', 'places', 'people'] }));
  const fuseTexts = searchTexts.slice(0, options.fuseQueries);
  const fuseSearch = stat(fuseTexts.map((q) => time(() => fuse.search(q))[1]));

  // A reload while serving, of a changed file (no cache for it): how long, and the longest stall it causes.
  writeFileSync(file, JSON.stringify(generator.record(entries, 43)));
  const reload = await measureReload(new LiveRecord(warm));

  rmSync(dir, { recursive: true, force: true });
  return {
    reload,
    generator: generator.name,
    entries,
    buildMs,
    cacheWriteMs,
    readyMs,
    readyFromCache: warm.fromCache,
    finishMs,
    heapMB: heap,
    paths,
    commandOnly,
    plainMiniSearch: { buildMs: plainBuildMs, search: plainSearch },
    fuse: { buildMs: fuseBuildMs, search: fuseSearch },
  };
}
