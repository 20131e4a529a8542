import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRecord } from '../bench/generate.js';
import { loadIndexed } from '../src/live/record.js';
import { PIECE_BITS } from '../src/autocomplete/suggest.js';
import { fold } from '../src/search/text.js';

// Big enough that common words take the bitmap path (COMMON_TERM: 5,000 entries) and lists are bucketed.
const dir = mkdtempSync(join(tmpdir(), 'projektminne-scale-'));
const file = join(dir, 'synthetic.json');
writeFileSync(file, JSON.stringify(generateRecord(12000, 3)));
const cacheDir = join(dir, 'cache');
const loaded = loadIndexed(file, { cacheDir });
loaded.finish();
const { index } = loaded;

describe('at scale (12,000 generated entries)', () => {
  it('reads document frequencies from MiniSearch (the pinned internal it relies on)', () => {
    const text = (index as unknown as { text: { documentFrequency(t: string): number } }).text;
    expect(text.documentFrequency('bibliotek')).toBeGreaterThan(5000);
    expect(text.documentFrequency('xyzzy')).toBe(0);
  });

  it('answers a common word from bitmaps with every matching entry, in date order', () => {
    const all = index.search('bibliotek').entries;
    expect(all.length).toBe(12000);
    for (let i = 1; i < 200; i++) expect(all[i - 1]!.period.start <= all[i]!.period.start).toBe(true);
    const inPeriod = index.search('bibliotek 2019').entries;
    expect(inPeriod.length).toBe(12000);
    const first = inPeriod[0]!.period;
    expect(first.start <= '2019-12' && first.end >= '2019-01').toBe(true); // overlaps 2019
    expect(inPeriod.at(-1)!.period.end < '2019-01' || inPeriod.at(-1)!.period.start > '2019-12').toBe(true);
  });

  it('scores the rare words and filters by the common ones', () => {
    const hits = index.search('bibliotek Motala').entries;
    expect(hits.length).toBeGreaterThan(0);
    for (const e of hits.slice(0, 20)) expect(fold(`${e.source} ${e.places.map((p) => p.municipality).join(' ')}`)).toContain('motala');
    expect(index.search('Motla').entries[0]!.places[0]!.municipality).toBe('Motala');
    expect(index.search('Kiruna bibliotekk xyzzy').entries.length).toBeGreaterThan(0); // OR fallback
    expect(index.search('xyzzy').entries).toEqual([]);
  });

  it('completes from big lists: label prefixes first, then word prefixes, never more than 25', () => {
    const titles = loaded.suggester.suggest('title', 'stud', 'sv');
    expect(titles).toHaveLength(25);
    expect(titles.every((c) => fold(c.name).includes('stud'))).toBe(true);
    const who = loaded.suggester.suggest('who', 'bi', 'sv');
    expect(who[0]!.value).toMatch(/^bibliotek/); // the roles, whose labels start so, before the people at libraries
    expect(loaded.suggester.suggest('title', 'x'.repeat(6000), 'en')).toEqual([]);
  });

  it("buckets each big list's candidates by their words' first two and three letters, each candidate once", () => {
    type Packed = { size: number; keyText: string[]; keyStart: Uint32Array; keyEnd: Uint32Array; buckets: Map<string, Int32Array> | null };
    const lists = (loaded.suggester as unknown as { lists: Map<string, Packed> }).lists;
    const big = [...lists.values()].filter((l) => l.buckets);
    expect(big.length).toBeGreaterThan(0);
    for (const list of big) {
      const expected = new Map<string, number[]>();
      for (let i = 0; i < list.size; i++) {
        const key = list.keyText[i >>> PIECE_BITS]!.slice(list.keyStart[i], list.keyEnd[i]);
        for (const prefix of new Set(key.split(' ').flatMap((w) => [w.slice(0, 2), w.slice(0, 3)]))) {
          if (!expected.has(prefix)) expected.set(prefix, []);
          expected.get(prefix)!.push(i);
        }
      }
      expect(new Map([...list.buckets!].map(([k, v]) => [k, [...v]]))).toEqual(expected);
    }
  });

  it('reads every candidate of a big list whole from its piece of the packed texts, across the pieces', () => {
    type Packed = {
      size: number;
      labelText: string[];
      labelStart: Uint32Array;
      labelEnd: Uint32Array;
      nameText: string[];
      nameStart: Uint32Array | null;
      nameEnd: Uint32Array | null;
    };
    const lists = (loaded.suggester as unknown as { lists: Map<string, Packed> }).lists;
    const named = [...lists.values()].filter((l) => l.nameStart && l.size > 2 << PIECE_BITS);
    expect(named.length).toBeGreaterThan(0);
    for (const list of named) {
      expect(list.labelText.length).toBe(Math.ceil(list.size / (1 << PIECE_BITS)));
      for (let i = 0; i < list.size; i++) {
        // The shown name and the label are packed apart, with offsets of their own: each must be the other's.
        const name = list.nameText[i >>> PIECE_BITS]!.slice(list.nameStart![i], list.nameEnd![i]);
        expect(list.labelText[i >>> PIECE_BITS]!.slice(list.labelStart[i], list.labelEnd[i])).toBe(fold(name));
      }
    }
  });

  it('starts from the cache next time with the same answers, and rebuilds when the data changes', () => {
    loaded.saveCache();
    const again = loadIndexed(file, { cacheDir });
    expect(again.fromCache).toBe(true);
    expect(again.index.search('medborgarservice Motala').entries.map((e) => e.id)).toEqual(index.search('medborgarservice Motala').entries.map((e) => e.id));
    writeFileSync(file, JSON.stringify(generateRecord(12000, 4)));
    expect(loadIndexed(file, { cacheDir }).fromCache).toBe(false);
  });
}, 60000);

