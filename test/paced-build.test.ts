import { describe, expect, it } from 'vitest';
import { generateRecord } from '../bench/generate.js';
import { replicateRecord } from '../bench/replicate.js';
import { Suggester, type SuggestField } from '../src/autocomplete/suggest.js';
import { RecordIndex } from '../src/search/engine.js';
import { Pacer, runSteps, runStepsPaced, sortSteps } from '../src/search/pace.js';

// The async build paths pause by time, so where they pause differs from run to run; what they build must not.

describe('sortSteps', () => {
  it('sorts as Array.prototype.sort does, ties kept in order (stable)', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const n of [0, 1, 511, 512, 513, 1500, 4097]) {
      const items = Array.from({ length: n }, (_, i) => ({ key: Math.floor(random() * 50), i }));
      const compare = (a: { key: number }, b: { key: number }) => a.key - b.key;
      const expected = items.slice().sort(compare);
      expect(runSteps(sortSteps(items, compare))).toEqual(expected);
      expect(await runStepsPaced(sortSteps(items, compare), new Pacer(0, 1))).toEqual(expected);
    }
  });
});

const FIELDS: SuggestField[] = ['place', 'period', 'title', 'who'];

describe('a record indexed and warmed in paced steps', () => {
  for (const [name, record] of [
    ['synthetic', generateRecord(6000)],
    ['replicate', replicateRecord(6000)],
  ] as const) {
    it(`${name}: the same indexes and autocomplete lists as a build at once`, async () => {
      const sync = new RecordIndex(structuredClone(record));
      const paced = await RecordIndex.buildAsync(structuredClone(record));
      await paced.contactsAsync();
      await paced.contacts.warmAsync();
      // Text index, contact index, places, names and date order, as the start-up cache holds them.
      expect(JSON.parse(JSON.stringify(paced.serialise()))).toEqual(JSON.parse(JSON.stringify(sync.serialise())));
      expect([...paced.contacts.nameWords]).toEqual([...sync.contacts.nameWords]);

      const warmed = new Suggester(sync);
      warmed.warm(FIELDS);
      const stepped = new Suggester(paced);
      // A slice of no time: a pause at every step, the most the steps can be cut.
      await stepped.warmAsync(FIELDS, new Pacer(0, 1));
      const lists = (s: Suggester) => (s as unknown as { lists: Map<string, Record<string, unknown>> }).lists;
      expect([...lists(stepped).keys()].sort()).toEqual([...lists(warmed).keys()].sort());
      for (const [id, list] of lists(warmed)) {
        const other = lists(stepped).get(id)!;
        for (const column of Object.keys(list).filter((k) => k !== 'entries')) expect(other[column], `${id}.${column}`).toEqual(list[column]);
        expect((other.entries as { id: string }[] | null)?.map((e) => e.id)).toEqual((list.entries as { id: string }[] | null)?.map((e) => e.id));
      }
      for (const typed of ['', 'm', 'mo', 'bibl', 'workshop', 'anna', 'x']) {
        for (const field of FIELDS) expect(stepped.suggest(field, typed, 'sv')).toEqual(warmed.suggest(field, typed, 'sv'));
      }
    });
  }
});
