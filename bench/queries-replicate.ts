/**
 * The query mix for replicate.ts's records, drawn (fixed seed) from the generated record's own names and from the
 * real question set: places at every level and as people type them (unaccented, misspelt, English, a place that
 * is nowhere, a very long one), people, roles, periods, free text, and /ask questions in both languages — the
 * question set's own questions with their places and people swapped for the generated ones.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RecordFile } from '../src/data/schema.js';
import { fold } from '../src/search/text.js';
import { random } from './generate.js';
import { type Path, type Query, typo } from './queries.js';

const QUESTIONS = (JSON.parse(readFileSync(fileURLToPath(new URL('../test/fixtures/questions.json', import.meta.url)), 'utf8')) as { questions: { q: string }[] }).questions.map((q) => q.q);
// The real record's names that its questions use; each is swapped for a generated name of the same level.
const REAL_MUNICIPALITIES = /\b(Motala|Nykvarn|Sundsvall|Härnösand|Malmö|Botkyrka|Huddinge|Nacka|Göteborg|Kiruna|Luleå)\b/g;
const REAL_DISTRICTS = /\b(Vårsta|Älvsjö|Blackeberg|Skogås|Skärholmen|Hässelby gård|Hässelby)\b/g;
const REAL_PEOPLE = /\b(Julia Larsson|Rebecca Eriksson|Petter Stjernstedt)\b/g;
const TOPICS = ['medborgarservice', 'digital kompetens', 'lärcentrum', 'språkcafé', 'källkritik', 'folkbildning', 'citizen service', 'digital inclusion', 'bibliotek', 'workshopar', 'studiebesök', 'library staff', 'bibblan', 'läxhjälp', 'samverkan', 'job centre'];
const PERIODS = ['våren 2017', '2019', 'september 2015', 'hösten 2012-våren 2013', 'spring 2020', 'autumn 2016', '2014–2016', 'mars 2021', 'fall 2011', '2010', 'hösten 2024'];
const ROLES = ['projektledare', 'projektsamordnare', 'samordnare', 'bibliotekschef', 'project lead', 'coordinator', 'librarian'];
const NOWHERE = ['Atlantis', 'Xyzzyby', 'Gondor', 'Springfield'];
const LONG_PLACE = 'Stadsbiblioteket och medborgarkontoret vid torget i centrum av den lilla staden långt norr om polcirkeln';

export function replicateQueryMix(record: RecordFile, perPath: number, seed = 7): Query[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const sample = () => record.entries[Math.floor(r() * record.entries.length)]!;
  const municipality = () => {
    for (;;) {
      const m = pick(sample().places).municipality;
      if (m) return m;
    }
  };
  const district = () => {
    for (let tries = 0; tries < 50; tries++) {
      const d = pick(sample().places).district;
      if (d) return d;
    }
    return municipality();
  };
  const person = () => {
    for (;;) {
      const name = sample().people.find((p) => p.name)?.name;
      if (name) return name;
    }
  };
  const place = () => {
    const v = r();
    const e = sample();
    const p = pick(e.places);
    if (v < 0.25) return municipality();
    if (v < 0.35) return fold(municipality());
    if (v < 0.5) return typo(municipality(), r);
    if (v < 0.62) return district();
    if (v < 0.72) return p.name;
    if (v < 0.8) return p.county;
    if (v < 0.85) return `${p.county.replace(/s? län$/, '')} County`;
    if (v < 0.9) return `stadsbibblan i ${municipality()}`;
    if (v < 0.97) return pick(NOWHERE);
    return LONG_PLACE;
  };
  const question = () => {
    const v = r();
    if (v < 0.05) return `${pick(QUESTIONS)} ${pick(QUESTIONS)} ${pick(QUESTIONS)} ${pick(QUESTIONS)} ${pick(QUESTIONS)}`.slice(0, 490);
    const q = pick(QUESTIONS).replace(REAL_MUNICIPALITIES, () => municipality()).replace(REAL_DISTRICTS, () => district()).replace(REAL_PEOPLE, () => person());
    return v < 0.2 ? fold(q) : v < 0.3 ? q.replace(/\b(\p{L}{6,})\b/u, (w) => typo(w, r)) : q;
  };
  const make: Record<Path, () => Query> = {
    visit: () => ({ path: 'visit', text: place() }),
    contact: () => {
      const v = r();
      const text =
        v < 0.3 ? person() : v < 0.45 ? person().split(' ')[1]! : v < 0.6 ? pick(ROLES) : v < 0.75 ? `${pick(ROLES)} ${municipality()}` : v < 0.85 ? typo(person(), r) : v < 0.92 ? `${municipality()} kommun` : 'bibliotek';
      return { path: 'contact', text };
    },
    timeline: () => ({ path: 'timeline', text: pick(PERIODS) }),
    search: () => {
      const v = r();
      const text =
        v < 0.25 ? pick(TOPICS) : v < 0.4 ? `${pick(TOPICS)} ${municipality()}` : v < 0.5 ? typo(pick(TOPICS), r) : v < 0.6 ? fold(`${pick(TOPICS)} ${place()}`) : v < 0.7 ? `${pick(TOPICS)} ${pick(PERIODS)}` : v < 0.8 ? person() : v < 0.9 ? place() : sample().title;
      return { path: 'search', text };
    },
    ask: () => ({ path: 'ask', text: question() }),
    autocomplete: () => {
      const field = pick(['place', 'who', 'period', 'title'] as const);
      const v = r();
      const source = v < 0.1 ? pick(['x', 'q', 'zz', 'ü', 'å']) : field === 'place' ? place() : field === 'who' ? pick([person(), pick(ROLES)]) : field === 'period' ? pick(PERIODS) : sample().title;
      const len = Math.floor(r() * 6); // 0..5 letters: empty, one letter, and 3–5-letter prefixes
      return { path: 'autocomplete', field, text: source.slice(0, Math.max(len, v < 0.1 ? 1 : 0)) };
    },
  };
  const out: Query[] = [];
  for (const path of Object.keys(make) as Path[]) for (let i = 0; i < perPath; i++) out.push(make[path]());
  return out;
}
