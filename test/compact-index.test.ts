import { describe, expect, it } from 'vitest';
import { generateRecord } from '../bench/generate.js';
import { realRecord, replicateRecord } from '../bench/replicate.js';
import type { Entry, RecordFile } from '../src/data/schema.js';
import { Analyzer } from '../src/search/analyze.js';
import { ENTRY_FIELDS } from '../src/search/engine.js';
import { recordNames } from '../src/search/names.js';
import { queryGroups } from '../src/search/query.js';
import { sweden } from '../src/search/sweden.js';
import { words } from '../src/search/text.js';
import { forEachSet, type SerialisedText, TextIndex, type TextResults } from '../src/search/text-index.js';

/**
 * The entry index keeps its postings in the compact store (postings.ts), which must answer exactly as MiniSearch's
 * maps did: the same hits, in the same order (ties included), with the same scores and exactness, the same
 * unranked bitmaps — after changes in place and after a round trip through the start-up cache too.
 */

// Low enough that the small records take the bitmap path for their commonest words as well.
const COMMON = { minItems: 40, share: 0.05 };

function analyzerFor(entries: readonly Entry[]): Analyzer {
  const analyzer = new Analyzer(recordNames(entries, sweden()).words);
  for (const e of entries) analyzer.learn(`${e.title} ${e.source}`);
  return analyzer;
}

