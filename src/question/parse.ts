import type { Kind } from '../data/schema.js';
import type { RecordIndex } from '../search/engine.js';
import { type MonthSpan, readPeriod, isUnsupported, type UnsupportedKind } from '../search/period.js';
import { isGenericWord, type PlaceName } from '../search/places.js';
import { sweden, type SwedishPlace } from '../search/sweden.js';
import { fold, STOPWORDS, words } from '../search/text.js';
import {
  BEING_CUES,
  FILLER,
  KIND_CUES,
  NEGATIONS,
  PROJECT_LAST_AUTUMN,
  PROJECT_LAST_SPRING,
  PROJECT_START,
  type Shape,
  SHAPE_CUES,
  type Unit,
  UNIT_CUES,
  VERB_CUES,
  BEING_KINDS,
  BEING_VERBS,
  YES_NO_STARTS,
} from './vocabulary.js';

/** A place the question names: the record's places it covers, and how the question wrote it. */
export interface PlaceConstraint {
  /** As written in the question. */
  text: string;
  /** As the record or Sweden's gazetteer writes it ("Älvsjö bibliotek", "Norrland"): what answers and readings say. */
  label: string;
  /** The record's place names it covers (empty: a Swedish place where the record has no activity). */
  places: PlaceName[];
  /** The Swedish place it names, when it is one (a municipality, county or land). */
  sweden?: SwedishPlace;
}

/** A question read into its parts. Everything in it is applied together as a filter (see select.ts). */
export interface Question {
  text: string;
  shape: Shape;
  /** The period asked about, as months, with how it was named; `unsupported` when it was a summer or a quarter. */
  period: (MonthSpan & { named: string }) | null;
  unsupportedPeriod: UnsupportedKind | null;
  /** The kinds the question's verbs and nouns name (null: any). */
  kinds: Kind[] | null;
  /** The noun the kinds came from, as typed ("studiebesök"), for a count's "what was counted". */
  kindNoun: string | null;
  /** Whether the kinds came only from verbs ("besökte") rather than naming an activity ("workshoparna"). */
  kindsFromVerb: boolean;
  /** Asked where we have been ("har vi varit i", "åkte", "went"): a conversation counts where it was held. */
  being: boolean;
  places: PlaceConstraint[];
  excluded: PlaceConstraint[];
  /** What a list or count is of, when not the activities themselves ("vilka län", "how many people"). */
  unit: Unit | null;
  /** The word the count or list was asked for in, as typed ("studiebesök", "gånger"). */
  unitWord: string | null;
  /** Words left after everything above: searched as text (names, organisations, topics). */
  terms: string[];
  /** Those of the terms written as names (capitalised, not opening the question): a miss is said, not ignored. */
  nameTerms: string[];
}

interface Token {
  raw: string;
  folded: string;
  used: boolean;
}

const tokensOf = (text: string): Token[] => words(text.normalize('NFC')).map((raw) => ({ raw, folded: fold(raw), used: false }));
const phraseWords = (phrase: string) => words(fold(phrase));

/** Where a phrase (folded words) starts among the tokens, from `from`; -1 when it is not there. */
function find(tokens: Token[], phrase: string[], from = 0, unusedOnly = true): number {
  outer: for (let i = from; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      const t = tokens[i + j]!;
      if (t.folded !== phrase[j] || (unusedOnly && t.used)) continue outer;
    }
    return i;
  }
  return -1;
}

const use = (tokens: Token[], start: number, length: number) => {
  for (let i = start; i < start + length; i++) tokens[i]!.used = true;
};

/** Phrases longest first, so "study visit" wins over "visit". */
const byLength = <T>(list: readonly [string, T][]) =>
  list.map(([phrase, value]) => [phraseWords(phrase), value] as const).sort((a, b) => b[0].length - a[0].length);
const KIND_PHRASES = byLength(KIND_CUES);
const UNIT_PHRASES = byLength(UNIT_CUES);
const SHAPES = SHAPE_CUES.map(([shape, cues]) => [shape, cues.map(phraseWords).sort((a, b) => b.length - a.length)] as const);
const YES_NO = YES_NO_STARTS.map(phraseWords);
const NEGATION_PHRASES = NEGATIONS.map(phraseWords).sort((a, b) => b.length - a.length);
const BEING = BEING_CUES.map(phraseWords);
// Words in front of a question that say nothing about it: "snälla, hur …", "Du, när …", "Just wondering, did …".
const OPENERS = new Set(['snalla', 'du', 'hej', 'hey', 'just', 'wondering', 'so', 'ok', 'okej', 'alltsa', 'please']);

