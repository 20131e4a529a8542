/**
 * Where the heap goes after a cached start and finish(): each structure's retained size, measured by letting go of
 * it (the one reference the loaded record holds), collecting, and reading the heap. What is left when everything
 * listed is let go is the record itself. `npm run bench -- --memory` (with --sizes and
 * --generator); needs --expose-gc, which npm run bench passes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRecordFile } from '../src/data/write.js';
import { loadIndexed } from '../src/live/record.js';
import type { Generator } from './search.js';
import { heapMB } from './stats.js';

/**
 * The heap once garbage is really gone: one collection can leave what only a second one finds (weak maps). Typed
 * arrays' contents (the compact postings, bitmaps) live outside the JS heap, in array buffers: heapMB() counts them
 * (adding them here again, as this did, counted them twice: 18 MB too much at 100,000 entries).
 */
function settledMB(): number {
  heapMB();
  heapMB();
  return heapMB();
}

export interface MemoryResult {
  generator: string;
  entries: number;
  heapMB: number;
  /** Structure → megabytes freed when it alone is let go. */
  structures: Record<string, number>;
}

/** A field some object holds, reached by path, that can be let go and put back. */
interface Held {
  name: string;
  owner: () => Record<string, unknown>;
  field: string;
}

export function benchMemory(generator: Generator, entries: number, log: (s: string) => void): MemoryResult {
  const dir = mkdtempSync(join(tmpdir(), 'projektminne-memory-'));
  const file = join(dir, `${generator.name}-${entries}.json`);
  const cacheDir = join(dir, 'cache');
  log(`  ${entries}: memory by structure…`);
  prepare(generator, entries, file, cacheDir);
  const result = measure(file, cacheDir);
  rmSync(dir, { recursive: true, force: true });
  return { generator: generator.name, entries, ...result };
}

/**
 * Writes the record and its index cache. A function of its own: a frame's temporaries (the generated record, the
 * cold index) stay reachable while the frame runs and would be counted.
 */
function prepare(generator: Generator, entries: number, file: string, cacheDir: string): void {
  writeRecordFile(file, generator.record(entries));
  loadIndexed(file, { cacheDir }).saveCache();
}

function measure(file: string, cacheDir: string): Omit<MemoryResult, 'generator' | 'entries'> {
  settledMB();
  const loaded = loadIndexed(file, { cacheDir });
  loaded.finish();
  const heap = settledMB();
  const buffers = process.memoryUsage().arrayBuffers / 1e6;
  const index = loaded.index as unknown as Record<string, unknown>;
  const contacts = loaded.index.contacts as unknown as Record<string, unknown>;
  const lists = (loaded.suggester as unknown as { lists: Map<string, unknown> }).lists;
  const held: Held[] = [
    { name: 'text index (compact postings, term dictionary, bitmaps)', owner: () => index, field: 'text' },
    { name: 'contact index (compact postings, term dictionary)', owner: () => contacts, field: 'built' },
    { name: 'contacts list', owner: () => contacts, field: 'contacts' },
    { name: 'contact name words', owner: () => contacts, field: 'nameWords' },
    { name: 'places (gazetteer and its indexes)', owner: () => index, field: 'places' },
    // The private fields behind the getters byId and chronological.
    { name: 'entries by id', owner: () => index, field: 'ids' },
    { name: 'entries in date order', owner: () => index, field: 'dated' },
  ];
  const structures: Record<string, number> = {};
  // Let go one at a time, for good (a kept reference would keep it alive): each figure is what that structure
  // holds beyond the ones let go before it and beyond the entries, which the record keeps.
  let before = heap;
  const released = (name: string) => {
    const now = settledMB();
    structures[name] = before - now;
    before = now;
  };
  for (const id of [...lists.keys()]) {
    lists.delete(id);
    released(`autocomplete list: ${id}`);
  }
  for (const h of held) {
    h.owner()[h.field] = undefined;
    released(h.name);
  }
  structures['left: the record, the gazetteer of Sweden and the code'] = before;
  structures['(of the total: typed arrays, outside the JS heap)'] = buffers;
  return { heapMB: heap, structures };
}
