import { describe, expect, it } from 'vitest';
import { runCommand } from '../src/commands/registry.js';
import { answerInteraction } from '../src/interactions/answer.js';
import { LiveRecord, loadIndexed } from '../src/live/record.js';
import { DEFAULT_DATA_FILE } from '../src/data/load.js';
import { renderDiscord } from '../src/render/discord.js';
import { renderJson } from '../src/render/json.js';
import { renderText } from '../src/render/text.js';
import { expectWithinLimits } from './helpers/limits.js';
import { command, ids, index, makeEntry, makeIndex, record, run } from './helpers/record.js';

const fieldsText = (p: ReturnType<typeof renderDiscord>) => p.embeds.flatMap((e) => (e.fields ?? []).map((f) => `${f.name}\n${f.value}`)).join('\n');

describe('summary sentences agree with the period asked', () => {
  it('`summary 2016` says 2016, like its picture, and says plainly that one activity runs past it', () => {
    const en = run('summary', '2016', 'en');
    expect(en.description).toBe('4 activities in 2016. One of them also runs outside this period.');
    expect(run('summary', '2016', 'sv').description).toBe('4 aktiviteter under 2016. En av dem pågår också utanför perioden.');
    expect(renderText(en)).toContain('Mapping: Kartläggning av tillgången till medborgarservice i Stockholms län (runs autumn 2016 – spring 2017, partly outside this period)');
  });

  it('one activity is singular in both languages', () => {
    expect(run('summary', 'december 2017', 'en').description).toBe('1 activity in December 2017.');
    expect(run('summary', 'december 2017', 'sv').description).toBe('1 aktivitet under december 2017.');
  });

  it('a season-dated entry in a month says it is dated by season, in Discord, the terminal and the timeline', () => {
    const sv = run('summary', 'september 2017', 'sv');
    expect(fieldsText(renderDiscord(sv))).toContain('Studieresa till DigidelCenter på Motala bibliotek — _daterad till terminen (hösten 2017), inte till månad_');
    expect(renderText(run('timeline', 'september 2017', 'en'))).toContain('Autumn 2017 · Study trip (dated by season (autumn 2017), not by month)');
    const month = renderDiscord(run('timeline', 'september 2017', 'sv'));
    expect(month.embeds.find((e) => e.title?.startsWith('Studieresa'))!.fields![0]!.value).toContain('daterad till terminen');
    // An entry dated to the month itself gets no note.
    expect(month.embeds.find((e) => e.title?.startsWith('Samtal'))!.fields![0]!.value).toBe('September 2017');
  });
});

describe('the whole summary, paged, never cut', () => {
  it('holds every activity of a long period across pages, split only between lines, within Discord’s limits', () => {
    const entries = Array.from({ length: 120 }, (_, i) =>
      makeEntry(`e-${i}`, {
        title: `Besök nummer ${i} på ett bibliotek med ett ganska långt namn för att fylla raden`,
        period: { label: i % 2 ? 'Våren 2017' : 'Hösten 2017', start: i % 2 ? '2017-01' : '2017-07', end: i % 2 ? '2017-06' : '2017-12' },
        places: [{ name: `Bibliotek ${i}`, municipality: 'Motala', county: 'Östergötlands län' }],
      }),
    );
    const many = makeIndex(entries);
    const reply = runCommand(command('summary'), { text: '' }, many, 'sv');
    const first = renderDiscord(reply);
    const next = first.components[0]!.components.find((b) => b.label.includes('Nästa'))!;
    expect(next).toBeDefined();
    const lines: string[] = [];
    let pages = 0;
    for (let page = 0; page < 50; page++) {
      const payload = renderDiscord(reply, { page });
      expectWithinLimits(payload);
      const text = fieldsText(payload);
      if (page > 0 && text === fieldsText(renderDiscord(reply, { page: page - 1 }))) break;
      pages++;
      lines.push(...payload.embeds.flatMap((e) => (e.fields ?? []).filter((f) => f.name.startsWith('Aktiviteter')).flatMap((f) => f.value.split('\n'))));
    }
    expect(pages).toBeGreaterThan(1);
    expect(lines).toHaveLength(120);
    for (const e of entries) expect(lines.filter((l) => l.includes(`nummer ${e.id.slice(2)} på`)), e.id).toHaveLength(1);
    expect(first.embeds[0]!.footer!.text).toMatch(/^Sida 1 av \d+/);
    // Every place too, with its count, somewhere in the pages.
    const all = Array.from({ length: pages }, (_, page) => fieldsText(renderDiscord(reply, { page }))).join('\n');
    for (let i = 0; i < 120; i++) expect(all).toContain(`Bibliotek ${i} (1)`);
  });

  it('the terminal prints every item, with no cut', () => {
    const many = makeIndex(Array.from({ length: 45 }, (_, i) => makeEntry(`e-${i}`, { title: `Samtal ${i}`, source: `Samtal nummer ${i}.` })));
    const text = renderText(runCommand(command('search'), { text: 'samtal' }, many, 'en'));
    for (let i = 0; i < 45; i++) expect(text).toContain(`■ Samtal ${i}\n`);
    // The answer sentence names a few and counts the rest; the list under it is whole.
    expect(text.split('\n').slice(1).join('\n')).not.toContain('more');
    const summary = renderText(run('summary', '', 'sv'));
    for (const e of record.entries) expect(summary).toContain(e.title);
  });
});

