/**
 * Where the heap goes after a cached start and finish(): each structure's retained size, measured by letting go of
 * it (the one reference the loaded record holds), collecting, and reading the heap. What is left when everything
 * listed is let go is the record itself. Then, on a second start, what the bench's query mix builds on first use
 * and keeps (the heap the search bench gives as "after the queries"), the same way. `npm run bench -- --memory`
 * (with --sizes and --generator); needs --expose-gc, which npm run bench passes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRecordFile } from '../src/data/write.js';
import { type Loaded, loadIndexed } from '../src/live/record.js';
import { findCommand, runCommand } from '../src/commands/registry.js';
import { keptFor } from '../src/question/facts.js';
import { renderDiscord } from '../src/render/discord.js';
import type { Query } from './queries.js';
import type { Generator } from './search.js';
import { settledHeapMB } from './stats.js';

export interface MemoryResult {
  generator: string;
  entries: number;
  heapMB: number;
  /** Structure → megabytes freed when it alone is let go. */
  structures: Record<string, number>;
  /** The heap after the query mix (as the search bench's heapServingMB), and what of it was built on first use. */
  heapServingMB: number;
  afterQueries: Record<string, number>;
}

/** Something the loaded record holds, and how to let go of it (the one reference to it, for good). */
interface Held {
  name: string;
  release: () => void;
}

/** Lets go of these fields of an object (reached when let go: it may be made meanwhile), if it is there. */
const fields =
  (owner: () => unknown, ...names: string[]) =>
  () => {
    const o = owner() as Record<string, unknown> | undefined;
    if (o) for (const name of names) o[name] = undefined;
  };

/** Lets go of each in turn; each figure is what the heap lost with it. */
function letGo(held: readonly Held[], from: number, structures: Record<string, number>): number {
  let before = from;
  for (const h of held) {
    h.release();
    const now = settledHeapMB();
    structures[h.name] = before - now;
    before = now;
  }
  return before;
}

export function benchMemory(generator: Generator, entries: number, log: (s: string) => void): MemoryResult {
  const dir = mkdtempSync(join(tmpdir(), 'projektminne-memory-'));
  const file = join(dir, `${generator.name}-${entries}.json`);
  const cacheDir = join(dir, 'cache');
  log(`  ${entries}: memory by structure…`);
  const mix = prepare(generator, entries, file, cacheDir);
  const result = measure(file, cacheDir);
  log(`  ${entries}: memory after the queries…`);
  const serving = measureServing(file, cacheDir, mix);
  rmSync(dir, { recursive: true, force: true });
  return { generator: generator.name, entries, ...result, ...serving };
}

/**
 * Writes the record and its index cache. A function of its own: a frame's temporaries (the generated record, the
 * cold index) stay reachable while the frame runs and would be counted.
 */
function prepare(generator: Generator, entries: number, file: string, cacheDir: string): Query[] {
  const record = generator.record(entries);
  writeRecordFile(file, record);
  loadIndexed(file, { cacheDir }).saveCache();
  // The search bench's mix at 100,000 entries and above (200 a path).
  return generator.queries(record, 200);
}

