import type { Entry } from '../data/schema.js';

/**
 * A map kept as many small Maps, each key in the one its text picks. A JavaScript Map grows by rehashing all it
 * holds at once: at a million entries the last growth of one keyed by entry was a single step of 120–180 ms on the
 * serving thread in the middle of a paced reload (a CPU profile of a JSON file's reload: the id and slot maps, the
 * entries' organisations). Split in SHARDS, one growth rehashes a sixty-fourth of the keys.
 *
 * Only what the indexes use of a Map is here; iteration goes shard by shard, so it is not in insertion order.
 */
export class ShardedMap<K, V> {
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

const SHARDS = 64;

/**
 * Which shard a text goes in: a hash of its last eight characters and its length (ids end in what tells them
 * apart: "…-harnosand", "…-000123"). Reading eight characters costs next to nothing beside the Map's own hashing.
 */
function shardOf(text: string): number {
  let h = text.length;
  for (let i = Math.max(0, text.length - 8); i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return (h ^ (h >>> 7)) & (SHARDS - 1);
}

/** A map by entry id. */
export const byIdMap = <V>() => new ShardedMap<string, V>((id) => id);

/** A map by entry (placed by its id, which an entry object keeps: a changed entry is a new object). */
export const byEntryMap = <V>() => new ShardedMap<Entry, V>((entry) => entry.id);
