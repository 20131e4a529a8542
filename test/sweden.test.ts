import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSweden, SWEDEN_FILE, sweden } from '../src/search/sweden.js';
import { index, record } from './helpers/record.js';

const se = sweden();
const byLevel = (level: string) => se.places.filter((p) => p.level === level);

describe('the gazetteer of Sweden (data/sweden.json)', () => {
  it('has 21 counties, 290 municipalities and three lands holding every county exactly once', () => {
    expect(byLevel('county')).toHaveLength(21);
    expect(byLevel('municipality')).toHaveLength(290);
    const lands = byLevel('region');
    expect(lands.map((r) => r.name)).toEqual(['Norrland', 'Svealand', 'Götaland']);
    const held = lands.flatMap((r) => (r.level === 'region' ? r.counties : []));
    expect(new Set(held).size).toBe(held.length);
    expect(new Set(held)).toEqual(new Set(byLevel('county').map((c) => c.name)));
    const norrland = lands[0]!;
    expect(norrland.level === 'region' && norrland.counties.sort()).toEqual(
      ['Gävleborgs län', 'Jämtlands län', 'Norrbottens län', 'Västerbottens län', 'Västernorrlands län'],
    );
  });

  it('places every place of the record in the county the record gives', () => {
    for (const entry of record.entries) {
      for (const place of entry.places) {
        if (!place.municipality) continue;
        const found = se.place(place.municipality);
        expect(found, `${entry.id}: ${place.municipality}`).toMatchObject({ level: 'municipality', county: place.county });
      }
      for (const place of entry.places) expect(se.place(place.county), `${entry.id}: ${place.county}`).toMatchObject({ level: 'county' });
    }
  });

  it('names the field of a broken file', () => {
    const data = JSON.parse(readFileSync(SWEDEN_FILE, 'utf8')) as { municipalities: { county: string }[] };
    data.municipalities[3]!.county = '99';
    const file = join(mkdtempSync(join(tmpdir(), 'sweden-')), 'sweden.json');
    writeFileSync(file, JSON.stringify(data));
    expect(() => loadSweden(file)).toThrow(/sweden\.json: municipalities\.3\.county: .*no county 99/);
  });
});

describe('Swedish places in text', () => {
  it.each([
    ['stadsbibblan i Sundsvall', 'municipality', 'Sundsvall'],
    ['biblioteket i Nykvarn', 'municipality', 'Nykvarn'],
    ['Luleå', 'municipality', 'Luleå'],
    ['Norrland', 'region', 'Norrland'],
    ['bibliotek i norra Sverige', 'region', 'Norrland'],
    ['northern Sweden', 'region', 'Norrland'],
    ['southern Sweden', 'region', 'Götaland'],
    ['Stockholms län', 'county', 'Stockholms län'],
    ['Stockholm', 'municipality', 'Stockholm'],
    ['Gothenburg', 'municipality', 'Göteborg'],
    ['Upplands Väsby', 'municipality', 'Upplands Väsby'],
  ])('"%s" names %s %s', (text, level, name) => {
    expect(se.mentions(text)[0]?.place).toMatchObject({ level, name });
  });

  it('tells everyday words from places: "mark" and "lund" only as names', () => {
    expect(se.mentions('på mark och i lund')).toEqual([]);
    expect(se.mentions('Lund')[0]?.place).toMatchObject({ name: 'Lund' });
    expect(se.mentions('mark kommun')[0]?.place).toMatchObject({ name: 'Mark' });
  });
});

describe('place queries against the record', () => {
  const labels = (q: string) => index.places.resolve(q)?.places.map((p) => p.label);

  it('tolerates words around a place', () => {
    expect(labels('stadsbibblan i Sundsvall')).toEqual(['Sundsvall']);
    expect(labels('biblioteket i Nykvarn')).toEqual(['Nykvarn']);
    expect(labels('besöket på Bibblerian')).toEqual(['Bibblerian']);
  });

  it('finds a land or its English name as the record counties in it', () => {
    const norrland = ['Norrbottens län', 'Västerbottens län', 'Västernorrlands län'];
    expect(labels('Norrland')?.sort()).toEqual(norrland);
    expect(labels('northern Sweden')?.sort()).toEqual(norrland);
    expect(index.places.resolve('Norrland')?.sweden).toMatchObject({ level: 'region', name: 'Norrland' });
  });

  it('says "no activity" for a Swedish place the record lacks, with no look-alike', () => {
    for (const q of ['Luleå', 'Kiruna', 'Göteborg', 'stadsbibblan i Umeå', 'Mora']) {
      expect(index.places.lookup(q), q).toMatchObject({ status: 'no-activity' });
      expect(index.places.resolve(q), q).toBeNull();
    }
    expect(index.places.lookup('Luleå')).toMatchObject({ place: { level: 'municipality', name: 'Luleå', county: 'Norrbottens län', region: 'Norrland' } });
    expect(index.places.lookup('xyzzy')).toEqual({ status: 'unknown' });
  });

  it('resolves a place name of eight letters or more with two typos', () => {
    expect(labels('Härnösnda')).toContain('Härnösand');
    expect(labels('Vasterbotton')).toContain('Västerbottens län');
    expect(labels('stadsbibblan i Sundsvlal')?.[0]).toBe('Sundsvall');
  });

  it('finds organisations named only inside an entry', () => {
    for (const [q, id] of [
      ['Teknikpunkten', '2017-spring-study-visit-harnosand'],
      ['Arbetsförmedlingen', '2017-spring-study-visit-harnosand'],
      ['Lärcentrum', '2017-spring-visit-malmo-larcentrum'],
      ['Kulturmagasinet', '2017-spring-study-visit-sundsvall'],
    ] as const) {
      expect(index.places.resolve(q)?.places[0]?.entries.map((e) => e.id), q).toEqual([id]);
    }
  });
});
