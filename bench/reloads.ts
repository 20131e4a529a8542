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
import { type Generator, measureStall, runPath } from './search.js';

export interface ReloadsResult {
  generator: string;
  entries: number;
  /** The door's warm-up after ready (finishAsync, from the store's cache), as the doors run it while answering. */
  warmUp: { totalMs: number; longestPauseMs: number };
  store: { totalMs: number; longestPauseMs: number }[];
  jsonFile: { totalMs: number; longestPauseMs: number }[];
}

export async function benchReloads(generator: Generator, entries: number, count: number, log: (s: string) => void): Promise<ReloadsResult> {
  const dir = mkdtempSync(join(tmpdir(), 'projektminne-reloads-'));
  const file = join(dir, 'record.json');
  const mix = (() => {
    const record = generator.record(entries);
    writeRecordFile(file, record);
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
  const fromStore = await serve(loadFromStore(store, { cacheDir }), (_, current) => {
    const changed = store.get(current.index.entries[0]!.id)!.entry;
    store.update(changed.id, { ...changed, summary: `${changed.summary} (ändrad)` }, { id: 'bench', name: 'bench' });
  }, true);
  store.close();
  log(`${generator.name}, ${entries}: from a JSON file…`);
  const jsonCache = join(dir, 'cache-json');
  loadIndexed(file, { cacheDir: jsonCache }).saveCache();
  const fromFile = await serve(loadIndexed(file, { cacheDir: jsonCache }), (i) => writeRecordFile(file, generator.record(entries, 43 + i)));
  rmSync(dir, { recursive: true, force: true });
  return { generator: generator.name, entries, warmUp, store: fromStore, jsonFile: fromFile };
}
