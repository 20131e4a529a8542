import { describe, expect, it } from 'vitest';
import { generateRecord } from '../bench/generate.js';
import { replicateRecord } from '../bench/replicate.js';
import { loadRecordFile } from '../src/data/load.js';
import { type PackedRecord, packRecord, unpackRecord } from '../src/data/packed.js';
import type { RecordFile } from '../src/data/schema.js';

/** Through the text the cache file holds, as a start reads it. */
const roundTrip = (record: RecordFile) => unpackRecord(JSON.parse(JSON.stringify(packRecord(record))));

describe('the packed record of the start-up cache', () => {
  const records: [string, RecordFile][] = [
    ['the real record', loadRecordFile()],
    ['the bench generator', generateRecord(3000, 5)],
    ['the replicating generator', replicateRecord(3000, 5)],
  ];

  it.each(records)('gives back %s exactly: every field, null and absent kept apart, in record order', (_, record) => {
    const back = roundTrip(record);
    expect(back).toStrictEqual(record);
    // Key order too, so an unpacked entry has the shape a parsed one has.
    expect(back.entries.map((e) => JSON.stringify(e))).toEqual(record.entries.map((e) => JSON.stringify(e)));
  });

  it('has the cases the schema allows: no municipality, a district, no name or role', () => {
    const record = loadRecordFile();
    const places = record.entries.flatMap((e) => e.places);
    const people = record.entries.flatMap((e) => e.people);
    expect(places.some((p) => p.municipality === null)).toBe(true);
    expect(places.some((p) => p.district !== undefined)).toBe(true);
    expect(people.some((p) => p.name === null) && people.some((p) => p.role === null)).toBe(true);
  });

  it('comes out shared, as internStrings shares a record: one object for equal periods, places, people and lists', () => {
    const { entries } = roundTrip(generateRecord(3000, 5));
    const shared: unknown[][] = [entries.map((e) => e.period), entries.flatMap((e) => e.places), entries.flatMap((e) => e.people), entries.map((e) => e.topics), entries.map((e) => e.people)];
    for (const values of shared) expect(new Set(values).size).toBe(new Set(values.map((v) => JSON.stringify(v))).size);
  });

  it('refuses a damaged pack rather than give entries with holes', () => {
    const good = packRecord(generateRecord(50, 5));
    const damaged: [string, (p: PackedRecord) => void][] = [
      ['a string past the table', (p) => (p.entries[4] = p.strings.length)],
      ['a list past the table', (p) => (p.entries[6] = p.placeLists.length)],
      ['an unknown kind', (p) => (p.entries[1] = 99)],
      ['a place past the table', (p) => p.placeLists[0]!.push(p.places.length / 4)],
      ['no value where one is required', (p) => (p.entries[3] = -1)],
      ['not a whole number', (p) => (p.entries[5] = 1.5)],
      ['a cut-off period', (p) => p.periods.pop()],
      ['a cut-off entry', (p) => p.entries.pop()],
      ['no entries', (p) => (p.entries = [])],
      ['a string that is not one', (p) => ((p.strings as unknown[])[0] = 7)],
      ['another format', (p) => ((p as { format: number }).format = 2)],
      ['no header', (p) => delete (p as Partial<PackedRecord>).record],
    ];
    expect(() => unpackRecord(structuredClone(good))).not.toThrow();
    // The last place is in reach: one past it is the first that is not.
    expect(() => unpackRecord({ ...structuredClone(good), placeLists: [[good.places.length / 4 - 1], ...good.placeLists.slice(1)] })).not.toThrow();
    for (const [what, damage] of damaged) {
      const pack = structuredClone(good);
      damage(pack);
      expect(() => unpackRecord(pack), what).toThrow();
    }
    expect(() => unpackRecord(null)).toThrow();
  });
});
