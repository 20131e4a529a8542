/**
 * The second benchmark generator: the real record grown by varied copies of its own entries. Each copy keeps an
 * entry's shape and wording (kind, sentence, people with or without names, one or two places, organisations named
 * only in the text) and swaps what varies between activities: the municipality (any of Sweden's 290) and its county,
 * invented district and library names, people, a topic sentence of Swedish words, and the period (another year, the
 * other season, another month). Names are many, as in real data: about ten thousand distinct places at 100,000
 * entries, where generate.ts has a few hundred.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Entry, Period, RecordFile } from '../src/data/schema.js';
import { parseRecord } from '../src/data/load.js';
import { random } from './generate.js';

interface SwedenFile {
  counties: { code: string; name: string; short: string; aliases?: string[] }[];
  municipalities: { name: string; county: string }[];
}

const dataFile = (name: string) => fileURLToPath(new URL(`../data/${name}`, import.meta.url));
export const realRecord = (): RecordFile => parseRecord(JSON.parse(readFileSync(dataFile('activities.json'), 'utf8')), 'data/activities.json');
export const swedenFile = (): SwedenFile => JSON.parse(readFileSync(dataFile('sweden.json'), 'utf8')) as SwedenFile;

// Invented names: parts of Swedish place names, put together (Björkbacken, Sjövik, Norrängen).
const NAME_HEADS = ['Norr', 'Söder', 'Väster', 'Öster', 'Ek', 'Björk', 'Sjö', 'Berg', 'Lin', 'Ås', 'Hag', 'Mal', 'Fors', 'Strand', 'Dal', 'Vik', 'Hol', 'Sand', 'Kvarn', 'Lund', 'Gran', 'Al', 'Tall', 'Äng', 'Mo', 'Rönn', 'Hav', 'Kyrk', 'Torg', 'Bro'];
const NAME_TAILS = ['backen', 'gården', 'by', 'torp', 'vik', 'dal', 'hem', 'näs', 'berga', 'sta', 'ängen', 'holm', 'skogen', 'slätt', 'lunda', 'hult'];
const LIBRARY_NAMES = ['Bibblerian', 'Läsboet', 'Boklådan', 'Kunskapshuset', 'Teknikpunkten', 'Kulturmagasinet', 'Medborgarhuset', 'Språkpunkten', 'Lärhuset', 'Idéhuset'];
const FIRST = ['Julia', 'Rebecca', 'Petter', 'Anna', 'Erik', 'Maria', 'Johan', 'Karin', 'Lars', 'Sara', 'Mikael', 'Eva', 'Anders', 'Lena', 'Per', 'Emma', 'Oskar', 'Ingrid', 'Ali', 'Fatima', 'Björn', 'Åsa', 'Göran', 'Linnéa', 'Tove', 'Jonas', 'Elin', 'Hanna', 'Magnus', 'Sofia', 'Amir', 'Leila', 'Nils', 'Maja', 'Zeynep', 'Olle', 'Siri', 'Kerstin', 'Hampus', 'Ebba'];
const LAST = ['Larsson', 'Eriksson', 'Stjernstedt', 'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Lindberg', 'Lindqvist', 'Åberg', 'Öberg', 'Björk', 'Holm', 'Sjöberg', 'Wallin', 'Engström', 'Lundgren', 'Hassan', 'Mohammed', 'Nyström', 'Bergström', 'Sandberg', 'Forsberg', 'Håkansson', 'Ek', 'Axelsson', 'Sundqvist', 'Falk', 'Blom', 'Hedlund', 'Yilmaz', 'Ström', 'Lindholm', 'Dahl', 'Norén'];
const ROLES = ['projektledare', 'projektsamordnare', 'samordnare', 'bibliotekschef', 'enhetschef', 'bibliotekarie', 'utvecklingsledare', 'verksamhetsutvecklare', 'IT-pedagog', 'kommunikatör', 'länsbibliotekarie', 'regionutvecklare'];
const TOPICS = ['digital kompetens', 'medborgarservice', 'digital delaktighet', 'lärcentrum', 'folkbildning', 'meröppet bibliotek', 'språkcafé', 'läsfrämjande', 'e-tjänster', 'källkritik', 'integration', 'samverkan', 'biblioteksplan', 'programverksamhet', 'digitalt utanförskap', 'nyanlända', 'seniorer', 'studieförbund', 'kundcenter', 'medborgarkontor', 'Digidel', 'bokcirklar', 'läxhjälp', 'mobilt bibliotek', 'skolbibliotek'];
const SENTENCES = [
  'Personalen berättade om arbetet med {t} och hur besökarna tog emot det.',
  'Vi pratade om {t} och om samarbetet med kommunens andra verksamheter.',
  'Biblioteket har byggt upp {t} tillsammans med studieförbunden i kommunen.',
  'Samtalet handlade om {t}, om lokalerna och om vilka som kommer dit.',
  'De lyfte behovet av mer kunskap om {t} bland bibliotekarierna.',
  'Mötet gav idéer om hur {t} kan utvecklas på fler bibliotek i länet.',
];
const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const capital = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;
const pad = (m: number) => String(m).padStart(2, '0');
const slug = (s: string) => s.normalize('NFD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/[^a-z0-9-]/gi, '').toLowerCase().replace(/^-+|-+$/g, '');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces every key of `swaps` in the text at once, longest first, so no replacement is replaced again. */
function swapAll(text: string, swaps: Map<string, string>): string {
  if (swaps.size === 0) return text;
  const keys = [...swaps.keys()].sort((a, b) => b.length - a.length).map(escape);
  return text.replace(new RegExp(keys.join('|'), 'g'), (m) => swaps.get(m)!);
}