function shapeOf(tokens: Token[]): Shape {
  let first = 0;
  while (first < tokens.length && OPENERS.has(tokens[first]!.folded)) first++;
  const opening = tokens.slice(first).map((t) => t.folded);
  const starts = (phrase: string[]) => phrase.every((w, i) => opening[i] === w);
  // "Var vi i Göteborg?" asks yes or no; "Var ligger …?" asks where (a where-cue is longer than "var vi").
  const yesNo = YES_NO.some(starts);
  for (const [shape, cues] of SHAPES) {
    for (const cue of cues) {
      const at = find(tokens, cue, 0, false);
      if (at < 0) continue;
      if (yesNo && (shape === 'which' || shape === 'where')) continue;
      // "var" opens where-questions only at the start; "the last spring of the project" is a period, not "last".
      if (shape === 'where' && cue[0] === 'var' && at !== first) continue;
      if ((shape === 'first' || shape === 'last') && tokens[at]!.used) continue;
      if (yesNo && shape !== 'how-many' && shape !== 'first' && shape !== 'last') continue;
      return shape;
    }
  }
  return yesNo ? 'yes-no' : 'which';
}

/** The record's first and last seasons, for "i början av projektet" and "the last spring of the project". */
function projectPeriod(tokens: Token[], index: RecordIndex): (MonthSpan & { named: string }) | null {
  const entries = index.chronological;
  if (entries.length === 0) return null;
  const firstStart = entries[0]!.period.start;
  // Date order: the last entry starts last.
  const lastStart = entries.at(-1)!.period.start;
  const season = (ym: string, spring: boolean) => {
    const year = Number(ym.slice(0, 4));
    return spring ? { start: `${year}-01`, end: `${year}-06` } : { start: `${year}-07`, end: `${year}-12` };
  };
  const cases: [string[], () => MonthSpan][] = [
    ...PROJECT_START.map((p): [string[], () => MonthSpan] => [phraseWords(p), () => season(firstStart, Number(firstStart.slice(5)) <= 6)]),
    ...PROJECT_LAST_SPRING.map((p): [string[], () => MonthSpan] => [phraseWords(p), () => {
      const y = Number(lastStart.slice(0, 4));
      return season(`${y}-01`, true);
    }]),
    ...PROJECT_LAST_AUTUMN.map((p): [string[], () => MonthSpan] => [phraseWords(p), () => {
      const y = Number(lastStart.slice(0, 4));
      return season(Number(lastStart.slice(5)) >= 7 ? `${y}-07` : `${y - 1}-07`, false);
    }]),
  ];
  for (const [phrase, span] of cases.sort((a, b) => b[0].length - a[0].length)) {
    const at = find(tokens, phrase);
    if (at >= 0) {
      use(tokens, at, phrase.length);
      return { ...span(), named: tokens.slice(at, at + phrase.length).map((t) => t.raw).join(' ') };
    }
  }
  return null;
}

/** The record's places one word of a question names: exactly, or a typo of a name when the word is long enough. */
function oneWordPlace(index: RecordIndex, phrase: string, token: Token): PlaceName[] | null {
  const match = index.places.resolve(phrase);
  // A typo ("Motla") or a name cut short ("sundsval") counts only in words long enough not to be other words.
  const ok =
    match &&
    (match.quality === 'exact' ||
      (match.quality === 'fuzzy' && token.folded.length >= 5) ||
      (match.quality === 'prefix' && token.folded.length >= 6 && !FILLER.has(token.folded) && !isGenericWord(token.folded)));
  return ok ? match.places : null;
}