describe('people are people, organisations are organisations', () => {
  it('an entry shows its unnamed contact as an organisation, named ones as people', () => {
    const embed = renderDiscord(run('visit', 'Bibblerian', 'en')).embeds[0]!;
    expect(embed.fields!.map((f) => f.name)).toEqual(['Period', 'Kind', 'Places', 'Organisations']);
    expect(embed.fields!.at(-1)!.value).toBe('Bibblerian');
    const motala = renderDiscord(run('visit', 'Motala', 'en')).embeds[1]!;
    expect(motala.fields!.find((f) => f.name === 'People')!.value).toBe('Julia Larsson, projektledare – Digidelcenter Motala bibliotek');
  });

  it('the summary lists people and organisations apart; Malmö’s coordinator keeps the role', () => {
    const reply = run('summary', '', 'sv');
    if (reply.type !== 'summary') throw new Error(reply.type);
    expect(reply.facts.people.map((p) => p.name)).toEqual(['Julia Larsson', 'Rebecca Eriksson', 'Petter Stjernstedt']);
    expect(reply.facts.organisations.map((o) => o.organisation)).toContain('Bibblerian');
    const text = fieldsText(renderDiscord(reply));
    expect(text).toContain('Organisationer\n');
    expect(text).toContain('Lärcentrum, Malmö stadsbibliotek (samordnare)');
    expect(text.split('Organisationer')[0]).not.toContain('Bibblerian');
  });

  it('`contact Regionbibliotek Östergötland` presents the organisation, in every door', () => {
    const reply = run('contact', 'Regionbibliotek Östergötland', 'en');
    const text = renderText(reply);
    expect(text).toContain('Organisations:\n■ Regionbibliotek Östergötland\n');
    expect(text).not.toMatch(/name not given|People:/);
    const json = renderJson(reply).results[0] as { type: string; id: string };
    expect(json).toMatchObject({ type: 'organisation', id: 'organisation:Regionbibliotek Östergötland' });
    const people = renderJson(run('contact', 'projektledare', 'en')).results as { type: string }[];
    expect(people.every((r) => r.type === 'person')).toBe(true);
  });

  it('JSON entries keep people for people and list organisations', () => {
    const [result] = renderJson(run('entry', '2018-spring-visit-bibblerian-hasselby', 'en')).results as { people: unknown[]; organisations: string[] }[];
    expect(result!.people).toEqual([]);
    expect(result!.organisations).toEqual(['Bibblerian']);
  });
});

