/**
 * Where the heap goes after a cached start and finish(): each structure's retained size, measured by letting go of
 * it (the one reference the loaded record holds), collecting, and reading the heap — then putting it back. What is
 * left when everything listed is let go is the record itself. `npm run bench -- --memory` (with --sizes and
 * --generator); needs --expose-gc, which npm run bench passes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIndexed } from '../src/live/record.js';
import type { Generator } from './search.js';
import { heapMB } from './stats.js';

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
  writeFileSync(file, JSON.stringify(generator.record(entries)));
  const cacheDir = join(dir, 'cache');
  log(`  ${entries}: memory by structure…`);
  loadIndexed(file, { cacheDir }).saveCache();
  heapMB();
  const loaded = loadIndexed(file, { cacheDir });
  loaded.finish();
  const heap = heapMB();
  const index = loaded.index as unknown as Record<string, unknown>;
  const contacts = loaded.index.contacts as unknown as Record<string, unknown>;
  const lists = (loaded.suggester as unknown as { lists: Map<string, unknown> }).lists;
  const held: Held[] = [
    { name: 'text index (MiniSearch postings, bitmaps)', owner: () => index, field: 'text' },
    { name: 'contact index (MiniSearch)', owner: () => contacts, field: 'built' },
    { name: 'contacts list', owner: () => contacts, field: 'contacts' },
    { name: 'contact name words', owner: () => contacts, field: 'nameWords' },
    { name: 'places (gazetteer and its indexes)', owner: () => index, field: 'places' },
    { name: 'entries by id', owner: () => index, field: 'byId' },
    { name: 'entries in date order', owner: () => index, field: 'chronological' },
  ];
  const structures: Record<string, number> = {};
  for (const h of held) {
    const owner = h.owner();
    const value = owner[h.field];
    owner[h.field] = undefined;
    structures[h.name] = heap - heapMB();
    owner[h.field] = value;
  }
  for (const [id, list] of [...lists]) {
    lists.delete(id);
    structures[`autocomplete list: ${id}`] = heap - heapMB();
    lists.set(id, list);
  }
  // Everything above let go at once: what stays is the record (entries and their strings) and the code.
  const saved = held.map((h) => [h, h.owner()[h.field]] as const);
  for (const [h] of saved) h.owner()[h.field] = undefined;
  const savedLists = [...lists];
  lists.clear();
  structures['everything above together'] = heap - heapMB();
  for (const [h, v] of saved) h.owner()[h.field] = v;
  for (const [k, v] of savedLists) lists.set(k, v);
  structures['left: the record and the code'] = heap - structures['everything above together'];
  rmSync(dir, { recursive: true, force: true });
  return { generator: generator.name, entries, heapMB: heap, structures };
}