describe('reloading at scale', () => {
  it('builds the same index without blocking (async, in chunks) as the start-up path does at once', async () => {
    const { LiveRecord } = await import('../src/live/record.js');
    writeFileSync(file, JSON.stringify(generateRecord(12000, 5)));
    const sync = loadIndexed(file, { cacheDir: null });
    const live = new LiveRecord(loadIndexed(file, { cacheDir: null }));
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    const next = await live.reload();
    clearInterval(ticker);
    expect(ticks).toBeGreaterThan(3); // timers ran during the reload: the event loop was not held for its length
    expect(live.current).toBe(next);
    for (const q of ['medborgarservice Motala', 'bibliotek 2019', 'Motla', 'projektledare']) {
      expect(next.index.search(q).entries.map((e) => e.id), q).toEqual(sync.index.search(q).entries.map((e) => e.id));
    }
    expect(next.suggester.suggest('title', 'stud', 'sv')).toEqual(sync.suggester.suggest('title', 'stud', 'sv'));
  });
}, 60000);

describe('a damaged start-up cache', () => {
  it('is not trusted: start-up and reload both validate and build afresh, with the same answers', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { loadIndexedAsync } = await import('../src/live/record.js');
    writeFileSync(file, JSON.stringify(generateRecord(12000, 6)));
    const dir2 = join(dir, 'damaged');
    const good = loadIndexed(file, { cacheDir: dir2 });
    good.saveCache();
    const [name] = readdirSync(dir2);
    const cache = JSON.parse(readFileSync(join(dir2, name!), 'utf8'));
    cache.indexes.text.documentCount = 7; // no longer fits the record
    writeFileSync(join(dir2, name!), JSON.stringify(cache));
    const expected = good.index.search('medborgarservice Motala').entries.map((e) => e.id);
    for (const loaded of [loadIndexed(file, { cacheDir: dir2 }), await loadIndexedAsync(file, { cacheDir: dir2 })]) {
      expect(loaded.fromCache).toBe(false);
      expect(loaded.index.search('medborgarservice Motala').entries.map((e) => e.id)).toEqual(expected);
    }
  });
}, 60000);

describe('changes at scale', () => {
  it('answers after additions, corrections and removals as an index built afresh over the changed record does', async () => {
    const { RecordIndex } = await import('../src/search/engine.js');
    const live = loadIndexed(file, { cacheDir: null }).index;
    const others = generateRecord(60, 8).entries.map((e, i) => ({ ...e, id: `new-${i}` }));
    const entries = live.entries;
    // New entries across the dates (they go in between, not only at the end), dates moved, entries taken out.
    for (const e of others.slice(0, 30)) live.add(e);
    for (let i = 0; i < 15; i++) {
      const old = entries[(i * 797) % entries.length]!;
      live.replace({ ...old, period: others[30 + i]!.period, title: `${old.title} (rättad)` });
    }
    for (let i = 0; i < 15; i++) live.remove(entries[(i * 1301 + 7) % entries.length]!.id);
    for (const e of others.slice(45)) live.add(e, 100 + e.id.length);
    const fresh = new RecordIndex(live.record);
    const ids = (list: { id: string }[]) => list.map((e) => e.id);
    for (const q of ['bibliotek', 'bibliotek 2019', 'bibliotek våren 2018', 'medborgarservice Motala', 'Motla', 'workshop 2018', 'projektledare', 'digital delaktighet', 'rättad', 'studiebesök hösten 2017']) {
      expect(ids(live.search(q).entries), q).toEqual(ids(fresh.search(q).entries));
      // relevant() is in no particular order; its marks are by record position.
      expect(ids(live.relevant(q, 0.5)).sort(), q).toEqual(ids(fresh.relevant(q, 0.5)).sort());
      expect(live.relevantMarks(q, 0.5), q).toEqual(fresh.relevantMarks(q, 0.5));
    }
    expect(live.search('bibliotek').entries).toHaveLength(live.entries.length);
    // The date order's columns, kept through the changes, are those made afresh.
    expect(live.datedColumns()).toEqual(fresh.datedColumns());
    for (const span of [{ start: '2018-01', end: '2018-06' }, { start: '2010-01', end: '2030-12' }]) {
      expect(ids(live.timeline(span)), JSON.stringify(span)).toEqual(ids(fresh.timeline(span)));
    }
  });
}, 60000);

describe("the date order's columns", () => {
  it('made ahead in steps are those made at once; a change while they are made leaves them right', async () => {
    const { RecordIndex } = await import('../src/search/engine.js');
    const { Pacer } = await import('../src/search/pace.js');
    const record = generateRecord(3000, 9);
    const stepped = new RecordIndex(record);
    await stepped.datedColumnsAsync(new Pacer(0, 500));
    expect(stepped.datedColumns()).toEqual(new RecordIndex(generateRecord(3000, 9)).datedColumns());
    const changed = new RecordIndex(generateRecord(3000, 9));
    const making = changed.datedColumnsAsync(new Pacer(0, 500));
    changed.remove(changed.entries[5]!.id);
    await making;
    expect(changed.datedColumns()).toEqual(new RecordIndex({ ...record, entries: record.entries.filter((_, i) => i !== 5) }).datedColumns());
  });
});