describe('Swedish replies name the Swedish commands', () => {
  const loaded = new LiveRecord(loadIndexed(DEFAULT_DATA_FILE)).current;
  it('an unknown command, an expired button and a bad period', async () => {
    const unknown = await answerInteraction({ kind: 'command', command: 'nope', options: {}, locale: 'sv-SE', userId: '1' }, loaded);
    expect(unknown.kind === 'message' && unknown.payload.content).toBe(
      'Okänt kommando ”nope”. Kommandon: /besök, /kontakt, /tidslinje, /sök, /sammanfattning, /aktivitet, /fråga, /rapport, /logga, /hjälp.',
    );
    const expired = await answerInteraction({ kind: 'button', customId: 'pm2|p|s|1|sv|-|00000000', locale: 'sv-SE', userId: '1', messageIsPrivate: false, messageContent: '-# /sök något' }, loaded);
    expect(expired).toMatchObject({ kind: 'message', private: true, payload: { content: 'Den här knappen fungerar inte längre. Kör /sök igen.' } });
    expect(run('timeline', 'någon gång', 'sv').title).toContain('Prova till exempel /tidslinje 2017, /tidslinje våren 2017');
    expect(run('summary', 'sometime', 'en').title).toContain('Try for example /summary 2017');
  });
});

describe('privacy, decided in runCommand', () => {
  it('not-found notices and errors are private; answers are public unless asked', () => {
    for (const [name, text] of [['visit', 'Xyzzy'], ['timeline', '2020'], ['timeline', 'då'], ['search', 'qqqzzz'], ['entry', 'qqqzzz'], ['contact', 'qqqzzz'], ['visit', '']] as const) {
      const reply = run(name, text, 'en');
      expect(reply.type, `${name} ${text}`).toBe('notice');
      expect(reply.private, `${name} ${text}`).toBe(true);
      expect(renderDiscord(reply).components).toEqual([]);
    }
    expect(run('visit', 'Motala', 'en').private).toBe(false);
    expect(run('visit', 'Motala', 'en', undefined, true).private).toBe(true);
    expect(index.entries).toHaveLength(22);
  });
});

/** The answer's first line, as the terminal prints it. */
const firstLine = (question: string, locale: 'en' | 'sv') => renderText(run('ask', question, locale)).split('\n')[0]!;

describe('counting workshop rounds', () => {
  it('one round is one occasion, in both languages, and the count is one sentence', () => {
    expect(firstLine('How many workshops did we hold in 2016?', 'en')).toMatch(/^Workshops on 1 occasion \(2016\); the record does not say how many workshops there were: /);
    expect(firstLine('Hur många workshops höll vi 2016?', 'sv')).toMatch(/^Workshops vid 1 tillfälle \(2016\); protokollet säger inte /);
    expect(firstLine('Hur många workshops hade vi?', 'sv')).toMatch(/^Workshops vid 2 tillfällen; /);
  });
});

describe('a question about a kind the place never had says so first', () => {
  it('a count of visits where there was only an email is no visit, not "1 besök"', () => {
    expect(firstLine('Hur många besök gjorde vi i Nacka?', 'sv')).toBe(
      'Inget besök i Nacka enligt protokollet, men 1 annan kontakt: mejlkontakt med biblioteken i Nacka kommun (våren 2018).',
    );
    expect(firstLine('How many visits did we make to Nacka?', 'en')).toMatch(/^No visit in Nacka according to the record, but 1 other contact: email contact /);
  });

  it('a list for two places names both, then what the record has, in its order', () => {
    const reply = run('ask', 'Vilka besökte vi i Huddinge eller Nacka?', 'sv');
    expect(renderText(reply).split('\n')[0]).toMatch(/^Inget besök i Huddinge eller Nacka enligt protokollet, men 2 andra kontakter\. Våren 2018: mejlkontakt med Skogås /);
    expect(ids(reply)).toEqual(['2018-spring-email-skogas-huddinge', '2018-spring-email-nacka']);
  });

  it('a place that had the kind asked is answered as before', () => {
    expect(firstLine('Vilka besökte vi i Motala?', 'sv')).toBe('1 aktivitet. Hösten 2017: studieresa till DigidelCenter på Motala bibliotek.');
  });
});

