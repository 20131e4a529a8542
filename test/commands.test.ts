import { describe, expect, it } from 'vitest';
import { COMMAND_SPECS, parseCommandLine } from '../src/commands/registry.js';
import { localName } from '../src/commands/spec.js';
import { renderText } from '../src/render/text.js';
import { ids, run } from './helpers/record.js';

// The visit first (it is what /visit asks for), then the other mentions of Motala, in the record's order.
const MOTALA = ['2017-autumn-study-trip-motala', '2017-spring-phone-interview-motala', '2017-09-conversation-regionbibliotek-ostergotland'];

describe('visit', () => {
  it('lists the Motala entries in date order with kinds, people and counties', () => {
    const reply = run('visit', 'Motala', 'sv');
    expect(ids(reply)).toEqual(MOTALA);
    const text = renderText(reply);
    expect(text).toContain('Hösten 2017 · Studieresa');
    expect(text).toContain('Våren 2017 · Telefonintervju');
    expect(text).toContain('Julia Larsson, projektledare');
    expect(text).toContain('September 2017 · Samtal');
    expect(text).toContain('Östergötlands län');
  });

  it('speaks English to English speakers and keeps the record Swedish', () => {
    const text = renderText(run('visit', 'Motala', 'en'));
    expect(text).toContain('Autumn 2017 · Study trip');
    expect(text).toContain('Spring 2017 · Phone interview');
    expect(text).toContain('Hösten 2017: Studieresa till DigidelCenter på Motala bibliotek');
  });

  it('resolves typos, missing å/ä/ö and every level', () => {
    expect(ids(run('visit', 'Motla'))).toEqual(MOTALA);
    expect(ids(run('visit', 'alvsjo'))).toEqual(['2018-spring-phone-call-alvsjo']);
    expect(ids(run('visit', 'Västernorrland'))).toHaveLength(3);
    // Same season: the record's order (Bibblerian is the first line of våren 2018), not the ids'.
    expect(ids(run('visit', 'Stockholm'))).toEqual([
      '2018-spring-visit-bibblerian-hasselby',
      '2018-spring-phone-call-skarholmen',
      '2018-spring-phone-call-alvsjo',
      '2018-spring-email-blackeberg',
    ]);
    expect(ids(run('visit', 'Stockholms län')).length).toBeGreaterThan(6);
  });

  it('says a Swedish place has no activity, without look-alikes; offers near names for a typo', () => {
    const kiruna = run('visit', 'Kiruna', 'sv');
    expect(kiruna.type).toBe('notice');
    expect(kiruna.title).toBe('Protokollet har ingen aktivitet i Kiruna (Norrbottens län).');
    const typo = run('visit', 'Xyzzyvägen', 'sv');
    expect(typo.title).toContain('Menade du');
  });
});

describe('contact', () => {
  it('"projektledare" lists the project leads with organisations', () => {
    const reply = run('contact', 'projektledare');
    expect(reply.type).toBe('contacts');
    if (reply.type !== 'contacts') return;
    expect(reply.contacts.map((c) => [c.name, c.organisation])).toEqual([
      ['Julia Larsson', 'Digidelcenter Motala bibliotek'],
      ['Rebecca Eriksson', 'Digitala servicecenter Västerbotten'],
    ]);
    expect(renderText(reply)).toContain('Spring 2017 · Phone interview');
  });

  it('finds by English role, organisation, place and typo', () => {
    const names = (q: string) => {
      const r = run('contact', q);
      return r.type === 'contacts' ? r.contacts.map((c) => c.name ?? c.organisation) : [];
    };
    expect(names('project lead')).toEqual(['Julia Larsson', 'Rebecca Eriksson']);
    expect(names('coordinator')).toContain('Petter Stjernstedt');
    expect(names('projektledare Västerbotten')).toEqual(['Rebecca Eriksson']);
    expect(names('Stjernsted')).toEqual(['Petter Stjernstedt']);
    expect(names('Skärholmen')).toEqual(['Skärholmens medborgarkontor']);
  });

  it("answers on its contacts' entries, each once as first met, gathered only when read", () => {
    const reply = run('contact', 'bibliotek');
    if (reply.type !== 'contacts' || !reply.answer) throw new Error('expected a contacts reply with an answer');
    const firstMet = [...new Set(reply.contacts.flatMap((c) => c.entries))];
    expect(firstMet.length).toBeGreaterThan(reply.contacts.length / 2);
    expect(reply.answer.entries).toEqual(firstMet);
    expect(reply.answer.entries).toBe(reply.answer.entries);
  });
});

describe('timeline', () => {
  it('lists a period in date order', () => {
    expect(ids(run('timeline', 'hösten 2017'))).toEqual(['2017-autumn-study-trip-motala', '2017-09-conversation-lansbibliotek-vasterbotten', '2017-09-conversation-regionbibliotek-ostergotland']);
    expect(ids(run('timeline', '2016')).slice(0, 2)).toEqual(['2016-spring-survey-public-libraries', '2016-spring-workshops-digital-agenda']);
    expect(run('timeline', 'autumn 2016', 'en').title).toBe('Timeline: Autumn 2016');
  });

  it('explains a period it does not understand, and an empty one', () => {
    const bad = run('timeline', 'sometime', 'sv');
    expect(bad.type === 'notice' && bad.error).toBe(true);
    expect(bad.title).toContain('våren 2017');
    expect(run('timeline', '2020', 'en').title).toBe('No activities in 2020.');
  });
});

