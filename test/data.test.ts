import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, InternPool, internStrings, loadRecordFile, parseRecord } from '../src/data/load.js';
import { recordFileSchema, type RecordFile } from '../src/data/schema.js';
import { generateRecord } from '../bench/generate.js';
import { record, recordText } from './helpers/record.js';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The record's sentences: split at blank lines, after a colon that ends a line, and after full stops. */
function sentences(text: string): string[] {
  return text
    .split(/\n\s*\n|(?<=:)[ \t]*\n/)
    .map(squash)
    .filter(Boolean)
    .flatMap((para) => para.split(/(?<=\.)\s+(?=[A-ZÅÄÖ])/))
    .map((s) => s.trim())
    .filter(Boolean);
}

describe('data/activities.json', () => {
  it('passes the schema', () => {
    expect(recordFileSchema.safeParse(record).success).toBe(true);
  });

  it('quotes the record verbatim: every fragment of every source is text of data/record.txt', () => {
    const whole = squash(recordText);
    for (const entry of record.entries) {
      for (const fragment of entry.source.split(' … ')) expect(whole, entry.id).toContain(squash(fragment));
    }
  });

  it('loses nothing: every sentence of the record is in some source, or is a heading', () => {
    const sources = record.entries.flatMap((e) => e.source.split(' … ').map(squash));
    const headings = [record.record.title, ...record.record.sections];
    const missing = sentences(recordText).filter((s) => !headings.includes(s) && !sources.some((src) => src.includes(s)));
    expect(missing).toEqual([]);
    expect(sentences(recordText).length).toBeGreaterThan(20);
  });

  it('dates every entry by the record: våren = Jan–Jun, hösten = Jul–Dec, a month is itself', () => {
    for (const { id, period } of record.entries) {
      const label = period.label.toLowerCase();
      const seasons = [...label.matchAll(/(våren|hösten) (\d{4})/g)];
      if (seasons.length > 0) {
        const [first, last] = [seasons[0]!, seasons[seasons.length - 1]!];
        expect(period.start, id).toBe(`${first[2]}-${first[1] === 'våren' ? '01' : '07'}`);
        expect(period.end, id).toBe(`${last[2]}-${last[1] === 'våren' ? '06' : '12'}`);
      } else {
        expect(label, id).toBe('september 2017');
        expect([period.start, period.end]).toEqual(['2017-09', '2017-09']);
      }
    }
  });

  it('gives lines without their own date the date of their paragraph', () => {
    const byId = new Map(record.entries.map((e) => [e.id, e]));
    expect(byId.get('2017-spring-study-visit-harnosand')!.period.label).toBe('Våren 2017');
    for (const id of ['2018-spring-phone-call-skarholmen', '2018-spring-phone-call-alvsjo', '2018-spring-email-nacka']) {
      expect(byId.get(id)!.period).toEqual({ label: 'Våren 2018', start: '2018-01', end: '2018-06' });
    }
  });

  it('splits lines with several facts so each place and conversation stands on its own', () => {
    const mail = record.entries.filter((e) => e.kind === 'email');
    expect(mail.map((e) => e.places[0]!.name).sort()).toEqual(['Biblioteken i Nacka kommun', 'Blackebergs bibliotek', 'Skogås bibliotek']);
    const september = record.entries.filter((e) => e.period.label === 'September 2017');
    expect(september.map((e) => e.people[0]!.organisation).sort()).toEqual(['Länsbibliotek Västerbotten', 'Regionbibliotek Östergötland']);
    expect(september.every((e) => e.places.some((p) => p.name === 'Storforsen' && p.county === 'Norrbottens län'))).toBe(true);
  });

  it('knows the named people with their roles and organisations', () => {
    const people = record.entries.flatMap((e) => e.people).filter((p) => p.name);
    expect(people).toEqual(
      expect.arrayContaining([
        { name: 'Julia Larsson', role: 'projektledare', organisation: 'Digidelcenter Motala bibliotek' },
        { name: 'Rebecca Eriksson', role: 'projektledare', organisation: 'Digitala servicecenter Västerbotten' },
        { name: 'Petter Stjernstedt', role: 'projektsamordnare', organisation: 'Digidelcenter Sundsvalls stadsbibliotek' },
      ]),
    );
  });
});