describe('a count of one is singular', () => {
  it.each([
    ['Hur många kommuner besökte vi 2018?', 'sv', '1 kommun (2018): Stockholm.'],
    ['How many municipalities did we visit in 2018?', 'en', '1 municipality (2018): Stockholm.'],
    ['Hur många telefonintervjuer gjorde vi i Motala?', 'sv', '1 telefonintervju: telefonintervju med Digidelcenter Motala bibliotek'],
    ['How many phone interviews did we do in Motala?', 'en', '1 phone interview: a phone interview with Julia Larsson'],
    ['Hur många aktiviteter hade vi i december 2017?', 'sv', 'Protokollet anger bara terminen för detta, inte december 2017: 1 aktivitet: studieresa till DigidelCenter'],
    ['Hur många kommuner ringde vi 2017?', 'sv', '2 kommuner (2017): Motala och Sundsvall.'],
    ['Which libraries did we phone in 2018?', 'en', '1 library: Älvsjö bibliotek (phone call, spring 2018).'],
  ] as const)('%s', (question, locale, start) => {
    expect(firstLine(question, locale).slice(0, start.length)).toBe(start);
  });
});

describe('nothing in the period asked: says so, then when instead', () => {
  it('a count of none is an answer, with the times the record has', () => {
    expect(firstLine('Hur många telefonintervjuer gjorde vi hösten 2016?', 'sv')).toMatch(
      /^Ingen telefonintervju under hösten 2016 enligt protokollet, men 3 telefonintervjuer vid andra tider: telefonintervju med Digidelcenter Motala bibliotek \(Julia Larsson, projektledare; våren 2017\);/,
    );
    expect(firstLine('How many phone interviews did we do in autumn 2016?', 'en')).toMatch(
      /^No phone interview in autumn 2016 according to the record, but 3 phone interviews at other times: a phone interview with Julia Larsson, .*\(spring 2017\)/,
    );
    expect(firstLine('Hur många besök gjorde vi i Motala 2016?', 'sv')).toBe(
      'Inget besök i Motala under 2016 enligt protokollet, men 1 besök vid andra tider: studieresa till DigidelCenter på Motala bibliotek (hösten 2017).',
    );
    expect(firstLine('Hur många kommuner ringde vi hösten 2016?', 'sv')).toBe(
      'Ingen telefonkontakt under hösten 2016 enligt protokollet, men 3 kommuner vid andra tider: Motala, Sundsvall och Stockholm.',
    );
  });

  it('yes/no, when and who keep the no first', () => {
    const reply = run('ask', 'Gjorde vi några telefonintervjuer hösten 2016?', 'sv');
    expect(renderText(reply).split('\n')[0]).toMatch(/^Nej, inte under hösten 2016, bara vid andra tider: en telefonintervju med Digidelcenter Motala bibliotek /);
    expect(ids(reply)).toEqual(['2017-spring-phone-interview-motala', '2017-spring-phone-interview-vasterbotten', '2017-spring-phone-interview-sundsvall']);
    expect(firstLine('När ringde vi Motala 2018?', 'en')).toMatch(
      /^No phone contact in Motala in 2018 according to the record, but 1 phone contact at other times\. Spring 2017: a phone interview with Julia Larsson/,
    );
    expect(firstLine('Vem pratade vi med i Motala 2018?', 'sv')).toMatch(
      /^Ingen kontakt i Motala under 2018 enligt protokollet, bara vid andra tider\. Julia Larsson, projektledare – Digidelcenter Motala bibliotek\./,
    );
  });

  it('the first of a kind in a period without it is the first at other times, said as such', () => {
    expect(firstLine('What was the last phone interview in 2018?', 'en')).toMatch(
      /^No phone interview in 2018 according to the record, only at other times\. Last, in spring 2017 \(the record gives no order within the term\): a phone interview/,
    );
  });

  it('one kind asked is named as itself, words asked are named, and a place with its period', () => {
    expect(firstLine('Hur många studieresor gjorde vi våren 2017?', 'sv')).toMatch(/^Ingen studieresa under våren 2017 enligt protokollet, men 1 studieresa vid andra tider: /);
    expect(firstLine('Which project leads did we talk to in 2018?', 'en')).toMatch(/^Nothing about "leads" in 2018 according to the record, only at other times\. Julia Larsson/);
    expect(firstLine('Hur många besök gjorde vi i Norrland hösten 2017?', 'sv')).toMatch(/^Inget besök i Norrland under hösten 2017 enligt protokollet, men 2 andra kontakter: /);
    expect(firstLine('Besökte vi Motala hösten 2016?', 'sv')).toMatch(/^Nej, inte under hösten 2016 enligt protokollet, som bara nämner en studieresa /);
  });

  it('a verb around the kind is not searched as text', () => {
    expect(firstLine('Hur många mejl skickade vi 2016?', 'sv')).toMatch(/^Ingen mejlkontakt under 2016 enligt protokollet, men 3 mejlkontakter vid andra tider: /);
    expect(firstLine('How many emails did we send in autumn 2017?', 'en')).toMatch(/^No email in autumn 2017 according to the record, but 3 emails at other times: /);
    expect(firstLine('How many workshops did we run in 2018?', 'en')).toMatch(/^No workshop in 2018 according to the record, but 2 workshops at other times: /);
  });

  it('a count of people where the record names no one says whom it names', () => {
    expect(firstLine('Hur många personer ringde vi 2018?', 'sv')).toBe(
      'Protokollet nämner inga namn, bara Skärholmens medborgarkontor och Älvsjö bibliotek (telefonsamtal, våren 2018).',
    );
    expect(firstLine('How many people did we phone in 2018?', 'en')).toBe('The record names no one, only Skärholmens medborgarkontor and Älvsjö bibliotek (phone call, spring 2018).');
  });

  it('a period the record does not cover, or a kind a place never had at any time, is still said plainly', () => {
    expect(firstLine('Hur många besök gjorde vi 2019?', 'sv')).toBe('Protokollet har inga aktiviteter under 2019 (det täcker våren 2016–våren 2018).');
    expect(firstLine('Hur många mejl skickade vi till Motala 2016?', 'sv')).toMatch(/^Protokollet har inget som passar allt detta på en gång/);
  });
});