/** Places named in the question: Swedish places (with their words' positions), then the record's own names. */
function placesIn(tokens: Token[], index: RecordIndex): { at: number; length: number; constraint: PlaceConstraint }[] {
  const found: { at: number; length: number; constraint: PlaceConstraint }[] = [];
  // The record's own names: libraries, districts, organisations ("Bibblerian", "Hässelby gård", "Lärcentrum"),
  // several words first, so "Länsbibliotek Västerbotten" is the organisation, not the county.
  const recordNames = (sizes: number[]) => {
    for (const n of sizes) {
      for (let i = 0; i + n <= tokens.length; i++) {
        const span = tokens.slice(i, i + n);
        if (span.some((t) => t.used)) continue;
        if (FILLER.has(span[0]!.folded) || FILLER.has(span[n - 1]!.folded) || STOPWORDS.has(span[0]!.folded)) continue;
        const phrase = span.map((t) => t.raw).join(' ');
        if (n === 1 && (span[0]!.folded.length < 4 || /^\d+$/.test(span[0]!.folded))) continue;
        // Several words must be a name as a whole ("Hässelby gård"), not words around one ("touch with Skärholmen"):
        // one map lookup per phrase. A single word may also be a typo of a name, or a name cut short.
        const places = n > 1 ? index.places.named(phrase) : oneWordPlace(index, phrase, span[0]!);
        if (!places || places.length === 0) continue;
        found.push({ at: i, length: n, constraint: { text: phrase, label: places[0]!.label, places } });
        use(tokens, i, n);
      }
    }
  };
  recordNames([4, 3, 2]);
  // "i länet", "in the county": the record's own county, where the project worked (Stockholms län).
  for (const phrase of [['lanet'], ['the', 'county'], ['our', 'county']]) {
    const at = find(tokens, phrase);
    const home = index.places.resolve('Stockholms län');
    if (at < 0 || !home) continue;
    found.push({ at, length: phrase.length, constraint: { text: tokens.slice(at, at + phrase.length).map((t) => t.raw).join(' '), label: 'Stockholms län', places: home.places } });
    use(tokens, at, phrase.length);
  }
  const text = tokens.map((t) => t.raw).join(' ');
  for (const m of sweden().mentions(text)) {
    if (tokens.slice(m.start, m.end).some((t) => t.used)) continue;
    // "are" is Åre and "vara" Vara only when written as names, not as the words of the question.
    const only = m.end - m.start === 1 ? tokens[m.start]! : null;
    if (only && (FILLER.has(only.folded) || STOPWORDS.has(only.folded)) && !/^\p{Lu}/u.test(only.raw)) continue;
    const raw = tokens.slice(m.start, m.end).map((t) => t.raw).join(' ');
    const lookup = index.places.lookup(raw);
    const places = lookup.status === 'found' ? lookup.match.places : [];
    found.push({ at: m.start, length: m.end - m.start, constraint: { text: raw, label: m.place.name, places, sweden: m.place } });
    use(tokens, m.start, m.end - m.start);
  }
  recordNames([1]);
  found.sort((a, b) => a.at - b.at);
  // "Lärcentrum i Malmö", "Digidelcenter i Motala": a place right after "i"/"in" narrows the one before it.
  const merged: typeof found = [];
  for (const f of found) {
    const last = merged.at(-1);
    if (last && f.at === last.at + last.length + 1 && ['i', 'in', 'pa', 'at', 'vid'].includes(tokens[f.at - 1]!.folded)) {
      const inner = new Set(f.constraint.places.flatMap((p) => p.entries));
      const narrowed = last.constraint.places
        .map((p) => ({ ...p, entries: p.entries.filter((e) => inner.has(e)) }))
        .filter((p) => p.entries.length > 0);
      const joined = `${last.constraint.text} ${tokens[f.at - 1]!.raw} ${f.constraint.text}`;
      last.constraint = { text: joined, label: `${last.constraint.label} ${tokens[f.at - 1]!.raw} ${f.constraint.label}`, places: narrowed, sweden: last.constraint.sweden };
      last.length = f.at + f.length - last.at;
    } else merged.push(f);
  }
  return merged;
}

