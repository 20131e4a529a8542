import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError, DEFAULT_DATA_FILE, loadRecordFile, parseJson, parseRecord, readDataFile, streamRecordFile } from '../src/data/load.js';
import { JsonStreamError } from '../src/data/json-stream.js';
import type { RecordFile } from '../src/data/schema.js';
import { writeRecordFile } from '../src/data/write.js';
import { cacheKey, cacheKeyOfHash } from '../src/live/cache.js';
import { StoreError } from '../src/store/errors.js';
import { openStore } from '../src/store/store.js';
import { generateRecord } from '../bench/generate.js';
import { replicateRecord } from '../bench/replicate.js';

const dir = mkdtempSync(join(tmpdir(), 'projektminne-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const write = (text: string): string => {
  const file = join(dir, `record-${n++}.json`);
  writeFileSync(file, text);
  return file;
};

/** Today's whole-text path: one string, JSON.parse, the schema over the whole record. */
function wholeText(file: string): RecordFile | Error {
  try {
    return parseRecord(parseJson(readDataFile(file).toString('utf8'), file), file);
  } catch (error) {
    return error as Error;
  }
}

function streamed(file: string, chunkSize?: number): RecordFile | Error {
  try {
    return loadRecordFile(file, { chunkSize });
  } catch (error) {
    return error as Error;
  }
}

const real = JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8')) as RecordFile;
const CHUNKS = [1, 2, 3, 5, 7, 13, 64, 1 << 20];

describe('streamed record files', () => {
  it('reads data/activities.json exactly as JSON.parse and the schema do, at any chunk size', () => {
    const expected = wholeText(DEFAULT_DATA_FILE);
    expect(expected).not.toBeInstanceOf(Error);
    for (const chunkSize of CHUNKS) expect(streamRecordFile(DEFAULT_DATA_FILE, { chunkSize }), `chunk ${chunkSize}`).toEqual(expected);
  });

  it('writes generated records byte for byte as JSON.stringify does, and reads them back equal', () => {
    for (const record of [replicateRecord(1500), generateRecord(800)]) {
      const file = join(dir, `generated-${n++}.json`);
      writeRecordFile(file, record);
      expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(record));
      const expected = wholeText(file);
      for (const chunkSize of [97, 4096, 1 << 20]) expect(streamRecordFile(file, { chunkSize })).toEqual(expected);
    }
  });

  it('splits entries right across chunk boundaries inside strings, escapes and multi-byte characters, in any layout', () => {
    const tricky = structuredClone(real);
    const strange = ['citat "så" sa hon', 'bak\\snedstreck\\', 'hakparentes ] } { [ och komma ,', 'åäö ÅÄÖ é ß', 'emoji 🎉 och 𝄞', 'rad\nbrytning\ttabb', '\u2028\u2029 \u0001'];
    tricky.entries.forEach((entry, i) => {
      entry.summary = `${entry.summary} ${strange[i % strange.length]}`;
      entry.title = `${strange[(i + 3) % strange.length]} ${entry.title}`;
    });
    const layouts = [
      JSON.stringify(tricky),
      JSON.stringify(tricky, null, 2),
      // \u escapes for every non-ASCII character, and entries before the header.
      JSON.stringify({ entries: tricky.entries, record: tricky.record }).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
      ` \r\n\t${JSON.stringify(tricky, null, '\t')}\n\n`,
      // A member name written with an escape is still that member.
      JSON.stringify(tricky).replace('"entries"', '"entr\\u0069es"'),
    ];
    for (const text of layouts) {
      const file = write(text);
      const expected = wholeText(file);
      expect(expected).not.toBeInstanceOf(Error);
      for (const chunkSize of CHUNKS) expect(streamed(file, chunkSize), `chunk ${chunkSize}`).toEqual(expected);
    }
  });

  it('agrees with JSON.parse on any text in any field, at any chunk size (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 40 }), (a, b, chunkSize) => {
        const record = structuredClone(real);
        record.entries[0]!.summary = `x${a}`;
        record.entries[1]!.source = `y${b}`;
        record.entries.find((e) => e.people.length > 0)!.people[0]!.organisation = `${b}${a}z`;
        const file = write(JSON.stringify(record));
        expect(streamed(file, chunkSize)).toEqual(wholeText(file));
      }),
      { numRuns: 60 },
    );
  });

  it('reports bad entries with the same problems as the whole-text path: file, entry index and id, field', () => {
    type Loose = Record<string, unknown> & { entries: Record<string, unknown>[] };
    const bad = (change: (r: Loose) => unknown) => {
      const record = structuredClone(real) as unknown as Loose;
      change(record);
      return JSON.stringify(record);
    };
    const cases = [
      bad((r) => delete r.entries[3]!.title),
      bad((r) => ((r.entries[5]!.places as { county: string }[])[0]!.county = 'Stockholm')),
      bad((r) => (r.entries[7]!.id = r.entries[2]!.id)),
      bad((r) => r.entries.forEach((e) => delete e.kind)), // more than 20 problems
      bad((r) => {
        (r.record as { title: string }).title = '';
        delete r.entries[1]!.source;
        r.extra = 1;
      }),
      bad((r) => (r.entries = [])),
      bad((r) => delete (r as Partial<Loose>).entries),
      bad((r) => ((r as Record<string, unknown>).entries = { a: 1 })),
      bad((r) => r.entries.push(5 as never)),
      bad((r) => delete r.record),
      // A repeated member: JSON.parse keeps the last, so the first (bad) entries do not count.
      `{"entries":[{"id":"x"}],${bad(() => undefined).slice(1)}`,
      `{"record":1,${bad(() => undefined).slice(1)}`.replace('"record":1,', ''),
    ];
    for (const text of cases) {
      const file = write(text);
      const expected = wholeText(file);
      for (const chunkSize of [3, 1 << 20]) {
        const result = streamed(file, chunkSize);
        expect(result).toEqual(expected);
        if (expected instanceof DataError) expect((result as DataError).problems).toEqual(expected.problems);
      }
    }
    const problems = (streamed(write(cases[0]!)) as DataError).problems;
    expect(problems[0]).toMatch(/^entry 3 \([a-z0-9-]+\), field title: is missing/);
  });

  it('reports text that is not a JSON object exactly as the whole-text path does', () => {
    const good = JSON.stringify(real);
    const texts = [good.slice(0, -1), good.slice(0, 5000), `${good}x`, `\ufeff${good}`, good.replace('"kind"', 'kind'), good.replace('[', '[,'), `[${good}]`, '42', '', 'null', good.replace('}]', '},]')];
    for (const text of texts) {
      const file = write(text);
      const expected = wholeText(file);
      expect(expected).toBeInstanceOf(DataError);
      expect(streamed(file, 5)).toEqual(expected);
      expect((streamed(file, 5) as DataError).problems).toEqual((expected as DataError).problems);
    }
    expect(() => streamRecordFile(write(good.slice(0, -1)))).toThrow(JsonStreamError);
  });

  it('reports a missing file as before', () => {
    expect(streamed(join(dir, 'nothing.json'))).toEqual(wholeText(join(dir, 'nothing.json')));
  });

  it('hands over every byte, so the cache key can be hashed while reading', () => {
    const hash = createHash('sha256');
    streamRecordFile(DEFAULT_DATA_FILE, { chunkSize: 333, onBytes: (chunk) => hash.update(chunk) });
    expect(cacheKeyOfHash(hash.digest('hex'))).toBe(cacheKey(readFileSync(DEFAULT_DATA_FILE)));
  });
});

describe('seeding the store from a record file', () => {
  it('holds the file\'s entries in its order', async () => {
    const file = join(dir, `generated-${n++}.json`);
    writeRecordFile(file, replicateRecord(600));
    const store = await openStore(join(dir, `seed-${n++}.db`), { seed: file, pollMs: 0 });
    expect(store.exportJson()).toEqual(loadRecordFile(file));
    store.close();
  });

  it('keeps nothing of a seed with a repeated id', async () => {
    const record = structuredClone(real);
    record.entries.push(record.entries[0]!);
    const db = join(dir, `seed-${n++}.db`);
    await expect(openStore(db, { seed: record, pollMs: 0 })).rejects.toThrow(StoreError);
    const store = await openStore(db, { pollMs: 0 });
    expect(store.entries()).toEqual([]);
    expect(store.info()).toBeNull();
    store.close();
  });
});
