import { describe, expect, it } from 'vitest';
import { generateRecord } from '../bench/generate.js';
import { replicateRecord } from '../bench/replicate.js';
import { loadRecordFile } from '../src/data/load.js';
import { byEntryMap, byIdMap, SHARD_ABOVE, ShardedMap } from '../src/search/sharded-map.js';

const big = SHARD_ABOVE + 1;

describe('the sharded map the indexes keep by id and by entry', () => {
  it('answers as a Map does: set, overwrite, get, has, delete and size', () => {
    const ids = [...loadRecordFile().entries.map((e) => e.id), ...generateRecord(3000, 7).entries.map((e) => e.id), '', 'x'];
    const map = byIdMap<number>(big);
    expect(map).toBeInstanceOf(ShardedMap);
    const plain = new Map<string, number>();
    ids.forEach((id, i) => (map.set(id, i), plain.set(id, i)));
    // Overwriting a key keeps the count.
    ids.slice(0, 50).forEach((id) => (map.set(id, -1), plain.set(id, -1)));
    for (const id of ids.filter((_, i) => i % 3 === 0)) expect(map.delete(id)).toBe(plain.delete(id));
    expect(map.delete('never there')).toBe(false);
    expect(map.size).toBe(plain.size);
    for (const id of [...ids, 'never there']) {
      expect(map.get(id)).toBe(plain.get(id));
      expect(map.has(id)).toBe(plain.has(id));
    }
    expect([...map.values()].sort((a, b) => a - b)).toEqual([...plain.values()].sort((a, b) => a - b));
  });

  it.each([
    ['the bench generator', generateRecord(20_000, 3)],
    ['the replicating generator (the real ids with a suffix)', replicateRecord(20_000, 3)],
  ])('spreads the ids of %s over every shard, none holding more than three times its share', (_, record) => {
    const map = byIdMap<number>(big);
    for (const e of record.entries) map.set(e.id, 0);
    const sizes = (map as unknown as { shards: Map<string, number>[] }).shards.map((s) => s.size);
    expect(sizes.filter((n) => n > 0).length).toBe(sizes.length);
    expect(Math.max(...sizes)).toBeLessThan((3 * map.size) / sizes.length);
  });

  it('keys an entry by the object, placed by its id: an equal copy is another key', () => {
    const [entry] = loadRecordFile().entries;
    const map = byEntryMap<string[]>(big);
    expect(map).toBeInstanceOf(ShardedMap);
    map.set(entry!, ['Regionbibliotek Stockholm']);
    expect(map.get(entry!)).toEqual(['Regionbibliotek Stockholm']);
    expect(map.has({ ...entry! })).toBe(false);
  });

  it('is a plain Map up to SHARD_ABOVE keys, where a lookup is cheaper and a growth short', () => {
    expect(byIdMap(SHARD_ABOVE)).toBeInstanceOf(Map);
    expect(byEntryMap(1000)).toBeInstanceOf(Map);
  });
});
