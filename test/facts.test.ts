import { describe, expect, it } from 'vitest';
import { replicateRecord } from '../bench/replicate.js';
import type { Entry, RecordFile } from '../src/data/schema.js';
import { contactPositions, contactWho, inDateOrder, listMarks, periodMarks } from '../src/question/facts.js';
import { parseQuestion } from '../src/question/parse.js';
import { commandAnswer, selectAnswer } from '../src/question/select.js';
import { answerSentence } from '../src/render/answer.js';
import type { MonthSpan } from '../src/search/period.js';
import { RecordIndex } from '../src/search/engine.js';
import { command, record } from './helpers/record.js';
import { runCommand } from '../src/commands/registry.js';
import { COMMON_TERM } from '../src/search/text-index.js';
import type { Contact } from '../src/search/contacts.js';

/** Spans over the record's whole range and past it: single months, terms, years, and spans longer than any entry. */
function spans(index: RecordIndex): MonthSpan[] {
  const months = [...new Set(index.entries.flatMap((e) => [e.period.start, e.period.end]))].sort();
  const out: MonthSpan[] = [{ start: '1990-01', end: '1990-12' }, { start: '2099-01', end: '2099-12' }, { start: months[0]!, end: months.at(-1)! }];
  for (let i = 0; i < months.length; i += Math.max(1, Math.floor(months.length / 12))) {
    const year = months[i]!.slice(0, 4);
    out.push({ start: months[i]!, end: months[i]! }, { start: `${year}-01`, end: `${year}-12` }, { start: `${year}-07`, end: `${Number(year) + 1}-06` });
  }
  return out;
}

const marked = (marks: Uint8Array) => [...marks.keys()].filter((i) => marks[i] === 1);
const positionsOf = (index: RecordIndex, entries: readonly Entry[]) => entries.map((e) => index.recordPosition(e)).sort((a, b) => a - b);

/** The numbers kept per record version mark what the entries' own lists and the timeline give. */
function expectSameAsEntries(index: RecordIndex): void {
  for (const span of spans(index)) {
    const { marks, count } = periodMarks(index, span);
    const timeline = index.timeline(span);
    expect(marked(marks), `${span.start}–${span.end}`).toEqual(positionsOf(index, timeline));
    expect(count).toBe(timeline.length);
  }
  const names = index.places.names;
  for (let k = 0; k < names.length; k += Math.max(1, Math.floor(names.length / 40))) {
    const lists = [names[k]!.entries, names[(k * 7) % names.length]!.entries];
    expect(marked(listMarks(index, lists))).toEqual([...new Set(positionsOf(index, lists.flat()))]);
    const { entries, positions } = inDateOrder(index, lists);
    const inLists = new Set(lists.flat());
    expect(entries).toEqual(index.chronological.filter((e) => inLists.has(e)));
    expect(positions).toEqual(entries.map((e) => index.recordPosition(e)));
  }
}

describe('per-record-version marks (question/facts.ts)', () => {
  const fresh = (entries: Entry[]) => new RecordIndex({ record: record.record, entries } satisfies RecordFile);

  it('mark what the timeline and the places\' entry lists hold, on the record', () => {
    expectSameAsEntries(fresh([...record.entries]));
  });

  it('mark the same on a generated record, also after changes in place', () => {
    const generated = replicateRecord(3000, 5);
    const index = new RecordIndex(generated);
    expectSameAsEntries(index);
    // Changed in place: a new version, so nothing kept for the old one is read (an entry out, a long one in).
    const [gone, moved] = [index.entries[10]!, index.entries[20]!];
    index.remove(gone.id);
    index.remove(moved.id);
    index.add({ ...moved, id: `${moved.id}-long`, period: { label: 'Våren 2001–hösten 2030', start: '2001-01', end: '2030-12' } });
    expectSameAsEntries(index);
    expect(marked(periodMarks(index, { start: '2001-01', end: '2001-01' }).marks)).toContain(index.entries.findIndex((e) => e.id === `${moved.id}-long`));
  });
});

const WHENS = ['När besökte vi Motala?', 'when did we visit are?', 'När ringde vi bibliotek i Norrland?', 'When did we visit libraries outside Stockholm County?', 'När hölls workshoparna?'];

describe('a when-answer grouped by period numbers (AnswerModel.periodsOf)', () => {
  it('words what grouping the entries themselves words, for questions and /visit, whole and cut to a message', () => {
    const generated = replicateRecord(1500, 11);
    let grouped = 0;
    for (const entries of [record.entries, generated.entries.slice(0, 200), generated.entries]) {
      const index = new RecordIndex({ record: record.record, entries } satisfies RecordFile);
      const models = [
        ...WHENS.map((text) => selectAnswer(parseQuestion(text, index), index)),
        ...['Motala', 'bibliotek', 'Norrland', 'Stockholms län'].map((text) => runCommand(command('visit'), { text }, index, 'sv').answer!),
      ];
      for (const model of models) {
        if (!model?.periodsOf) continue;
        grouped++;
        for (const locale of ['sv', 'en'] as const) {
          for (const shown of [Infinity, 2000, 300]) expect(answerSentence(model, locale, shown)).toBe(answerSentence({ ...model, periodsOf: undefined }, locale, shown));
        }
      }
    }
    expect(grouped).toBeGreaterThan(15);
  });
});