describe('first and last, names and months, worded once', () => {
  it('first or last of one period names the period once, in the sentence', () => {
    expect(firstLine('Vad gjorde vi först?', 'sv')).toMatch(/^Först, våren 2016 \(protokollet anger ingen ordning inom terminen\): enkät till folkbiblioteken /);
    expect(firstLine('What was the last thing we did?', 'en')).toMatch(/^Last, in spring 2018 \(the record gives no order within the term\): a visit and conversation at Bibblerian/);
  });

  it('"names no one" is said once, and a quoted line keeps one full stop', () => {
    const line = firstLine('Hur många personer träffade vi våren 2017?', 'sv');
    expect(line.match(/nämner inga namn/g)).toHaveLength(1);
    expect(line).toContain('Inga namn heller i ”Våren 2017: Studiebesök på Digidelcenter');
    expect(line.endsWith('osv)”.')).toBe(true);
  });

  it('a month the record dates nothing to says that the entries are dated by term', () => {
    expect(firstLine('Vad hände i mars 2017?', 'sv')).toMatch(/^Protokollet anger bara terminen för detta, inte mars 2017: 10 aktiviteter\. /);
    expect(firstLine('What happened in October 2016?', 'en')).toMatch(/^The record gives only the term for these, not October 2016: 2 activities\. /);
    // September 2017 has entries of its own (the conversations at Storforsen): no such note.
    expect(firstLine('Vad hände i september 2017?', 'sv')).toMatch(/^3 aktiviteter\. /);
  });
});

