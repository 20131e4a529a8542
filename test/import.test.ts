import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRecordFile } from '../src/data/load.js';
import type { Entry } from '../src/data/schema.js';
import { formatImport } from '../src/recordtext/diff.js';
import { importRecordText, recordPlaceFinder } from '../src/recordtext/import.js';
import { parseRecordText } from '../src/recordtext/parse.js';
import { placeFinder, STOCKHOLM_COUNTY_MUNICIPALITIES } from '../src/recordtext/places.js';
import { openStore, type Store } from '../src/store/store.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const shipped = loadRecordFile();
const recordText = readFileSync(join(ROOT, 'data/record.txt'), 'utf8');
const importer = { id: 'import', name: 'import record.txt' };
const FIELDS = ['period.label', 'period.start', 'period.end', 'kind', 'places', 'people', 'source', 'section'] as const;
type Field = (typeof FIELDS)[number];

function value(entry: Omit<Entry, 'id'>, field: Field): unknown {
  if (field.startsWith('period.')) return entry.period[field.slice(7) as 'label' | 'start' | 'end'];
  return entry[field as Exclude<Field, `period.${string}`>];
}

/**
 * Pairs each shipped entry with the parsed entry quoting the same source (the k-th shipped entry of a source with
 * the k-th parsed one), so one line read wrongly does not shift every entry after it; unpaired entries disagree.
 */
function pairs(got: readonly Omit<Entry, 'id'>[]): (Omit<Entry, 'id'> | undefined)[] {
  const rank = new Map<string, number>();
  return shipped.entries.map((want) => {
    const k = rank.get(want.source) ?? 0;
    rank.set(want.source, k + 1);
    return got.filter((e) => e.source === want.source)[k];
  });
}

/** Share of the shipped entries whose field the paired parsed entry has equal, per field. */
function agreement(got: readonly Omit<Entry, 'id'>[]): Record<Field, number> {
  const paired = pairs(got);
  const out = {} as Record<Field, number>;
  for (const field of FIELDS) {
    const same = shipped.entries.filter((want, i) => paired[i] && JSON.stringify(value(paired[i]!, field)) === JSON.stringify(value(want, field))).length;
    out[field] = same / shipped.entries.length;
  }
  return out;
}

function table(title: string, figures: Record<Field, number>): string {
  return [title, ...FIELDS.map((f) => `  ${f.padEnd(13)} ${(figures[f] * 100).toFixed(1).padStart(5)} %`)].join('\n');
}

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'projektminne-import-'));
  store = await openStore(join(dir, 'p.db'), { pollMs: 0 });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importing data/record.txt', () => {
  it('into an empty store reproduces the shipped entries field by field', () => {
    const result = importRecordText(store, recordText, { apply: true, author: importer, fileName: 'record.txt', reference: shipped.entries });
    const got = store.entries();
    const figures = agreement(got);
    console.log(table(`record.txt → empty store: ${got.length} entries (shipped: ${shipped.entries.length}), agreement with the shipped entries`, figures));
    expect(got).toHaveLength(22);
    expect(result.parsed.skipped).toEqual([]);
    // Every field the brief names, all 22 entries: a parser regression in any of them fails here.
    expect(figures).toEqual(Object.fromEntries(FIELDS.map((f) => [f, 1])));
    expect(store.info()).toEqual({ title: shipped.record.title, file: 'record.txt', sections: shipped.record.sections });
    expect(store.meta(got[0]!.id)?.addedBy).toEqual(importer);
    // Only the two activities that name no place are flagged (put in the home county).
    expect(result.plan.filter((p) => p.flags.length > 0).map((p) => p.entry.source.slice(0, 25))).toEqual(['Våren 2016: Workshops med', 'Våren 2017: Workshopar me']);
  });

  it('places without the shipped places: only municipalities known, how many the parser still places right', () => {
    const parsed = parseRecordText(recordText, { findPlaces: placeFinder([], STOCKHOLM_COUNTY_MUNICIPALITIES) });
    const figures = agreement(parsed.drafts.map((d) => d.entry));
    console.log(table('record.txt with a municipality list only (no known places)', figures));
    // A line is split into one entry per place only when each part is a place it knows: without the known places
    // the mail line (3 entries) and the September line (2) stay one entry each, so 19 of the 22 are paired…
    for (const field of ['period.label', 'kind', 'people', 'source'] as const) expect(figures[field]).toBeGreaterThanOrEqual(19 / 22);
    // …and places come out right only where the text gives a county or a municipality's library.
    expect(figures.places).toBeGreaterThanOrEqual(6 / 22);
  });

  it('into the seeded store adds nothing: every entry is already in the record', async () => {
    store.seed(shipped);
    const result = importRecordText(store, recordText, { apply: true, author: importer });
    expect(result.added).toEqual([]);
    expect(result.plan.map((p) => p.existing)).toEqual(shipped.entries.map((e) => e.id));
    expect(formatImport(result.plan, result.parsed.skipped)).toMatch(/0 to add \(0 flagged\), 22 already in the record, 0 not read\./);
  });
});