const LISTS = [
  'Vilka bibliotek besökte vi?',
  'Vilka platser besökte vi 2017?',
  'Which libraries did we visit in Norrland?',
  'Which places did we visit outside Stockholm County?',
  'Vilka bibliotek hade vi kontakt med våren 2017?',
  'Vilka platser ringde vi?',
  'Which places did we go to in Motala?',
];

describe('a list of libraries or places (AnswerModel.listed)', () => {
  it('words what grouping the answer\'s own entries words, on records of many sizes', () => {
    const generated = replicateRecord(1500, 9);
    let listed = 0;
    for (const entries of [record.entries, ...[5, 20, 40, 80, 160, 400, 1500].map((n) => generated.entries.slice(0, n))]) {
      const index = new RecordIndex({ record: record.record, entries } satisfies RecordFile);
      for (const text of LISTS) {
        const model = selectAnswer(parseQuestion(text, index), index);
        if (!model.listed) continue;
        listed++;
        for (const locale of ['sv', 'en'] as const) {
          expect(answerSentence(model, locale), text).toBe(answerSentence({ ...model, listed: undefined }, locale));
        }
      }
    }
    expect(listed).toBeGreaterThan(20);
  });
});

describe('contacts named exactly (ContactBook.namedExactly)', () => {
  it('are those whose name or organisation is the key, also after changes in place', () => {
    const generated = replicateRecord(1500, 13);
    const index = new RecordIndex(generated);
    const check = () => {
      const book = index.contacts;
      const keys = [...new Set(book.contacts.flatMap((c) => book.namedAs(c)))].slice(0, 300);
      for (const key of [...keys, 'bibliotek', 'ingen sådan']) {
        expect([...book.namedExactly(key)].sort((a, b) => book.contacts.indexOf(a) - book.contacts.indexOf(b)), key).toEqual(
          book.contacts.filter((c) => book.namedAs(c).includes(key)),
        );
      }
    };
    check();
    const moved = index.entries[3]!;
    index.remove(moved.id);
    index.add({ ...moved, id: `${moved.id}-2`, people: [{ name: 'Ny Person', role: 'bibliotekarie', organisation: 'Nytt bibliotek' }] });
    check();
    expect([...index.contacts.namedExactly('ny person')].map((c) => c.name)).toEqual(['Ny Person']);
  });
});

describe('a who-answer read contact by contact (contactWho)', () => {
  it('says what reading the contacts\' entries one by one says, also after changes in place', () => {
    const generated = replicateRecord(2000, 17);
    const index = new RecordIndex(generated);
    const queries = ['bibliotek', 'projektledare', 'samordnare', 'bibliotekschef', 'Svensson', 'coordinator', 'kommun', 'Malmö'];
    const check = () => {
      let compared = 0;
      for (const text of queries) {
        const model = runCommand(command('contact'), { text }, index, 'sv').answer;
        if (!model) continue;
        compared++;
        const positions = model.entries.map((e) => index.recordPosition(e));
        const plain = commandAnswer('who', model.entries, { record: { index, positions } });
        expect(model.people, text).toEqual(plain.people);
        expect(model.unnamed, text).toEqual(plain.unnamed);
        for (const locale of ['sv', 'en'] as const) expect(answerSentence(model, locale)).toBe(answerSentence(plain, locale));
      }
      expect(compared).toBeGreaterThan(4);
    };
    check();
    const moved = index.entries[7]!;
    index.remove(moved.id);
    index.add({ ...moved, id: `${moved.id}-2`, people: [] });
    index.add({ ...index.entries[9]!, id: 'another', people: [{ name: 'Ny Person', role: 'samordnare', organisation: 'Nytt bibliotek' }] });
    check();
  });
});