/** Query texts drawn from the record: single words, pairs, typos, glossary phrases, names, stopword-only text. */
function queriesFor(entries: readonly Entry[], count: number): string[] {
  const out = ['bibliotek', 'digital inclusion', 'citizen service', 'workshop 2017', 'Motla', 'Kiruna', 'och', 'bibliotek Motala', 'Norrland', 'studiebesök bibliotek enkät'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  while (out.length < count) {
    const e = pick(entries);
    const ws = words(`${e.title} ${e.summary} ${e.places.map((p) => p.name).join(' ')} ${e.people.map((p) => p.name ?? '').join(' ')}`).filter((w) => w.length > 2);
    if (ws.length === 0) continue;
    const w = pick(ws);
    const kind = out.length % 4;
    if (kind === 0) out.push(w);
    else if (kind === 1) out.push(`${w} ${pick(ws)}`);
    else if (kind === 2) out.push(w.length > 5 ? w.slice(0, 2) + w.slice(3) : `${w}x`); // a typo
    else out.push(`${w} ${pick(words(pick(entries).title))} ${pick(ws)}`);
  }
  return out;
}

function answersOf(index: TextIndex<Entry>, queries: readonly string[], kindOf: (slot: number) => string | undefined) {
  const bitsOf = (r: TextResults) => {
    if (!r.unranked) return null;
    const slots: number[] = [];
    forEachSet(r.unranked.bits, (i) => void ((!r.unranked!.filter || r.unranked!.filter(i)) && slots.push(i)));
    return slots;
  };
  return queries.flatMap((q) => {
    const groups = queryGroups(q);
    const all = index.search(groups);
    const visits = index.search(groups, (slot) => kindOf(slot) === 'study-visit');
    return [
      { q, hits: all.hits, unranked: bitsOf(all), dropped: all.dropped, combined: all.combined },
      { q: `${q} (visits)`, hits: visits.hits, unranked: bitsOf(visits), dropped: visits.dropped, combined: visits.combined },
    ];
  });
}

/** Both stores over the same items, changed the same way. */
function pair(entries: Entry[]) {
  const analyzer = analyzerFor(entries);
  const mini = new TextIndex(entries, ENTRY_FIELDS, analyzer, { common: COMMON });
  const compact = new TextIndex(entries, ENTRY_FIELDS, analyzer, { common: COMMON, compact: true });
  return { analyzer, mini, compact };
}

function expectSame(a: TextIndex<Entry>, b: TextIndex<Entry>, queries: readonly string[]): void {
  const kind = (index: TextIndex<Entry>) => (slot: number) => index.item(slot)?.kind;
  const left = answersOf(a, queries, kind(a));
  const right = answersOf(b, queries, kind(b));
  expect(left.length).toBe(right.length);
  for (let i = 0; i < left.length; i++) {
    // Scores are computed in the same order of operations, so they are equal, not just close.
    expect(right[i], left[i]!.q).toEqual(left[i]);
  }
}

/** Changes of the living record: corrections (remove then add), new entries with new words, removals. */
function change(indexes: TextIndex<Entry>[], entries: readonly Entry[]): void {
  const edits: ((index: TextIndex<Entry>) => void)[] = [];
  for (let k = 0; k < 12; k++) {
    const slot = (k * 7919) % entries.length;
    const old = entries[slot]!;
    const corrected: Entry = { ...old, title: `${old.title} Kiruna rättelse${k}`, summary: `${old.summary} qwertz${k % 3}` };
    edits.push((index) => {
      index.remove(slot);
      index.add(corrected);
    });
  }
  for (let k = 0; k < 5; k++) edits.push((index) => void index.remove((k * 104729 + 13) % entries.length));
  edits.push((index) => {
    // A new entry whose only words are new, then taken out again: its terms leave the vocabulary.
    const slot = index.add({ ...entries[0]!, id: 'new', title: 'Zyxwvu Plonkstad', summary: 'Zyxwvu', source: 'Zyxwvu', places: [], people: [], organisations: [], topics: [] });
    index.remove(slot);
    index.add({ ...entries[1]!, id: 'new2', title: 'Zyxwvu igen', summary: entries[1]!.summary });
  });
  for (const edit of edits) for (const index of indexes) edit(index);
}

function roundTrip<T>(index: TextIndex<T>): SerialisedText {
  return JSON.parse(JSON.stringify(index.toJSON())) as SerialisedText;
}

function check(name: string, record: RecordFile, queryCount: number): void {
  describe(`the compact text index on ${name}`, () => {
    const entries = [...record.entries];
    const queries = queriesFor(entries, queryCount);
    const { analyzer, mini, compact } = pair(entries);

    it('answers every query as MiniSearch does: hits, order, scores, exactness, bitmaps', () => {
      expect(compact.documentFrequency('bibliotek')).toBe(mini.documentFrequency('bibliotek'));
      expectSame(mini, compact, queries);
    });

    it('answers as MiniSearch does a query of more distinct words than the columns number (the maps then)', () => {
      const many = [...new Set(entries.slice(0, 60).flatMap((e) => words(e.title)).filter((w) => w.length > 3))].slice(0, 40);
      expect(many.length).toBeGreaterThan(31);
      expectSame(mini, compact, [many.join(' '), many.slice(0, 31).join(' '), many.slice(0, 32).join(' ')]);
    });

    it('answers the same after a round trip through the start-up cache', () => {
      const cached = new TextIndex(entries, ENTRY_FIELDS, analyzer, { common: COMMON, serialised: roundTrip(compact) });
      const miniCached = new TextIndex(entries, ENTRY_FIELDS, analyzer, { common: COMMON, serialised: roundTrip(mini) });
      expectSame(miniCached, cached, queries);
    });

    it('answers the same after entries are added, corrected and removed in place', async () => {
      const built = await TextIndex.build(entries, ENTRY_FIELDS, analyzer, { compact: true });
      // A cached start puts terms back in dictionary order, not first-seen order, so fuzzy lookups may list equally
      // close terms in another order than a fresh build: compared with MiniSearch started from its cache likewise.
      const cached = new TextIndex(entries, ENTRY_FIELDS, analyzer, { common: COMMON, serialised: roundTrip(compact) });
      const miniCached = new TextIndex(entries, ENTRY_FIELDS, analyzer, { common: COMMON, serialised: roundTrip(mini) });
      const fresh = pair(entries);
      // build() takes the default common-word threshold.
      const miniDefault = new TextIndex(entries, ENTRY_FIELDS, analyzer);
      change([fresh.mini, fresh.compact, cached, miniCached, built, miniDefault], entries);
      const more = [...queries, 'Kiruna rättelse3', 'qwertz1', 'qwertz', 'zyxwvu', 'plonkstad', 'Zyxwvu igen'];
      expectSame(fresh.mini, fresh.compact, more);
      expectSame(miniCached, cached, more);
      expectSame(miniDefault, built, more);
      expect(fresh.compact.documentFrequency('plonkstad')).toBe(0);
      expect(() => fresh.compact.toJSON()).toThrow();
    });
  });
}

check('the real record', realRecord(), 300);
check('a generated 2,000-entry record', generateRecord(2000, 5), 300);
check('a replicated 2,000-entry record', replicateRecord(2000, 5), 300);

describe('the compact postings encoding', () => {
  it('keeps big frequencies and long gaps between slots', () => {
    const items = Array.from({ length: 3000 }, (_, i) =>
      i === 0 ? 'ordning '.repeat(300) : i % 997 === 0 ? `ordning ${'ordning '.repeat(i % 7)} sällsynt` : `vanlig text nummer ${i % 13 === 0 ? 'ordning' : 'annat'}`,
    );
    const fields = [{ name: 't', boost: 1, extract: (s: string) => s }];
    const analyzer = new Analyzer();
    const mini = new TextIndex(items, fields, analyzer, { common: COMMON });
    const compact = new TextIndex(items, fields, analyzer, { common: COMMON, compact: true });
    const cached = new TextIndex(items, fields, analyzer, { common: COMMON, serialised: roundTrip(compact) });
    // What a result says; the compact store's columns (`ranked`) are another form of its hits.
    const answer = ({ hits, unranked, dropped, combined }: TextResults) => ({ hits, unranked, dropped, combined });
    for (const q of ['ordning', 'sällsynt', 'sällsynt ordning', 'ordnign', 'vanlig nummer']) {
      const expected = answer(mini.search(queryGroups(q)));
      expect(answer(compact.search(queryGroups(q))), q).toEqual(expected);
      expect(answer(cached.search(queryGroups(q))), q).toEqual(expected);
    }
    expect(compact.search(queryGroups('sällsynt')).hits.map((h) => h.index)).toEqual([997, 1994, 2991]);
  });

  it('writes a word held by more items than a build step (4,096 postings) a piece at a time, as one list', () => {
    // Frequencies vary and gaps grow, so a piece that started a word's list afresh (gap from -1) would score wrong.
    const items = Array.from({ length: 12_000 }, (_, i) => `${'ordning '.repeat((i % 5) + 1)}${i % 3 === 0 ? 'tredje' : 'annat'}${i > 9000 && i % 7 === 0 ? ' sen' : ''}`);
    const fields = [{ name: 't', boost: 1, extract: (s: string) => s }];
    const analyzer = new Analyzer();
    const never = { minItems: Number.MAX_SAFE_INTEGER, share: 1 }; // every word scored from its postings, none a bitmap
    const mini = new TextIndex(items, fields, analyzer, { common: never });
    const compact = new TextIndex(items, fields, analyzer, { common: never, compact: true });
    for (const q of ['ordning', 'tredje', 'sen', 'ordning sen', 'annat tredje']) {
      const expected = mini.search(queryGroups(q));
      const got = compact.search(queryGroups(q));
      expect(got.hits, q).toEqual(expected.hits);
      expect(got.unranked, q).toBeUndefined();
    }
    expect(compact.documentFrequency('ordning')).toBe(12_000);
  });
});

describe('discarding changed items (the contacts)', () => {
  const entries = [...replicateRecord(600, 9).entries];
  const analyzer = analyzerFor(entries);
  const queries = queriesFor(entries, 120);

  /** Waits until MiniSearch's vacuum, which runs in batches after a discard, is done. */
  async function settled(index: TextIndex<Entry>): Promise<void> {
    const mini = (index as unknown as { mini: { isVacuuming: boolean } }).mini;
    while (mini.isVacuuming) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  it('answers as MiniSearch does while discarded postings linger, are met by searches, and are vacuumed', async () => {
    const mini = new TextIndex(entries, ENTRY_FIELDS, analyzer, { common: COMMON });
    const compact = new TextIndex(entries, ENTRY_FIELDS, analyzer, { common: COMMON, compact: true });
    const slots = entries.map((_, i) => i);
    for (let round = 0; round < 90; round++) {
      // A contact met in one more entry: its old document is discarded (its text changed), the new one added.
      // Some contacts change again and again (their documents are then in the store's overlay), most once.
      const k = round % 3 === 0 ? round % 20 : (round * 37) % entries.length;
      const changed: Entry = { ...entries[k]!, title: `${entries[k]!.title} ${round % 2 ? 'Kiruna' : entries[(k + 1) % entries.length]!.title}` };
      for (const index of [mini, compact]) index.discard(slots[k]!);
      const slot = mini.add(changed);
      expect(compact.add(changed)).toBe(slot);
      slots[k] = slot;
      await settled(mini);
      if (round % 10 === 0 || round > 80) expectSame(mini, compact, queries.slice(0, 30 + round));
      expect(compact.documentFrequency('bibliotek')).toBe(mini.documentFrequency('bibliotek'));
    }
    expectSame(mini, compact, queries);
  });
});