describe('reading new record text', () => {
  const text = [
    'Hösten 2018: Besök på Tyresö bibliotek. Anna Berg, bibliotekschef.',
    '',
    'Nya kontakter',
    '',
    'Oktober 2018:',
    'Telefonsamtal med Kulturhuset Storgården.',
    'Mailkontakt med Solna stadsbibliotek och Sollentuna bibliotek.',
    '',
    'Besök utan datum på Nacka.',
  ].join('\n');

  it('shows a diff with the fields, flags what it cannot place, adds only with apply', () => {
    store.seed(shipped);
    const dry = importRecordText(store, text, { apply: false, author: importer });
    expect(store.entries()).toHaveLength(22);
    const diff = formatImport(dry.plan, dry.parsed.skipped);
    console.log(diff);
    expect(diff).toContain('+ 2018-autumn-visit-tyreso-bibliotek  (line 1)');
    expect(diff).toContain('+   places: Tyresö bibliotek (Tyresö, Stockholms län)');
    expect(diff).toContain('+   people: Anna Berg, bibliotekschef, Tyresö bibliotek');
    expect(diff).toMatch(/\+ 2018-10-phone-call-kulturhuset-storgarden[\s\S]*! {3}check: names no place: put in Stockholms län/);
    expect(diff).toContain('+   source: Oktober 2018: … Mailkontakt med Solna stadsbibliotek och Sollentuna bibliotek.');
    expect(diff).toContain('? line 9: no date in front');
    expect(dry.plan.filter((p) => p.entry.kind === 'email').map((p) => p.entry.places[0]!.municipality)).toEqual(['Solna', 'Sollentuna']);
    expect(dry.plan.map((p) => p.entry.section)).toEqual(['Studiebesök och intervjuer', 'Nya kontakter', 'Nya kontakter', 'Nya kontakter']);

    const applied = importRecordText(store, text, { apply: true, author: importer });
    expect(applied.added).toHaveLength(4);
    expect(store.entries()).toHaveLength(26);
    expect(store.info()!.sections).toEqual([...shipped.record.sections, 'Nya kontakter']);
    expect(store.exportJson().entries).toHaveLength(26);
  });

  it('the place lookup is a parameter: another finder places what the built-in one cannot', () => {
    const kulturhuset = { name: 'Kulturhuset Storgården', municipality: 'Haninge', county: 'Stockholms län' };
    const findPlaces = (t: string) => (t.includes('Storgården') ? [kulturhuset] : recordPlaceFinder(shipped.entries)(t));
    const parsed = parseRecordText(text, { findPlaces });
    const call = parsed.drafts.find((d) => d.entry.kind === 'phone-call')!;
    expect(call.entry.places).toEqual([kulturhuset]);
    expect(call.flags).toEqual([]);
  });
});

describe('npm run import', () => {
  it('prints the diff without --apply and adds with it', () => {
    const file = join(dir, 'cli.db');
    const textFile = join(dir, 'new.txt');
    writeFileSync(textFile, 'Våren 2019: Studiebesök på Haninge bibliotek.\n');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/recordtext/import-main.ts', textFile, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_FILE: file } });
    const dry = run();
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain('+ 2019-spring-study-visit-haninge-bibliotek');
    expect(dry.stdout).toContain('1 to add (0 flagged), 0 already in the record');
    expect(dry.stdout).toContain('run again with --apply');
    const wet = run('--apply');
    expect(wet.stdout).toContain('Added 1 entries');
    expect(run().stdout).toContain('= 2019-spring-study-visit-haninge-bibliotek');
  });
});
