import { describe, expect, it } from 'vitest';
import { generateRecord } from '../bench/generate.js';
import type { Entry } from '../src/data/schema.js';
import { type EntryHit, RecordIndex } from '../src/search/engine.js';
import { byDate } from '../src/search/order.js';
import { overlaps, parsePeriod } from '../src/search/period.js';

/**
 * search() ranks by date rank with the entries' months as numbers instead of reading the entries: while the record
 * is unchanged a slot is its date rank, after a change DateRanks maps one to the other. Both must give the order
 * the sort on entries gives (below); the changes that part slots from ranks are in scale.test.ts ("changes at scale").
 */
const record = generateRecord(12_000, 11);
const pristine = new RecordIndex(record);
// The same record after a change undone: no longer pristine, so search() goes through DateRanks.
const changed = new RecordIndex(record);
const extra: Entry = { ...record.entries[0]!, id: 'extra', title: 'Zyxwvu', summary: 'Zyxwvu', source: 'Zyxwvu' };
changed.add(extra);
changed.remove(extra.id);

const ids = (entries: readonly Entry[]) => entries.map((e) => e.id);

describe('search ranking by slot while the record is unchanged', () => {
  it('lists a common word with a period as the entry-reading path does: the period first, then date order', () => {
    for (const q of ['bibliotek våren 2017', 'bibliotek 2014–2016', 'bibliotek 2019', 'bibliotek hösten 2012-våren 2013', 'bibliotek 1999']) {
      const a = pristine.search(q);
      // Only common words: unranked, every hit scored alike.
      expect(a.entries.length, q).toBeGreaterThan(0);
      expect(a.hits.every((h) => h.score === 1), q).toBe(true);
      expect(ids(a.entries), q).toEqual(ids(changed.search(q).entries));
      expect(ids(pristine.search(q, { kind: 'study-visit' }).entries), q).toEqual(ids(changed.search(q, { kind: 'study-visit' }).entries));
    }
  });

  it('ranks scored hits as the sort on entries does: period, exactness, score, date', () => {
    const queries = ['medborgarservice 2019', 'digital kompetens våren 2017', 'folkbildning Motala', 'Örebro', 'Motla', 'källkritik 2014–2016', 'språkcafé fall 2011', 'lärcentrum'];
    for (const q of queries) {
      const { hits, entries, period } = pristine.search(q);
      expect(hits.length, q).toBeGreaterThan(0);
      const p = period ? parsePeriod(q) : null;
      const sorted = [...hits].sort(
        (a: EntryHit, b: EntryHit) =>
          Number(p !== null && overlaps(b.entry.period, p)) - Number(p !== null && overlaps(a.entry.period, p)) ||
          Number(b.exact) - Number(a.exact) ||
          b.score - a.score ||
          byDate(a.entry, b.entry),
      );
      expect(ids(hits.map((h) => h.entry)), q).toEqual(ids(sorted.map((h) => h.entry)));
      expect(ids(entries), q).toEqual(ids(hits.map((h) => h.entry)));
      // The same entries as the entry-reading path finds.
      expect(new Set(ids(entries)), q).toEqual(new Set(ids(changed.search(q).entries)));
    }
  });
});