describe('loading a data file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'projektminne-data-'));
  const write = (name: string, content: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const broken = (mutate: (r: typeof record) => void) => {
    const copy = structuredClone(record);
    mutate(copy);
    return copy;
  };
  const errorOf = (fn: () => unknown): DataError => {
    try {
      fn();
    } catch (error) {
      if (error instanceof DataError) return error;
      throw error;
    }
    throw new Error('expected a DataError');
  };

  it('names the file, the entry (index and id), the field and the problem', () => {
    const file = write('bad-county.json', broken((r) => (r.entries[6]!.places[0]!.county = 'Stockholm')));
    const error = errorOf(() => loadRecordFile(file));
    expect(error.message).toContain(file);
    expect(error.message).toContain('entry 6 (2017-spring-visit-nykvarn), field places[0].county');
    expect(error.message).toContain('must be a county name ending in " län"');
    expect(error.message).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('reports a missing field, a wrong type, a bad month, an unknown kind and a period that runs backwards', () => {
    const data = broken((r) => {
      delete (r.entries[0] as Partial<(typeof r.entries)[number]>).title;
      (r.entries[1] as unknown as { people: unknown }).people = 'nobody';
      r.entries[2]!.period.start = '2016-13';
      (r.entries[3] as unknown as { kind: string }).kind = 'party';
      r.entries[4]!.period = { label: 'x', start: '2018-01', end: '2017-01' };
    });
    const message = errorOf(() => parseRecord(data, 'x.json')).message;
    expect(message).toContain('entry 0 (2016-spring-survey-public-libraries), field title');
    expect(message).toContain('entry 1 (2016-spring-workshops-digital-agenda), field people');
    expect(message).toContain('field period.start: must be a month written YYYY-MM');
    expect(message).toContain('entry 3 (2016-2017-mapping-citizen-service), field kind');
    expect(message).toContain('field period.end: start must not be after end');
  });

  it('refuses duplicate ids, invalid JSON, a missing file and an empty record', () => {
    expect(errorOf(() => parseRecord(broken((r) => (r.entries[5]!.id = r.entries[0]!.id)), 'd.json')).message).toContain(
      'entry 5 (2016-spring-survey-public-libraries), field id: the same id as entry 0',
    );
    expect(errorOf(() => loadRecordFile(write('bad.json', '{"record": '))).message).toContain('is not valid JSON');
    expect(errorOf(() => loadRecordFile(join(dir, 'nope.json'))).message).toContain('file not found');
    expect(errorOf(() => parseRecord({ record: record.record, entries: [] }, 'e.json')).message).toContain('field entries: must hold at least one entry');
  });

  it('loads another file of the same schema', () => {
    const file = write('small.json', { record: record.record, entries: record.entries.slice(0, 2) });
    expect(loadRecordFile(file).entries).toHaveLength(2);
  });
});

describe('repeated values shared (internStrings)', () => {
  const text = readFileSync('data/activities.json', 'utf8');
  // The bench's generator repeats periods, places, people and lists as a large record does.
  const generated = JSON.stringify(generateRecord(2000));

  it('gives the record JSON.parse gives', () => {
    for (const json of [text, generated]) expect(internStrings(JSON.parse(json) as RecordFile)).toEqual(JSON.parse(json));
  });

  it('holds each period, place and person once, and each list from its second copy on', () => {
    const { entries } = internStrings(JSON.parse(generated) as RecordFile);
    const copies = <T>(values: T[], key: (v: T) => string) => {
      const byKey = new Map<string, T[]>();
      for (const v of values) {
        const k = key(v);
        byKey.set(k, [...(byKey.get(k) ?? []), v]);
      }
      return [...byKey.values()];
    };
    const periods = copies(entries.map((e) => e.period), (p) => JSON.stringify(p));
    expect(periods.length).toBeLessThan(entries.length / 2);
    const places = copies(entries.flatMap((e) => e.places), (p) => JSON.stringify([p.name, p.municipality, p.county, p.district ?? null]));
    const people = copies(entries.flatMap((e) => e.people), (p) => JSON.stringify(p));
    for (const same of [...periods, ...places, ...people] as unknown[][]) expect(new Set(same).size).toBe(1);
    for (const list of ['places', 'people', 'organisations', 'topics'] as const) {
      const lists = copies(entries.map((e) => e[list] as unknown[]), (l) => JSON.stringify(l));
      expect(lists.some((same) => same.length > 2)).toBe(true);
      // The first copy of a list holding something new is its own (see InternPool.list); the others are one.
      for (const same of lists) expect(new Set(same.slice(1)).size).toBeLessThanOrEqual(1);
    }
  });

  it('shares across the pieces of a record taken a page at a time', () => {
    const pool = new InternPool();
    const [a, b] = [JSON.parse(generated) as RecordFile, JSON.parse(generated) as RecordFile].map((r) => internStrings(r, pool));
    expect(b!.entries[0]!.period).toBe(a!.entries[0]!.period);
    expect(b!.entries[0]!.places[0]).toBe(a!.entries[0]!.places[0]);
    const again = a!.entries.findLastIndex((e) => JSON.stringify(e.topics) === JSON.stringify(a!.entries[0]!.topics));
    expect(again).toBeGreaterThan(0);
    expect(b!.entries[0]!.topics).toBe(a!.entries[again]!.topics);
  });
});
