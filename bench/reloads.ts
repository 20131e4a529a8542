/**
 * `npm run bench -- --reloads 3`: a serving bot's warm-up and reloads, and nothing else in the process. The record
 * is started from the store's cache and warmed up as a door does (measured), the query mix answered twice, then the
 * store changed and the record reloaded `count` times (and a changed JSON file reloaded `count` times), each with
 * the longest the event loop was held. The full bench measures its one reload after building plain MiniSearch, Fuse.js and second records
 * in the same process; there the garbage collector's state differs (see the README's Performance).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRecordFile } from '../src/data/write.js';
import { LiveRecord, loadFromStore, loadIndexed, type Loaded } from '../src/live/record.js';
import { openStore } from '../src/store/store.js';
import { ProcessHost } from '../src/live/process-host.js';
import { createLogger } from '../src/log.js';
import { type Generator, measureStall, runPath } from './search.js';

export interface ReloadsResult {
  generator: string;
  entries: number;
  /** The door's warm-up after ready (finishAsync, from the store's cache), as the doors run it while answering. */
  warmUp: { totalMs: number; longestPauseMs: number };
  store: { totalMs: number; longestPauseMs: number }[];
  jsonFile: { totalMs: number; longestPauseMs: number }[];
  /**
   * The record in a process of its own (RECORD_HOST=process): its warm-up and reloads from the store, each with the
   * longest the door's event loop was held and the longest the serving record process's was (asked every 50 ms;
   * the new process's build is not counted: nothing waits on it).
   */
  ownProcess: { warmUp: HostedPause; reloads: HostedPause[] };
}

export interface HostedPause {
  totalMs: number;
  doorMs: number;
  recordMs: number;
}

/** How long `work` took, the longest the door's loop was held, and the longest the record process's was. */
async function measureHosted(host: ProcessHost, work: () => Promise<unknown>): Promise<HostedPause> {
  await host.longestPause();
  let recordMs = 0;
  let asking = true;
  const asked = (async () => {
    while (asking) {
      recordMs = Math.max(recordMs, (await host.longestPause()) || 0);
      await new Promise((settled) => setTimeout(settled, 50));
    }
  })();
  const { totalMs, longestPauseMs } = await measureStall(work);
  asking = false;
  await asked;
  recordMs = Math.max(recordMs, (await host.longestPause()) || 0);
  return { totalMs, doorMs: longestPauseMs, recordMs };
}

export async function benchReloads(generator: Generator, entries: number, count: number, log: (s: string) => void): Promise<ReloadsResult> {
  const dir = mkdtempSync(join(tmpdir(), 'projektminne-reloads-'));
  const file = join(dir, 'record.json');
  // The entry the store reloads change: the first in record order, as the store keeps the seed's.
  let firstId = '';
  const mix = (() => {
    const record = generator.record(entries);
    writeRecordFile(file, record);
    firstId = record.entries[0]!.id;
    return generator.queries(record, 200);
  })();
  let warmUp = { totalMs: 0, longestPauseMs: 0 };
  const serve = async (first: Loaded, change: (i: number, current: Loaded) => void, door = false) => {
    if (door) warmUp = await measureStall(() => first.finishAsync());
    else first.finish();
    for (let pass = 0; pass < 2; pass++) for (const q of mix) runPath(first, q.path, q.text, q.field);
    const live = new LiveRecord(first);
    const out = [];
    for (let i = 0; i < count; i++) {
      change(i, live.current);
      out.push(await measureStall(() => live.reload()));
      log(`  ${entries}: reload ${i + 1}: longest stall ${out.at(-1)!.longestPauseMs.toFixed(0)} ms`);
    }
    return out;
  };
  log(`${generator.name}, ${entries}: from the store…`);
  const store = await openStore(join(dir, 'store.db'), { seed: file, pollMs: 0 });
  const cacheDir = join(dir, 'cache');
  loadFromStore(store, { cacheDir }).saveCache();
  const change = () => {
    const changed = store.get(firstId)!.entry;
    store.update(changed.id, { ...changed, summary: `${changed.summary} (ändrad)` }, { id: 'bench', name: 'bench' });
  };
  const fromStore = await serve(loadFromStore(store, { cacheDir }), change, true);
  log(`${generator.name}, ${entries}: the record in a process of its own…`);
  // Its start-up cache is the one the reloads above wrote for the store as it is now.
  const host = await ProcessHost.start({ databaseFile: store.file, editorRoleId: null, logLevel: 'silent', cacheDir }, createLogger('silent'));
  const ownProcess = { warmUp: await measureHosted(host, () => host.finish()), reloads: [] as HostedPause[] };
  for (let i = 0; i < count; i++) {
    change();
    ownProcess.reloads.push(await measureHosted(host, () => host.reload()));
    const r = ownProcess.reloads.at(-1)!;
    log(`  ${entries}: own process, reload ${i + 1}: longest stall ${r.doorMs.toFixed(0)} ms (door), ${r.recordMs.toFixed(0)} ms (record)`);
  }
  await host.stop();
  store.close();
  log(`${generator.name}, ${entries}: from a JSON file…`);
  const jsonCache = join(dir, 'cache-json');
  loadIndexed(file, { cacheDir: jsonCache }).saveCache();
  const fromFile = await serve(loadIndexed(file, { cacheDir: jsonCache }), (i) => writeRecordFile(file, generator.record(entries, 43 + i)));
  rmSync(dir, { recursive: true, force: true });
  return { generator: generator.name, entries, warmUp, store: fromStore, jsonFile: fromFile, ownProcess };
}