/** Reads a question, Swedish or English, into its parts. Pure: the record is only read. */
export function parseQuestion(text: string, index: RecordIndex): Question {
  const tokens = tokensOf(text);

  // Periods first: "den sista våren i projektet" must not read as "last".
  let period = projectPeriod(tokens, index);
  let unsupportedPeriod: UnsupportedKind | null = null;
  if (!period) {
    const read = readPeriod(text);
    if (read) {
      const named = phraseWords(read.matched);
      const at = find(tokens, named);
      if (at >= 0) use(tokens, at, named.length);
      if (isUnsupported(read)) unsupportedPeriod = read.unsupported;
      else period = { start: read.start, end: read.end, named: at >= 0 ? tokens.slice(at, at + named.length).map((t) => t.raw).join(' ') : read.matched };
    }
  }

  const shape = shapeOf(tokens);

  // Places, with the negations in front of them: "utanför Stockholms län", "except Motala".
  const places: PlaceConstraint[] = [];
  const excluded: PlaceConstraint[] = [];
  const negatedFrom = new Set<number>();
  for (const phrase of NEGATION_PHRASES) {
    for (let at = find(tokens, phrase); at >= 0; at = find(tokens, phrase, at + 1)) {
      use(tokens, at, phrase.length);
      // A negation covers the places that follow it, up to the next few words.
      for (let i = at + phrase.length; i < Math.min(tokens.length, at + phrase.length + 4); i++) negatedFrom.add(i);
    }
  }
  for (const { at, constraint } of placesIn(tokens, index)) (negatedFrom.has(at) ? excluded : places).push(constraint);

  // Kinds, from verbs and nouns.
  const named: { kinds: readonly Kind[]; verb: boolean }[] = [];
  let kindNoun: string | null = null;
  let kindsFromVerb = true;
  let being = false;
  const kindAt = new Map<number, string>();
  for (const [phrase, cue] of KIND_PHRASES) {
    for (let at = find(tokens, phrase); at >= 0; at = find(tokens, phrase, at + 1)) {
      const verb = VERB_CUES.has(phrase.join(' '));
      named.push({ kinds: cue, verb });
      const raw = tokens.slice(at, at + phrase.length).map((t) => t.raw).join(' ');
      kindNoun ??= raw;
      kindAt.set(at, raw);
      if (!verb) kindsFromVerb = false;
      if (BEING_VERBS.has(phrase.join(' '))) being = true;
      use(tokens, at, phrase.length);
    }
  }
  // "Åkte vi på studieresa", "ringde vi … telefonsamtalen": the noun names the activity, the verb only says how.
  // Several nouns ("the study trip to Motala or the visit to Malmö") are all asked about.
  const nouns = named.filter((n) => !n.verb);
  const from = nouns.length > 0 ? nouns : named;
  let kinds: Kind[] | null = from.length === 0 ? null : [...new Set(from.flatMap((n) => n.kinds))];
  // "När var vi i Härnösand?", "Were we in Nykvarn?": being somewhere is visiting it.
  if (!kinds && places.length > 0 && BEING.some((phrase) => find(tokens, phrase, 0, false) >= 0)) {
    kinds = [...BEING_KINDS];
    being = true;
  }

  // What a list or count is of.
  let unit: Unit | null = null;
  let unitWord: string | null = null;
  for (const [phrase, named] of UNIT_PHRASES) {
    const at = find(tokens, phrase);
    if (at < 0) continue;
    unit ??= named;
    unitWord ??= tokens[at]!.raw;
    use(tokens, at, phrase.length);
  }
  if (shape === 'how-many' && !unitWord) {
    // "Hur många gånger …", "how many study visits …": the words after "många"/"many" say what is counted.
    const after = tokens.findIndex((_, i) => i > 0 && ['manga', 'many'].includes(tokens[i - 1]!.folded));
    if (after >= 0) unitWord = kindAt.get(after) ?? (tokens[after]!.used ? null : tokens[after]!.raw);
    unitWord ??= kindNoun;
  }

  // Whatever is left, less scaffolding and stop words, is searched as text.
  const cueWords = new Set(SHAPE_CUES.flatMap(([, cues]) => cues.flatMap(phraseWords)));
  const left = tokens.filter(
    (t) => !t.used && !FILLER.has(t.folded) && !STOPWORDS.has(t.folded) && !cueWords.has(t.folded) && !OPENERS.has(t.folded) && !/^\d{1,2}$/.test(t.folded),
  );
  const terms = left.map((t) => t.raw);
  const nameTerms = left.filter((t) => /^\p{Lu}/u.test(t.raw) && t !== tokens[0]).map((t) => t.raw);

  return { text, shape, period, unsupportedPeriod, kinds, kindNoun, kindsFromVerb: kinds !== null && kindsFromVerb, being, places, excluded, unit, unitWord, terms, nameTerms };
}