function measure(file: string, cacheDir: string): Pick<MemoryResult, 'heapMB' | 'structures'> {
  settledHeapMB();
  const loaded = loadIndexed(file, { cacheDir });
  loaded.finish();
  const heap = settledHeapMB();
  const buffers = process.memoryUsage().arrayBuffers / 1e6;
  const index = loaded.index as unknown as Record<string, unknown>;
  const contacts = loaded.index.contacts as unknown as Record<string, unknown>;
  const lists = (loaded.suggester as unknown as { lists: Map<string, unknown> }).lists;
  const held: Held[] = [
    { name: 'text index (compact postings, term dictionary, bitmaps)', release: fields(() => index, 'text') },
    { name: 'contact index (compact postings, term dictionary)', release: fields(() => contacts, 'built') },
    { name: 'contacts list', release: fields(() => contacts, 'contacts') },
    { name: 'contact name words', release: fields(() => contacts, 'nameWords') },
    { name: 'places (gazetteer and its indexes)', release: fields(() => index, 'places') },
    // The private fields behind the getters byId and chronological.
    { name: 'entries by id', release: fields(() => index, 'ids') },
    { name: 'entries in date order', release: fields(() => index, 'dated') },
  ];
  const structures: Record<string, number> = {};
  // Let go one at a time, for good (a kept reference would keep it alive): each figure is what that structure
  // holds beyond the ones let go before it and beyond the entries, which the record keeps.
  const listed = [...lists.keys()].map((id) => ({ name: `autocomplete list: ${id}`, release: () => lists.delete(id) }));
  const before = letGo([...listed, ...held], heap, structures);
  structures['left: the record, the gazetteer of Sweden and the code'] = before;
  structures['(of the total: typed arrays, outside the JS heap)'] = buffers;
  return { heapMB: heap, structures };
}

/** The bench's paths (search.ts runPath): the command and its Discord rendering, or autocomplete. */
function ask(loaded: Loaded, q: Query): unknown {
  if (q.path === 'autocomplete') return loaded.suggester.suggest(q.field!, q.text, 'sv');
  return renderDiscord(runCommand(findCommand(q.path)!, { text: q.text }, loaded.index, 'sv'));
}

/**
 * A second cached start and finish(), then the mix as the search bench runs it, then what the answers built on
 * first use let go part by part. What no part holds (the rest) is mostly code compiled for the queries.
 */
function measureServing(file: string, cacheDir: string, mix: readonly Query[]): Pick<MemoryResult, 'heapServingMB' | 'afterQueries'> {
  settledHeapMB();
  const loaded = loadIndexed(file, { cacheDir });
  loaded.finish();
  const built = settledHeapMB();
  for (const q of mix) ask(loaded, q);
  const serving = settledHeapMB();
  const index = loaded.index as unknown as Record<string, unknown>;
  const text = index.text as Record<string, unknown>;
  const contacts = loaded.index.contacts as unknown as Record<string, unknown>;
  const contactText = () => contacts.built as Record<string, unknown> | undefined;
  const facts = () => keptFor(loaded.index) as Record<string, unknown> | undefined;
  const held: Held[] = [
    { name: 'facts: who-numbers by entry (names, bodies, kinds and periods)', release: fields(facts, 'who') },
    { name: 'facts: places by entry', release: fields(facts, 'places') },
    { name: 'facts: kind, first month and period by entry', release: fields(facts, 'entries', 'periods') },
    { name: 'facts: library and own-work findings by entry', release: fields(facts, 'flags', 'ownWork') },
    { name: "facts: contacts' positions and who-numbers", release: fields(facts, 'contacts', 'contactWho', 'runs') },
    { name: 'facts: place lists as positions', release: fields(facts, 'lists') },
    // The facts' date order shares its columns with the index's: let go together.
    {
      name: 'date order as numbers',
      release: () => {
        fields(facts, 'dated')();
        fields(() => index, 'datedAt')();
      },
    },
    { name: 'text index: slots as record positions', release: fields(() => index, 'slotAt') },
    { name: "text index: common words' bitmaps", release: fields(() => text, 'bitmaps') },
    { name: 'text index: scratch for combining', release: fields(() => text.compact, 'scratch') },
    { name: "places: the names' look-up index", release: fields(() => index.places, 'index') },
    { name: 'contacts named exactly, first months', release: fields(() => contacts, 'byName', 'firstMonths') },
    { name: "contact index: common words' bitmaps, scratch", release: () => (fields(contactText, 'bitmaps')(), fields(() => contactText()?.compact, 'scratch')()) },
  ];
  const afterQueries: Record<string, number> = { 'heap after a cached start and finish()': built };
  const left = letGo(held, serving, afterQueries);
  afterQueries['rest: code compiled for the queries, analyzer and fold memos, …'] = left - built;
  return { heapServingMB: serving, afterQueries };
}