describe('more of what a team member asks', () => {
  it('"vilka var med" asks who, and the record says whom it names', () => {
    expect(firstLine('Vilka var med på studieresan?', 'sv')).toMatch(/^Protokollet nämner inga namn: ”Hösten 2017: Studieresa till DigidelCenter på Motala bibliotek, tillsammans med biblioteksanställda i länet”\.$/);
  });

  it('the last time we were somewhere is the last time we were there, not the last mention', () => {
    expect(firstLine('När var vi senast i Motala?', 'sv')).toBe('Senast, hösten 2017: studieresa till DigidelCenter på Motala bibliotek.');
  });

  it('a count asked in a misspelt or unaccented word is worded in the record\'s spelling', () => {
    expect(firstLine('Hur många telefonintevjuer gjorde vi?', 'sv')).toMatch(/^3 telefonintervjuer: /);
    expect(firstLine('Hur många studiebesok gjorde vi?', 'sv')).toMatch(/^6 studiebesök: /);
  });

  it('a yes/no question opening with another verb still gets its ja or nej', () => {
    expect(firstLine('Reste vi till Sundsvall?', 'sv')).toMatch(/^Ja: ett studiebesök på Digidelcenter, Sundsvalls stadsbibliotek/);
    expect(firstLine('Skickade vi ut en enkät?', 'sv')).toMatch(/^Ja: en enkät till folkbiblioteken i Stockholms län \(våren 2016\)\.$/);
  });

  it('a month a first or last falls in is a month, not a term', () => {
    expect(firstLine('Vad var det sista vi gjorde 2017?', 'sv')).toMatch(/^Senast, september 2017 \(protokollet anger ingen ordning inom månaden\): /);
  });

  it('the last time somewhere we never were says so, then what the record has there', () => {
    expect(firstLine('När var vi senast i Västerbotten?', 'sv')).toMatch(
      /^Inget besök i Västerbottens län enligt protokollet, men 2 andra kontakter: telefonintervju med Digitala servicecenter Västerbotten /,
    );
  });

  it('"vilka kontaktade vi" asks whom, "via" is no search word', () => {
    expect(firstLine('Vilka kontaktade vi via telefon?', 'sv')).toMatch(/^Julia Larsson, projektledare – Digidelcenter Motala bibliotek; Rebecca Eriksson/);
  });

  it('where a conversation was is where it was held, and "var var" asks where', () => {
    expect(firstLine('Var var konferensen 2017?', 'sv')).toBe('Storforsen (Älvsbyn, Norrbottens län).');
    expect(firstLine('Where was the 2017 conference?', 'en')).toBe('Storforsen (Älvsbyn, Norrbottens län).');
  });

  it('a role the record names no one for is its holder in a sentence', () => {
    expect(firstLine('Vilka träffade vi i Malmö?', 'sv')).toBe('Protokollet nämner inga namn, bara samordnaren på Lärcentrum, Malmö stadsbibliotek (besök, våren 2017).');
    expect(firstLine('Who did we meet in Malmö?', 'en')).toBe('The record names no one, only the coordinator at Lärcentrum, Malmö stadsbibliotek (visit, spring 2017).');
  });

  it('a count of people says the one the record gives only a role for, not organisations', () => {
    expect(firstLine('Hur många personer pratade vi med?', 'sv')).toBe(
      '3 personer: Julia Larsson, Rebecca Eriksson och Petter Stjernstedt. Utan namn nämns också samordnaren på Lärcentrum, Malmö stadsbibliotek.',
    );
    expect(firstLine('Hur många personer ringde vi 2017?', 'sv')).toBe('3 personer (2017): Julia Larsson, Rebecca Eriksson och Petter Stjernstedt.');
  });

  it('travelling is going there', () => {
    expect(firstLine('Hur många resor gjorde vi 2018?', 'sv')).toBe('1 besök (2018): besök på Bibblerian i Hässelby gård (våren 2018).');
    expect(firstLine('How many times did we travel to Sundsvall in 2018?', 'en')).toMatch(/^No visit in Sundsvall in 2018 according to the record, but 1 visit at other times: a study visit /);
  });

  it('people asked where those entries never name anyone: none then, and whom the record names', () => {
    expect(firstLine('Hur många personer mejlade vi våren 2017?', 'sv')).toMatch(
      /^Ingen mejlkontakt under våren 2017 enligt protokollet, bara vid andra tider\. Protokollet nämner inga namn, bara Blackebergs bibliotek/,
    );
  });

  it('a yes or no for two places says, for each no, what there was none of and when', () => {
    expect(firstLine('Besökte vi Nykvarn eller Huddinge 2018?', 'sv')).toBe('Nykvarn: nej, inget besök under 2018. Huddinge: nej, inget besök under 2018.');
    expect(firstLine('Did we visit Nykvarn or Huddinge in 2018?', 'en')).toBe('Nykvarn: no visit in 2018. Huddinge: no visit in 2018.');
    expect(firstLine('Ringde vi Motala eller Sundsvall hösten 2017?', 'sv')).toBe('Motala: nej, ingen telefonkontakt under hösten 2017. Sundsvall: nej, ingen telefonkontakt under hösten 2017.');
    expect(firstLine('Did we visit Nykvarn or Luleå?', 'en')).toMatch(/^Nykvarn: yes – a visit .*\. Luleå: no activity there\.$/);
  });
});
