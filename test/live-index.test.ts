import { describe, expect, it } from 'vitest';
import { runCommand } from '../src/commands/registry.js';
import type { Entry, RecordFile } from '../src/data/schema.js';
import { Suggester } from '../src/autocomplete/suggest.js';
import { renderText } from '../src/render/text.js';
import { RecordIndex } from '../src/search/engine.js';
import { COMMON_TERM } from '../src/search/text-index.js';
import { command, ids, record } from './helpers/record.js';

/** An entry the record does not have: a study visit to Kiruna in the autumn of 2017, with a named contact. */
const kiruna: Entry = {
  id: '2017-autumn-study-visit-kiruna-bibliotek',
  kind: 'study-visit',
  period: { label: 'Hösten 2017', start: '2017-07', end: '2017-12' },
  section: record.entries[0]!.section,
  title: 'Studiebesök på Kiruna bibliotek',
  summary: 'Study visit to Kiruna library about digital help desks.',
  places: [{ name: 'Kiruna bibliotek', municipality: 'Kiruna', county: 'Norrbottens län' }],
  organisations: ['Kiruna bibliotek'],
  topics: ['digital delaktighet'],
  people: [{ name: 'Saga Nilsson', role: 'bibliotekarie', organisation: 'Kiruna bibliotek' }],
  source: 'Hösten 2017: Studiebesök på Kiruna bibliotek. Saga Nilsson, bibliotekarie.',
};

const QUERIES = ['Motala', 'Kiruna', 'digital delaktighet', 'bibliotek', 'Saga Nilsson', 'workshop 2017', 'hösten 2017 studiebesök', 'enkät'];

/** What the commands answer, as ids, for a fixed set of questions: the same for an index changed in place and one built fresh. */
function answers(index: RecordIndex): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const q of QUERIES) out[`search ${q}`] = index.search(q).entries.map((e) => e.id);
  for (const [name, text] of [['visit', 'Kiruna'], ['visit', 'Norrbotten'], ['visit', 'Motala'], ['timeline', 'hösten 2017'], ['contact', 'Saga'], ['contact', 'bibliotekarie'], ['entry', 'Studiebesök på Kiruna bibliotek']] as const) {
    out[`${name} ${text}`] = ids(runCommand(command(name), { text }, index, 'sv'));
  }
  out.chronological = index.chronological.map((e) => e.id);
  out.entries = index.entries.map((e) => e.id);
  out.places = index.places.names.map((p) => `${p.level}:${p.label}:${p.entries.map((e) => e.id).join(',')}`).sort();
  out.contacts = index.contacts.contacts.map((c) => `${c.name}|${c.organisation}:${c.entries.map((e) => e.id).join(',')}`).sort();
  return out;
}

const fresh = (entries: Entry[]) => new RecordIndex({ record: record.record, entries } satisfies RecordFile);

