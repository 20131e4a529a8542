/** The benchmark's query mix, drawn from the generator's vocabulary with a fixed seed. */
import { fold } from '../src/search/text.js';
import { MUNICIPALITIES, random } from './generate.js';

const DISTRICTS = ['Hässelby gård', 'Skärholmen', 'Älvsjö', 'Blackeberg', 'Skogås', 'Vårsta', 'Rosengård'];
const NAMES = ['Julia Larsson', 'Rebecca Eriksson', 'Petter Stjernstedt', 'Åsa Öberg', 'Göran Sjöberg', 'Linnéa Håkansson', 'Anna Lindqvist'];
const ROLES = ['projektledare', 'projektsamordnare', 'samordnare', 'bibliotekschef', 'project lead', 'coordinator'];
const TOPICS = ['medborgarservice', 'digital kompetens', 'lärcentrum', 'språkcafé', 'källkritik', 'folkbildning', 'citizen service', 'bibliotek', 'workshopar', 'studiebesök'];
const PERIODS = ['våren 2017', '2019', 'september 2015', 'hösten 2012-våren 2013', 'spring 2020', 'autumn 2016', '2014–2016', 'mars 2021', 'fall 2011'];

export type Path = 'visit' | 'contact' | 'timeline' | 'search' | 'ask' | 'autocomplete';
export interface Query {
  path: Path;
  text: string;
  /** For autocomplete: which option. */
  field?: 'place' | 'who' | 'period' | 'title';
}

/** Misspell a word: drop, double or swap a letter. */
export function typo(word: string, r: () => number): string {
  if (word.length < 5) return word;
  const i = 1 + Math.floor(r() * (word.length - 2));
  const kind = Math.floor(r() * 3);
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 1) return word.slice(0, i) + word[i] + word.slice(i);
  return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
}

export function queryMix(perPath: number, seed = 7): Query[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const place = () => {
    const m = pick(MUNICIPALITIES)[0];
    const v = r();
    return v < 0.35 ? m : v < 0.55 ? fold(m) : v < 0.75 ? typo(m, r) : v < 0.9 ? pick(DISTRICTS) : pick(MUNICIPALITIES)[1];
  };
  const make: Record<Path, () => Query> = {
    visit: () => ({ path: 'visit', text: place() }),
    contact: () => {
      const v = r();
      const text = v < 0.3 ? pick(NAMES) : v < 0.5 ? pick(NAMES).split(' ')[1]! : v < 0.7 ? pick(ROLES) : v < 0.85 ? `${pick(ROLES)} ${pick(MUNICIPALITIES)[0]}` : typo(pick(NAMES), r);
      return { path: 'contact', text };
    },
    timeline: () => ({ path: 'timeline', text: pick(PERIODS) }),
    search: () => {
      const v = r();
      const text =
        v < 0.25 ? pick(TOPICS) : v < 0.45 ? `${pick(TOPICS)} ${pick(MUNICIPALITIES)[0]}` : v < 0.6 ? typo(pick(TOPICS), r) : v < 0.75 ? fold(`${pick(TOPICS)} ${place()}`) : v < 0.9 ? `${pick(TOPICS)} ${pick(PERIODS)}` : place();
      return { path: 'search', text };
    },
    ask: () => {
      const v = r();
      const text =
        v < 0.3 ? `När besökte vi ${place()}?` : v < 0.5 ? `Who was the project lead in ${pick(MUNICIPALITIES)[0]}?` : v < 0.7 ? `Vad gjorde vi ${pick(PERIODS)}?` : v < 0.85 ? `Vem är ${pick(NAMES)}?` : `Did we work on ${pick(TOPICS)}?`;
      return { path: 'ask', text };
    },
    autocomplete: () => {
      const field = pick(['place', 'who', 'period', 'title'] as const);
      const source = field === 'place' ? place() : field === 'who' ? pick([...NAMES, ...ROLES]) : field === 'period' ? pick(PERIODS) : `${pick(['Studiebesök', 'Telefonintervju', 'Workshopar', 'Besök'])} ${pick(MUNICIPALITIES)[0]}`;
      const len = Math.floor(r() * 6); // 0..5 letters: empty, one letter, and 3–5-letter prefixes
      return { path: 'autocomplete', field, text: source.slice(0, len) };
    },
  };
  const out: Query[] = [];
  for (const path of Object.keys(make) as Path[]) for (let i = 0; i < perPath; i++) out.push(make[path]());
  return out;
}
