import type { Entry } from '../data/schema.js';

/** What the indexes use of a Map: a plain Map is one, and so is a ShardedMap. */
export interface KeyedMap<K, V> {
  readonly size: number;
  get(key: K): V | undefined;
  has(key: K): boolean;
  set(key: K, value: V): this;
  delete(key: K): boolean;
  values(): IterableIterator<V>;
}

/**
 * A map kept as many small Maps, each key in the one its text picks. A JavaScript Map grows by rehashing all it
 * holds at once: at a million entries the last growth of one keyed by entry was a single step of 120–180 ms on the
 * serving thread in the middle of a paced reload (a CPU profile of a JSON file's reload: the id and slot maps, the
 * entries' organisations). Split in SHARDS, one growth rehashes a sixteenth of the keys.
 *
 * Iteration goes shard by shard, so it is not in insertion order.
 */
export class ShardedMap<K, V> implements KeyedMap<K, V> {
  private readonly shards: Map<K, V>[] = Array.from({ length: SHARDS }, () => new Map<K, V>());
  private count = 0;

  /** `textOf` gives the text a key is placed by: the same key must always give the same text. */
  constructor(private readonly textOf: (key: K) => string) {}

  private shard(key: K): Map<K, V> {
    return this.shards[shardOf(this.textOf(key))]!;
  }

  get size(): number {
    return this.count;
  }

  get(key: K): V | undefined {
    return this.shard(key).get(key);
  }

  has(key: K): boolean {
    return this.shard(key).has(key);
  }

  set(key: K, value: V): this {
    const shard = this.shard(key);
    const before = shard.size;
    shard.set(key, value);
    this.count += shard.size - before;
    return this;
  }

  delete(key: K): boolean {
    const deleted = this.shard(key).delete(key);
    if (deleted) this.count--;
    return deleted;
  }

  *values(): IterableIterator<V> {
    for (const shard of this.shards) yield* shard.values();
  }
}

const SHARDS = 16;

/**
 * Which shard a text goes in: its length and last three characters (ids end in what tells them apart:
 * "…-harnosand", "…-000123"). A few arithmetic steps beside the Map's own hashing.
 */
function shardOf(text: string): number {
  const n = text.length;
  const h = n + (text.charCodeAt(n - 1) | 0) + 7 * (text.charCodeAt(n - 2) | 0) + 49 * (text.charCodeAt(n - 3) | 0);
  return (h ^ (h >>> 6)) & (SHARDS - 1);
}

/**
 * Up to this many keys a plain Map: its growth rehashes at most about 30 ms' worth (a million took 120–180 ms), and
 * a lookup through the shards cost 1.4–1.7 times a plain one (100,000 lookups timed side by side), which the loops that look up
 * every entry's slot after a change would feel.
 */
export const SHARD_ABOVE = 250_000;

/** A map by entry id, for about `expected` entries. */
export const byIdMap = <V>(expected: number): KeyedMap<string, V> => (expected > SHARD_ABOVE ? new ShardedMap<string, V>((id) => id) : new Map<string, V>());

/**
 * A map by entry, for about `expected` entries (sharded by the id, which an entry object keeps: a changed entry is a
 * new object).
 */
export const byEntryMap = <V>(expected: number): KeyedMap<Entry, V> =>
  expected > SHARD_ABOVE ? new ShardedMap<Entry, V>((entry) => entry.id) : new Map<Entry, V>();