describe('the index follows single changes without a rebuild', () => {
  it('an added entry is found by search, visit, timeline, contact and entry, as if built with it', () => {
    const index = fresh(record.entries);
    index.contacts.warm();
    index.add(kiruna);
    const expected = answers(fresh([...record.entries, kiruna]));
    const got = answers(index);
    // Compound heads are learnt at a full build only; the added entry's words are all plain here, so the answers agree.
    expect(got).toEqual(expected);
    expect(got['search Kiruna']).toEqual([kiruna.id]);
    expect(got['visit Kiruna']).toEqual([kiruna.id]);
    expect(got['contact Saga']).toEqual([kiruna.id]);
    expect(got['timeline hösten 2017']).toContain(kiruna.id);
  });

  it('a removed entry is gone everywhere, and its place and contact with it', () => {
    const index = fresh([...record.entries, kiruna]);
    index.contacts.warm();
    expect(index.remove(kiruna.id)).toBe(true);
    expect(answers(index)).toEqual(answers(fresh(record.entries)));
    expect(index.places.names.some((p) => p.label === 'Kiruna')).toBe(false);
    expect(index.remove(kiruna.id)).toBe(false);
  });

  it('a corrected entry is found by its new words only, in its old place in record order', () => {
    const index = fresh([...record.entries]);
    const first = record.entries[0]!;
    const corrected: Entry = { ...first, title: `${first.title} i Kiruna`, places: kiruna.places };
    index.replace(corrected);
    const entries = record.entries.map((e) => (e.id === first.id ? corrected : e));
    expect(answers(index)).toEqual(answers(fresh(entries)));
    expect(index.entries[0]).toBe(corrected);
    expect(index.byId.get(first.id)).toBe(corrected);
  });

  it('a common-word search after changes still lists in date order (the unranked path)', () => {
    const entries = Array.from({ length: 40 }, (_, i) => ({ ...kiruna, id: `e-${i}`, period: { label: 'x', start: `20${10 + (i % 9)}-0${1 + (i % 7)}`, end: `20${10 + (i % 9)}-12` } }));
    const saved = { ...COMMON_TERM };
    // A tiny threshold puts "kiruna" (in every entry) on the bitmap path that large records take.
    Object.assign(COMMON_TERM, { minItems: 5, share: 0.05 });
    try {
      const index = new RecordIndex({ record: record.record, entries: entries.slice(0, 30) });
      for (const e of entries.slice(30)) index.add(e);
      index.remove('e-3');
      const found = index.search('Kiruna').entries;
      expect(found).toHaveLength(39);
      expect(found.map((e) => e.id)).toEqual(index.chronological.map((e) => e.id));
      const inPeriod = index.search('Kiruna 2012').entries;
      expect(inPeriod.slice(0, 5).every((e) => e.period.start.startsWith('2012'))).toBe(true);
    } finally {
      Object.assign(COMMON_TERM, saved);
    }
  });

  it('answers worded from what is kept between questions (record positions, who, place, period and own-work facts) follow changes', () => {
    const questions = [
      ['contact', 'bibliotekarie'],
      ['contact', 'Saga Nilsson'],
      ['contact', 'bibliotek'],
      ['visit', 'Norrbotten'],
      ['visit', 'bibliotek'],
      ['visit', 'Kiruna bibliotek'],
      ['ask', 'Vem träffade vi i Kiruna?'],
      ['ask', 'Vilka personer pratade vi med?'],
      ['ask', 'Vem ringde vi?'],
      ['ask', 'Vilka bibliotek besökte vi?'],
      ['ask', 'Vilka platser besökte vi utanför Stockholms län?'],
      ['ask', 'Vilka bibliotek i Norrland besökte vi?'],
      ['ask', 'Hur många kommuner hade vi kontakt med hösten 2017?'],
      ['ask', 'Gjorde vi någon enkät?'],
      ['ask', 'När hölls konferensen?'],
    ] as const;
    const said = (index: RecordIndex) => questions.map(([name, text]) => renderText(runCommand(command(name), { text }, index, 'sv')));
    const index = fresh([...record.entries]);
    said(index);
    index.add(kiruna);
    index.remove(record.entries[2]!.id);
    const changed = said(index);
    expect(changed).toEqual(said(fresh([...record.entries.filter((_, i) => i !== 2), kiruna])));
    expect(changed[1]).toContain('Saga Nilsson');
  });

  it('autocomplete lists follow after invalidate()', () => {
    const index = fresh([...record.entries]);
    const suggester = new Suggester(index);
    expect(suggester.suggest('place', 'Kiru', 'sv').map((c) => c.value)).not.toContain('Kiruna');
    index.add(kiruna);
    suggester.invalidate();
    expect(suggester.suggest('place', 'Kiru', 'sv').map((c) => c.value)).toContain('Kiruna');
    expect(suggester.suggest('title', 'Kiruna', 'sv').map((c) => c.value)).toContain(kiruna.id);
  });

  it('an index changed in place is not written to the start-up cache (its slots are no longer date ranks)', () => {
    const index = fresh([...record.entries]);
    expect(index.serialise()).not.toBeNull();
    index.add(kiruna);
    expect(index.serialise()).toBeNull();
  });
});