describe('search', () => {
  it('searches free text and filters by kind', () => {
    expect(ids(run('search', 'medborgarservice')).length).toBeGreaterThan(3);
    expect(ids(run('search', 'bibliotek', 'en', 'email'))).toHaveLength(3);
    expect(run('search', 'Kiruna').type).toBe('notice');
  });
});

describe('summary', () => {
  it('counts by kind, places, people and the period covered', () => {
    const reply = run('summary', '', 'en');
    expect(reply.type).toBe('summary');
    if (reply.type !== 'summary') return;
    expect(reply.facts.total).toBe(22);
    expect(reply.facts.byKind.find((k) => k.kind === 'email')?.count).toBe(3);
    expect(reply.facts.people.map((p) => p.name).sort()).toEqual(['Julia Larsson', 'Petter Stjernstedt', 'Rebecca Eriksson']);
    expect(reply.title).toBe('Summary: the whole project (spring 2016 – spring 2018)');
    expect(run('summary', 'våren 2018', 'sv').title).toBe('Sammanfattning: Våren 2018');
  });
});

describe('entry', () => {
  it('shows one entry by id or title, quoting the record', () => {
    const reply = run('entry', '2017-autumn-study-trip-motala', 'sv');
    expect(renderText(reply)).toContain('Ur protokollet: “Hösten 2017: Studieresa');
    expect(ids(run('entry', 'Studieresa till DigidelCenter på Motala bibliotek'))).toEqual(['2017-autumn-study-trip-motala']);
    expect(run('entry', 'nothing like this xyzzy').type).toBe('notice');
  });
});

describe('ask', () => {
  // The query set (test/questions.test.ts) holds 301 questions; these are the shapes' first examples, checked for the
  // answer line, the reading line and the first entry under them.
  it.each([
    ['När besökte vi Motala?', 'sv', 'Hösten 2017: studieresa till DigidelCenter på Motala bibliotek', 'besök · Motala', MOTALA[0]],
    ['When did we visit Motla?', 'en', 'Autumn 2017: a study trip to the DigidelCenter at Motala library', 'visits · Motala', MOTALA[0]],
    ['Who was the project lead in Västerbotten?', 'en', 'Rebecca Eriksson, project lead – Digitala servicecenter Västerbotten', 'Västerbotten', '2017-spring-phone-interview-vasterbotten'],
    ['Vem är Petter Stjernstedt?', 'sv', 'Petter Stjernstedt, projektsamordnare – Digidelcenter Sundsvalls stadsbibliotek', '”Petter Stjernstedt”', '2017-spring-phone-interview-sundsvall'],
    ['Vad gjorde vi hösten 2016?', 'sv', '2 aktiviteter', 'hösten 2016', '2016-autumn-regional-conference'],
    ['Vilka bibliotek har vi mejlat?', 'sv', 'Blackebergs bibliotek', 'mejlkontakt · bibliotek', '2018-spring-email-blackeberg'],
  ] as const)('%s', (question, locale, answer, reading, first) => {
    const reply = run('ask', question, locale);
    const text = renderText(reply);
    expect(text.split('\n')[0]).toContain(answer);
    expect(text.split('\n')[1]).toContain(reading);
    expect(ids(reply)[0]).toBe(first);
  });

  it('hands a request for a summary to /summary', () => {
    const reply = run('ask', 'Sammanfatta 2017', 'sv');
    expect(reply.type).toBe('summary');
    expect(ids(reply)).toContain('2016-2017-mapping-citizen-service');
  });

  it('says plainly when the record has nothing, and lists nothing', () => {
    const reply = run('ask', 'Did we visit Kiruna?');
    expect(renderText(reply).split('\n')[0]).toBe('No, the record has no activity in Kiruna (Norrbottens län).');
    expect(ids(reply)).toEqual([]);
  });
});

describe('help and command lines', () => {
  it('describes every command in both languages, by the name the reader\'s client shows', () => {
    for (const locale of ['sv', 'en'] as const) {
      const text = renderText(run('help', '', locale));
      for (const spec of COMMAND_SPECS) expect(text).toContain(localName(spec, locale));
    }
    expect(renderText(run('help', '', 'sv'))).toContain('/besök Motala');
  });

  it('reads a command by its English or Swedish name, and anything else as a question', () => {
    const read = (line: string) => {
      const { spec, text } = parseCommandLine(line);
      return { name: spec.name, text };
    };
    expect(read('visit Motala')).toEqual({ name: 'visit', text: 'Motala' });
    expect(read('/contact Julia')).toEqual({ name: 'contact', text: 'Julia' });
    expect(read('besök Motala')).toEqual({ name: 'visit', text: 'Motala' });
    expect(read('/Tidslinje våren 2017')).toEqual({ name: 'timeline', text: 'våren 2017' });
    expect(read('När besökte vi Motala?')).toEqual({ name: 'ask', text: 'När besökte vi Motala?' });
  });
});

describe('bad input', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['x'.repeat(501), 'too long'],
    ['Motala\u0007', 'control'],
  ])('%j is refused with a clear message', (text) => {
    const reply = run('visit', text, 'en');
    expect(reply.type === 'notice' && reply.error).toBe(true);
  });

  it('drops zero-width and direction marks instead of failing', () => {
    expect(ids(run('visit', 'Mo\u200btala\u200f'))).toEqual(MOTALA);
  });
});