describe('a common word\'s contacts (the unranked path)', () => {
  // A tiny threshold puts the record's common words on the bitmap path that 100,000 entries take.
  const common = <T>(run: () => T): T => {
    const saved = { ...COMMON_TERM };
    Object.assign(COMMON_TERM, { minItems: 50, share: 0.05 });
    try {
      return run();
    } finally {
      Object.assign(COMMON_TERM, saved);
    }
  };
  const words = ['bibliotek', 'samordnare', 'kommun', 'bibliotekarie'];
  const key = (c: Contact) => [c.name !== null ? 0 : 1, c.entries[0]!.period.start] as const;
  const before = (a: Contact, b: Contact) => key(a)[0] - key(b)[0] || key(a)[1].localeCompare(key(b)[1]);

  it('come named people first, then by first month, ties as filed, as sorting them would give; also after changes', () => {
    common(() => {
      const index = new RecordIndex(replicateRecord(3000, 29));
      let unranked = 0;
      for (const word of words) {
        const hits = index.contacts.lookup(word).hits;
        if (hits.length > 0 && hits.every((h) => h.score === 0)) unranked++;
        const found = new Set(hits.map((h) => h.contact));
        // Before any change a contact's slot is its place in the book: sorting the book's order stably is the answer.
        const sorted = index.contacts.contacts.filter((c) => found.has(c)).sort(before);
        expect(hits.map((h) => h.contact), word).toEqual(sorted);
      }
      expect(unranked).toBeGreaterThan(1);
      const moved = index.entries[5]!;
      index.remove(moved.id);
      index.add({ ...moved, id: `${moved.id}-2`, people: [{ name: 'Ny Person', role: 'bibliotekarie', organisation: 'Nytt bibliotek' }] });
      for (const word of words) {
        const contacts = index.contacts.lookup(word).hits.map((h) => h.contact);
        for (let k = 1; k < contacts.length; k++) expect(before(contacts[k - 1]!, contacts[k]!), word).toBeLessThanOrEqual(0);
        const fresh = new RecordIndex({ ...index.record, entries: [...index.entries] });
        expect(new Set(contacts.map((c) => `${c.name}|${c.organisation}`)), word).toEqual(new Set(fresh.contacts.lookup(word).hits.map((h) => `${h.contact.name}|${h.contact.organisation}`)));
      }
      expect(index.contacts.lookup('bibliotekarie').hits.some((h) => h.contact.name === 'Ny Person')).toBe(true);
    });
  });

  it('are counted whole though only what a sentence names is kept (people, entries naming no one)', () => {
    common(() => {
      const index = new RecordIndex(replicateRecord(3000, 31));
      for (const word of words) {
        const model = runCommand(command('contact'), { text: word }, index, 'sv').answer!;
        const names = new Set(model.entries.flatMap((e) => e.people.filter((p) => p.name).map((p) => p.name)));
        const without = model.entries.filter((e) => e.people.length === 0);
        expect(model.peopleCount, word).toBe(names.size);
        expect(model.unnamed.withoutCount, word).toBe(without.length);
        expect(model.people.length, word).toBe(Math.min(names.size, 13));
        expect(model.unnamed.without, word).toEqual(without.slice(0, 13));
        if (names.size > 13) expect(answerSentence(model, 'sv'), word).toContain(`och ${names.size - 12} till`);
      }
    });
  });
});

describe('contacts\' numbers kept one after another (contactPositions, contactWho)', () => {
  it('stay each contact\'s own as more are kept, and are made anew for a new version of the record', () => {
    const index = new RecordIndex(replicateRecord(3000, 23));
    const positions = (c: (typeof index.contacts.contacts)[number]) => c.entries.map((e) => index.recordPosition(e));
    // Every contact's, many times what the first array holds, then read again after all were added.
    const who = index.contacts.contacts.map((c) => [...contactWho(index, c)]);
    for (const c of index.contacts.contacts) expect([...contactPositions(index, c)]).toEqual(positions(c));
    index.contacts.contacts.forEach((c, i) => expect([...contactWho(index, c)]).toEqual(who[i]));
    const first = index.contacts.contacts[0]!;
    index.add({ ...first.entries[0]!, id: 'one-more' });
    expect([...contactPositions(index, first)]).toEqual(positions(first));
  });
});

describe('relevant entries marked by record position (RecordIndex.relevantMarks)', () => {
  it('mark what relevant() lists, also after changes in place', () => {
    const generated = replicateRecord(2000, 19);
    const index = new RecordIndex(generated);
    const queries = ['bibliotek', 'medborgarservice', 'workshop', 'studiebesök', 'Motala', 'våren 2017', 'learing centre', 'digital kompetens', 'ingenting alls'];
    const check = () => {
      for (const query of queries) {
        for (const share of [0, 0.21, 0.9]) {
          const { marks, count } = index.relevantMarks(query, share);
          const relevant = index.relevant(query, share);
          expect(marked(marks), query).toEqual(positionsOf(index, relevant));
          expect(count).toBe(relevant.length);
        }
      }
    };
    check();
    const moved = index.entries[5]!;
    index.remove(moved.id);
    index.remove(index.entries[50]!.id);
    index.add({ ...moved, id: `${moved.id}-again`, title: `${moved.title} (medborgarservice)` });
    check();
  });
});