/** A new period of the same shape (a season, a month, a span of two seasons) and its label, as the record writes it. */
function newPeriod(old: Period, r: () => number): { period: Period; swaps: [string, string][] } {
  const year = 2008 + Math.floor(r() * 18);
  const oldYear = Number(old.start.slice(0, 4));
  const swaps: [string, string][] = [];
  const startMonth = Number(old.start.slice(5));
  const endMonth = Number(old.end.slice(5));
  let period: Period;
  if (old.start === old.end) {
    const m = 1 + Math.floor(r() * 12);
    period = { label: `${capital(MONTHS[m - 1]!)} ${year}`, start: `${year}-${pad(m)}`, end: `${year}-${pad(m)}` };
    swaps.push([capital(MONTHS[startMonth - 1]!), capital(MONTHS[m - 1]!)], [MONTHS[startMonth - 1]!, MONTHS[m - 1]!]);
  } else if (old.end.slice(0, 4) !== old.start.slice(0, 4)) {
    period = { label: `Hösten ${year}-våren ${year + 1}`, start: `${year}-07`, end: `${year + 1}-06` };
    swaps.push([String(oldYear + 1), String(year + 1)]);
  } else {
    const spring = r() < 0.5;
    period = spring ? { label: `Våren ${year}`, start: `${year}-01`, end: `${year}-06` } : { label: `Hösten ${year}`, start: `${year}-07`, end: `${year}-12` };
    const wasSpring = startMonth === 1 && endMonth === 6;
    if (wasSpring !== spring) {
      const [from, to] = wasSpring ? ['Våren', 'Hösten'] : ['Hösten', 'Våren'];
      swaps.push([from, to], [from.toLowerCase(), to.toLowerCase()], wasSpring ? ['spring', 'autumn'] : ['autumn', 'spring']);
    }
  }
  swaps.push([String(oldYear), String(year)]);
  return { period, swaps };
}

/** `count` varied copies of the real record's entries (the originals first), schema-valid, fixed seed. */
export function replicateRecord(count: number, seed = 42): RecordFile {
  const real = realRecord();
  const sweden = swedenFile();
  const countyOf = new Map(sweden.counties.map((c) => [c.code, c]));
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  // Each municipality has a few districts of its own, so district names repeat across the record like real ones.
  const districtsOf = new Map<string, string[]>();
  const districts = (muni: string) => {
    let list = districtsOf.get(muni);
    if (!list) {
      list = Array.from({ length: 6 + Math.floor(r() * 12) }, () => `${pick(NAME_HEADS)}${pick(NAME_TAILS)}`);
      districtsOf.set(muni, list);
    }
    return list;
  };
  const realCounty = (name: string) => sweden.counties.find((c) => c.name === name)!;

  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const template = real.entries[i % real.entries.length]!;
    if (i < real.entries.length) {
      entries.push(template);
      continue;
    }
    const swaps = new Map<string, string>();
    const swap = (from: string | null | undefined, to: string) => {
      if (from && !swaps.has(from)) swaps.set(from, to);
    };
    const { period, swaps: periodSwaps } = newPeriod(template.period, r);
    for (const [from, to] of periodSwaps) swap(from, to);

    for (const place of template.places) {
      const m = pick(sweden.municipalities);
      const county = countyOf.get(m.county)!;
      const old = realCounty(place.county);
      // The municipality before the county's short name: "Stockholm" is both, and the town is the likelier reading.
      if (place.municipality) swap(place.municipality, m.name);
      swap(place.county, county.name);
      swap(old.short, county.short);
      for (const alias of old.aliases ?? []) swap(alias, county.aliases?.[0] ?? `${county.short} County`);
      if (place.district) swap(place.district, pick(districts(m.name)));
      // A library named for itself ("Bibblerian", "Storforsen") gets another invented name.
      const own = place.name.split(' ')[0]!;
      if (!swaps.has(own) && !/bibliotek|län$/i.test(place.name) && own !== place.municipality && own !== place.district) swap(own, r() < 0.5 ? pick(LIBRARY_NAMES) : `${pick(NAME_HEADS)}${pick(NAME_TAILS)}`);
    }
    for (const person of template.people) {
      if (!person.name) continue;
      const [first, last] = person.name.split(' ');
      swap(first, pick(FIRST));
      swap(last, pick(LAST));
    }
    const topic = pick(TOPICS);
    const role = pick(ROLES);
    const s = (text: string) => swapAll(text, swaps);
    const places = template.places.map((p) => {
      const county = s(p.county);
      return { ...p, name: s(p.name), municipality: p.municipality && s(p.municipality), county, ...(p.district ? { district: s(p.district) } : {}) };
    });
    const people = template.people.map((p) => ({ name: p.name && s(p.name), role: p.role === null ? null : r() < 0.5 ? p.role : role, organisation: s(p.organisation) }));
    const extra = r() < 0.7 ? ` ${pick(SENTENCES).replace('{t}', topic)}` : '';
    entries.push({
      id: `${slug(template.id)}-r${i}`,
      kind: template.kind,
      period: { ...period, label: period.label },
      section: template.section,
      title: s(template.title).slice(0, 200),
      summary: s(template.summary),
      places,
      organisations: template.organisations.map(s),
      topics: [...template.topics.map(s).slice(0, 2), topic],
      people,
      source: `${s(template.source)}${extra}`,
    });
  }
  return { record: { title: `${real.record.title} (utökat till ${count} aktiviteter)`, sections: real.record.sections }, entries };
}
