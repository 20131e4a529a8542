import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { random } from '../bench/generate.js';
import { replicateQueryMix } from '../bench/queries-replicate.js';
import { replicateRecord } from '../bench/replicate.js';
import { findCommand, runCommand } from '../src/commands/registry.js';
import { parseRecord } from '../src/data/load.js';
import { loadIndexed } from '../src/live/record.js';
import { renderJson } from '../src/render/json.js';
import { allowedEdits, editDistance } from '../src/search/fuzzy.js';
import { NameIndex } from '../src/search/name-index.js';

const record = replicateRecord(6000);

describe('the replicate generator', () => {
  it('grows the real record into schema-valid entries with many distinct places', () => {
    expect(() => parseRecord(JSON.parse(JSON.stringify(record)), 'replicate')).not.toThrow();
    expect(new Set(record.entries.map((e) => e.id)).size).toBe(6000);
    expect(new Set(record.entries.flatMap((e) => e.places.map((p) => p.name))).size).toBeGreaterThan(1000);
  });
});

describe('NameIndex finds what a scan finds', () => {
  const keys = [...new Set(record.entries.flatMap((e) => e.places.map((p) => p.name.toLowerCase())))];
  const index = new NameIndex(keys);
  const r = random(5);
  const mutate = (s: string) => {
    const i = Math.floor(r() * s.length);
    const v = r();
    if (v < 0.25) return s.slice(0, i) + s.slice(i + 1);
    if (v < 0.5) return s.slice(0, i) + 'x' + s.slice(i);
    if (v < 0.75) return s.slice(0, i) + 'q' + s.slice(i + 1);
    return s.slice(0, i) + (s[i + 1] ?? '') + (s[i] ?? '') + s.slice(i + 2);
  };
  const queries = Array.from({ length: 300 }, () => {
    const key = keys[Math.floor(r() * keys.length)]!;
    return r() < 0.3 ? key : r() < 0.7 ? mutate(key) : mutate(mutate(key));
  });

  it('within the allowed edits, as editDistance counts them (transpositions too)', () => {
    for (const q of queries) {
      const edits = Math.max(1, allowedEdits(q.length));
      expect(index.near(q, edits).sort()).toEqual(keys.filter((k) => editDistance(q, k, edits) <= edits).sort());
    }
  });

  it('by prefix', () => {
    for (const q of queries.map((k) => k.slice(0, 1 + Math.floor(r() * 6)))) {
      expect(index.withPrefix(q)).toEqual(keys.filter((k) => k.startsWith(q)).sort());
    }
  });
});

describe('a start from the cache', () => {
  it('reads the record names from it and answers exactly as a cold start does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'projektminne-speed-'));
    const file = join(dir, 'replicate.json');
    writeFileSync(file, JSON.stringify(record));
    const cacheDir = join(dir, 'cache');
    const cold = loadIndexed(file, { cacheDir });
    cold.saveCache();
    const warm = loadIndexed(file, { cacheDir });
    expect(warm.fromCache).toBe(true);
    expect(warm.index.contacts.contacts.map((c) => [c.name, c.organisation, c.entries.length])).toEqual(
      cold.index.contacts.contacts.map((c) => [c.name, c.organisation, c.entries.length]),
    );
    expect(warm.index.places.names.map((n) => `${n.level}:${n.label}:${n.entries.length}`)).toEqual(cold.index.places.names.map((n) => `${n.level}:${n.label}:${n.entries.length}`));
    for (const q of replicateQueryMix(record, 15).filter((q) => q.path !== 'autocomplete')) {
      const answer = (loaded: typeof cold) => JSON.stringify(renderJson(runCommand(findCommand(q.path)!, { text: q.text }, loaded.index, 'sv')));
      expect(answer(warm)).toBe(answer(cold));
    }
  });
}, 120000);
