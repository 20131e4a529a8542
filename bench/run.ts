/**
 * `npm run bench`: measures, in one run and side by side, what the issues ask for. Prints a table and writes the
 * figures as JSON (bench/results/latest.json). No assertions: the machine is shared; read the numbers.
 *   --sizes 1000,10000,100000   record sizes (default all three)
 *   --quick                     fewer queries (CI smoke test)
 *   --generator synthetic       synthetic (generate.ts, the default) or replicate (replicate.ts: the real record
 *                               grown by varied copies of its entries), or both: synthetic,replicate
 *   --ready [--runs 3]          only ready through the doors: process start to first answer (see ready.ts)
 *   --memory                    only the heap by structure after a cached start (see memory.ts)
 *   --reloads 3                 only a serving bot's warm-up and reloads, from the store and a JSON file, and with the
 *                               record in a process of its own (reloads.ts)
 * BENCH_STALLS=40 in the environment prints each event-loop stall over 40 ms of a warm-up or reload with its
 * CLOCK_MONOTONIC time, to find its samples in `perf record -k CLOCK_MONOTONIC -g` (Node with --perf-basic-prof).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchDiscord } from './discord.js';
import { benchPicture } from './picture.js';
import { benchMemory } from './memory.js';
import { benchReady } from './ready.js';
import { benchReloads, type HostedPause } from './reloads.js';
import { benchSize, GENERATORS, isSkipped, type SizeResult } from './search.js';
import { ms } from './stats.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    quick: { type: 'boolean', default: false },
    generator: { type: 'string', default: 'synthetic' },
    ready: { type: 'boolean', default: false },
    memory: { type: 'boolean', default: false },
    reloads: { type: 'string' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: 'bench/results/latest.json' },
  },
});
const sizes = values.sizes.split(',').map(Number).filter((n) => n > 0);
const generators = values.generator.split(',').map((name) => {
  const generator = GENERATORS[name];
  if (!generator) throw new Error(`--generator: unknown generator "${name}" (known: ${Object.keys(GENERATORS).join(', ')})`);
  return generator;
});
const log = (s: string) => process.stderr.write(`${s}\n`);
if (!(globalThis as { gc?: unknown }).gc) log('note: run with --expose-gc (npm run bench does) for heap figures after collection');

log(`Projektminne benchmark — node ${process.version}, ${new Date().toISOString()}`);
if (values.memory) {
  const out = ['| generator | entries | structure | MB |', '| --- | ---: | --- | ---: |'];
  const serving = ['| generator | entries | built on first use by the query mix | MB |', '| --- | ---: | --- | ---: |'];
  for (const generator of generators) {
    for (const size of sizes) {
      const m = benchMemory(generator, size, log);
      out.push(`| ${m.generator} | ${m.entries} | heap after a cached start and finish() | ${m.heapMB.toFixed(0)} |`);
      for (const [name, mb] of Object.entries(m.structures)) out.push(`| ${m.generator} | ${m.entries} | ${name} | ${mb.toFixed(1)} |`);
      serving.push(`| ${m.generator} | ${m.entries} | heap after the queries | ${m.heapServingMB.toFixed(0)} |`);
      for (const [name, mb] of Object.entries(m.afterQueries)) serving.push(`| ${m.generator} | ${m.entries} | ${name} | ${mb.toFixed(1)} |`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n\n${serving.join('\n')}\n`);
  process.exit(0);
}
if (values.reloads) {
  const results = [];
  for (const generator of generators) for (const size of sizes) results.push(await benchReloads(generator, size, Number(values.reloads), log));
  const out = ['| generator | entries | reload | longest stall in each (in order) | reload time (median) |', '| --- | ---: | --- | ---: | ---: |'];
  for (const r of results) {
    out.push(`| ${r.generator} | ${r.entries} | a door's warm-up after ready (not a reload) | ${ms(r.warmUp.longestPauseMs)} | ${ms(r.warmUp.totalMs)} |`);
    for (const [what, runs] of [['from the store', r.store], ['of a JSON file', r.jsonFile]] as const) {
      const times = runs.map((x) => x.totalMs).sort((a, b) => a - b);
      out.push(`| ${r.generator} | ${r.entries} | ${what} | ${runs.map((x) => ms(x.longestPauseMs)).join(' / ')} | ${ms(times[Math.floor(times.length / 2)]!)} |`);
    }
    const own = r.ownProcess;
    const hosted = (p: HostedPause) => `${ms(p.doorMs)} door, ${ms(p.recordMs)} record`;
    out.push(`| ${r.generator} | ${r.entries} | record in its own process: warm-up after ready | ${hosted(own.warmUp)} | ${ms(own.warmUp.totalMs)} |`);
    const times = own.reloads.map((x) => x.totalMs).sort((a, b) => a - b);
    out.push(`| ${r.generator} | ${r.entries} | record in its own process: from the store | ${own.reloads.map(hosted).join(' / ')} | ${ms(times[Math.floor(times.length / 2)]!)} |`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(values.out.replace(/\.json$/, '-reloads.json'), `${JSON.stringify({ node: process.version, date: new Date().toISOString(), results }, null, 2)}\n`);
  process.exit(0);
}
if (values.ready) {
  const ready = [];
  for (const generator of generators) for (const size of sizes) ready.push(await benchReady(generator, size, { runs: Number(values.runs), log }));
  const out = ['| generator | entries | door | median | min | max | runs |', '| --- | ---: | --- | ---: | ---: | ---: | ---: |'];
  for (const r of ready) for (const [door, s] of Object.entries(r.doors)) out.push(`| ${r.generator} | ${r.entries} | ${door} | ${ms(s.p50)} | ${ms(s.min)} | ${ms(s.max)} | ${s.n} |`);
  process.stdout.write(`${out.join('\n')}\n`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(values.out.replace(/\.json$/, '-ready.json'), `${JSON.stringify({ node: process.version, date: new Date().toISOString(), ready }, null, 2)}\n`);
  process.exit(0);
}
const results: SizeResult[] = [];
for (const generator of generators) for (const size of sizes) {
  log(`${generator.name}:`);
  results.push(await benchSize(size, { generator, perPath: values.quick ? 40 : size >= 100000 ? 200 : 300, fuseQueries: size >= 100000 ? 5 : size >= 10000 ? 40 : 100, log }));
}

const lines: string[] = [];
const row = (cells: string[]) => lines.push(`| ${cells.join(' | ')} |`);
lines.push('Through the store (the bot\'s start: loadFromStore; the store seeded from the generated file first):', '');
row(['generator', 'entries', 'JSON file', 'seed store', 'build (cold)', 'ready (cached index)', 'then big lists', 'heap', 'heap after the queries', 'cache write', 'reload while serving', 'longest stall in it', 'warm-up after ready (as a door)', 'longest stall in it']);
row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']);
for (const r of results) {
  row([r.generator, String(r.entries), `${r.fileMB.toFixed(0)} MB`, ms(r.seedMs), ms(r.buildMs), `${ms(r.readyMs)}${r.readyFromCache ? '' : ' (no cache)'}`, ms(r.finishMs), `${r.heapMB.toFixed(0)} MB`, `${r.heapServingMB.toFixed(0)} MB`, r.cacheWriteError ? `failed: ${r.cacheWriteError}` : ms(r.cacheWriteMs), ms(r.reload.totalMs), ms(r.reload.longestPauseMs), ms(r.finishing.totalMs), ms(r.finishing.longestPauseMs)]);
}
lines.push('', 'The same record read from its JSON file instead (loadIndexed; reload of a changed file):', '');
row(['generator', 'entries', 'build (cold) + cache write', 'ready (cached index)', 'reload while serving', 'longest stall in it']);
row(['---', '---:', '---:', '---:', '---:', '---:']);
for (const r of results) {
  const j = r.jsonFile;
  if (isSkipped(j)) row([r.generator, String(r.entries), `skipped: ${j.skipped}`, '–', '–', '–']);
  else row([r.generator, String(r.entries), ms(j.buildMs), `${ms(j.readyMs)}${j.readyFromCache ? '' : ' (no cache)'}`, ms(j.reload.totalMs), ms(j.reload.longestPauseMs)]);
}
lines.push('');
row(['generator', 'entries', 'path', 'p50', 'p99', 'max', 'n']);
row(['---', '---:', '---', '---:', '---:', '---:', '---:']);
for (const r of results) {
  for (const [path, s] of Object.entries(r.paths)) row([r.generator, String(r.entries), path, ms(s.p50), ms(s.p99), ms(s.max), String(s.n)]);
  for (const [path, s] of Object.entries(r.commandOnly)) row([r.generator, String(r.entries), `${path}, command alone (no rendering)`, ms(s.p50), ms(s.p99), ms(s.max), String(s.n)]);
  for (const [name, c] of [['plain MiniSearch', r.plainMiniSearch], ['Fuse.js', r.fuse]] as const) {
    if (isSkipped(c)) row([r.generator, String(r.entries), `${name} (search mix): skipped, ${c.skipped}`, '–', '–', '–', '–']);
    else row([r.generator, String(r.entries), `${name} (search mix)`, ms(c.search.p50), ms(c.search.p99), ms(c.search.max), String(c.search.n)]);
  }
}
lines.push('');
row(['generator', 'entries', 'search p50 ÷ plain MiniSearch p50', 'Fuse.js p50 ÷ search p50', 'plain MiniSearch build', 'Fuse.js build']);
row(['---', '---:', '---:', '---:', '---:', '---:']);
for (const r of results) {
  const plain = r.plainMiniSearch;
  const fuse = r.fuse;
  row([
    r.generator,
    String(r.entries),
    isSkipped(plain) ? '–' : `${(r.paths.search.p50 / plain.search.p50).toFixed(2)}×`,
    isSkipped(fuse) ? '–' : `${(fuse.search.p50 / r.paths.search.p50).toFixed(0)}×`,
    isSkipped(plain) ? plain.skipped : ms(plain.buildMs),
    isSkipped(fuse) ? fuse.skipped : ms(fuse.buildMs),
  ]);
}
log('  Discord stand-in: sequential and bursts…');
const discord = await benchDiscord(values.quick ? { sequential: 20, bursts: 2, burstSize: 50 } : { sequential: 200, bursts: 10, burstSize: 100 });
lines.push('');
row(['through the Discord stand-in (project record)', 'p50', 'p99', 'max', 'answered exactly once']);
row(['---', '---:', '---:', '---:', '---:']);
row([`one at a time (${discord.sequential.n})`, ms(discord.sequential.p50), ms(discord.sequential.p99), ms(discord.sequential.max), '–']);
row([`${discord.burst.interactions} in bursts of ${discord.burst.interactions / discord.burst.bursts}`, ms(discord.burst.p50), ms(discord.burst.p99), ms(discord.burst.max), `${discord.burst.answeredOnce} of ${discord.burst.interactions}`]);

log('  timeline picture…');
const picture = benchPicture(values.quick ? 5 : 50);
lines.push('');
row(['timeline picture (PNG, 1000×560)', 'p50', 'p99', 'max', 'n']);
row(['---', '---:', '---:', '---:', '---:']);
row(['whole record, 2016–2018 (22 entries)', ms(picture.whole.p50), ms(picture.whole.p99), ms(picture.whole.max), String(picture.whole.n)]);
row(['one season, våren 2017 (10 entries)', ms(picture.season.p50), ms(picture.season.p99), ms(picture.season.max), String(picture.season.n)]);

process.stdout.write(`${lines.join('\n')}\n`);

mkdirSync('bench/results', { recursive: true });
writeFileSync(values.out, `${JSON.stringify({ node: process.version, date: new Date().toISOString(), results, discord, picture }, null, 2)}\n`);
log(`figures written to ${values.out}`);
