import type { Entry } from '../data/schema.js';
import { formatSpan, type Locale, periodLabel } from '../i18n.js';
import { DISCORD } from '../limits.js';
import type { SuggestList } from '../commands/spec.js';
import { lowerBound, type RecordIndex } from '../search/engine.js';
import { allowedEdits, editDistance } from '../search/fuzzy.js';
import { sweden } from '../search/sweden.js';
import { fold, words } from '../search/text.js';
import { Pacer, runSteps, runStepsPaced, sortSteps } from '../search/pace.js';
import { truncate } from '../render/fit.js';
import { placeText } from '../render/format.js';

/** The option being completed; each draws on its own list. */
export type SuggestField = SuggestList;

export interface Choice {
  name: string;
  value: string;
}

interface Candidate {
  /** What the choice shows; built when shown for titles (see display), so 100,000 titles cost no names. */
  name: string;
  value: string;
  /** The folded label. */
  label: string;
  /** Folded text it is matched against: the label first, then what else it may be known by. */
  key: string;
  /** Order on an empty query, and the tie-break: bigger first. */
  weight: number;
  /** For titles: the entry, whose period is shown in the user's language. */
  entry?: Entry;
}

/**
 * A list, best-weighted first, with an index for big lists (titles at 100,000 entries). Kept in columns rather than
 * as one object per candidate: at 100,000 titles the objects and their two strings each were 24 MB, the columns
 * (every label and key in one string, sliced out when read) a third of that. A slice of a flat string is a small
 * view of it, not a copy, so reading a candidate costs no more than it did.
 */
interface CandidateList {
  size: number;
  /**
   * All labels, one after another, in pieces of PIECE candidates (candidate i is in piece i >>> PIECE_BITS);
   * `labelText === keyText` where each label is the start of its key (titles). Pieces, not one string: joining a
   * million titles' pieces into one copied them all in one step (the titles alone are 46 million characters), the
   * bulk of a 91–95 ms stall of a reload at a million entries.
   */
  labelText: readonly string[];
  keyText: readonly string[];
  /** Candidate i's label is labelText[piece][labelStart[i], labelEnd[i]); its key keyText[piece][keyStart[i], keyEnd[i]). */
  labelStart: Uint32Array;
  labelEnd: Uint32Array;
  keyStart: Uint32Array;
  keyEnd: Uint32Array;
  /**
   * What a choice shows (candidate i's is nameText[piece][nameStart[i], nameEnd[i])) and sends; null for titles, whose
   * shown name is made when shown from the entry. Pieces of one string, not one each: a person's shown name is a
   * concatenation that folding its label flattens, a copy per person otherwise.
   */
  nameText: readonly string[];
  nameStart: Uint32Array | null;
  nameEnd: Uint32Array | null;
  values: readonly string[] | null;
  entries: readonly Entry[] | null;
  /**
   * For lists over BUCKETED_FROM: candidate positions (ascending, so in weight order) by the first two and the
   * first three letters of each word of their key.
   */
  buckets: Map<string, Int32Array> | null;
  /** For big lists: positions sorted by label, so the labels starting with a text are one binary search away. */
  byLabel: Int32Array | null;
}

/** Lists longer than this are searched through word buckets instead of a full scan. */
const BUCKETED_FROM = 5000;

const cut = (text: string) => truncate(text, DISCORD.choiceName);

function candidate(name: string, value: string, aliases: string, weight: number): Candidate {
  const shown = cut(name);
  return { name: shown, value: value.slice(0, DISCORD.choiceValue), label: fold(shown), key: words(fold(`${name} ${aliases}`)).join(' '), weight };
}

/** Candidates a piece of the packed texts holds (see CandidateList). */
export const PIECE_BITS = 11;
const PIECE = 1 << PIECE_BITS;

const labelOf = (list: CandidateList, i: number) => list.labelText[i >>> PIECE_BITS]!.slice(list.labelStart[i], list.labelEnd[i]);
const keyOf = (list: CandidateList, i: number) => list.keyText[i >>> PIECE_BITS]!.slice(list.keyStart[i], list.keyEnd[i]);

/** Packs candidates (sorted) into columns, in steps (see Suggester.making). */
function* columns(items: readonly Candidate[]): Generator<void, Omit<CandidateList, 'buckets' | 'byLabel'>> {
  const n = items.length;
  // One array a step (see CompactIndex's finishing: each can cost a marking step while the collector marks).
  const labelStart = new Uint32Array(n);
  yield;
  const labelEnd = new Uint32Array(n);
  yield;
  const keyStart = new Uint32Array(n);
  yield;
  const keyEnd = new Uint32Array(n);
  yield;
  // Titles: the key starts with the label, so one text serves both. Every pass over 100,000 candidates is stepped.
  let shared = true;
  let titles = n > 0;
  for (let i = 0; i < n; i++) {
    shared &&= items[i]!.key.startsWith(items[i]!.label);
    titles &&= items[i]!.entry !== undefined;
    if ((i & 1023) === 1023) yield;
  }
  const keyParts: string[] = [];
  const labelParts: string[] = [];
  let keyAt = 0;
  let labelAt = 0;
  for (let i = 0; i < n; i++) {
    const c = items[i]!;
    // Offsets count from the start of the candidate's piece.
    if ((i & (PIECE - 1)) === 0) keyAt = labelAt = 0;
    keyStart[i] = keyAt;
    keyEnd[i] = keyAt += c.key.length;
    keyParts.push(c.key);
    if (shared) {
      labelStart[i] = keyStart[i]!;
      labelEnd[i] = keyStart[i]! + c.label.length;
    } else {
      labelStart[i] = labelAt;
      labelEnd[i] = labelAt += c.label.length;
      labelParts.push(c.label);
    }
    if ((i & 255) === 255) yield;
  }
  // join() makes flat strings, which slices then view rather than copy.
  const keyText = yield* piecesOf(keyParts);
  const labelText = shared ? keyText : yield* piecesOf(labelParts);
  const nameText = titles ? [] : yield* piecesOf(yield* mapSteps(items, (c) => c.name));
  let nameStart: Uint32Array | null = null;
  let nameEnd: Uint32Array | null = null;
  if (!titles) {
    nameStart = new Uint32Array(n);
    nameEnd = new Uint32Array(n);
    for (let i = 0, at = 0; i < n; i++) {
      if ((i & (PIECE - 1)) === 0) at = 0;
      nameStart[i] = at;
      nameEnd[i] = at += items[i]!.name.length;
      if ((i & 4095) === 4095) yield;
    }
  }
  return {
    size: n,
    keyText,
    labelText,
    labelStart,
    labelEnd,
    keyStart,
    keyEnd,
    nameText,
    nameStart,
    nameEnd,
    values: titles ? null : yield* mapSteps(items, (c) => c.value),
    entries: titles ? yield* mapSteps(items, (c) => c.entry!) : null,
  };
}

/** items.map(f), a few thousand at a step. */
function* mapSteps<T, U>(items: readonly T[], f: (item: T, i: number) => U): Generator<void, U[]> {
  // Allocated at its size once: a list grown item by item (a spread of an iterator) gives V8's incremental marker
  // a step at every growth, and a spread of 100,000 keys held the thread 150 ms while it marked (perf).
  const out = new Array<U>(items.length);
  for (let i = 0; i < items.length; i++) {
    out[i] = f(items[i]!, i);
    if ((i & 4095) === 4095) yield;
  }
  return out;
}

/** The parts (one a candidate) joined PIECE at a time, a piece a step (see CandidateList). */
function* piecesOf(parts: readonly string[]): Generator<void, string[]> {
  const pieces: string[] = [];
  for (let i = 0; i < parts.length; i += PIECE) {
    pieces.push(parts.slice(i, i + PIECE).join(''));
    yield;
  }
  return pieces;
}

/**
 * The buckets (see CandidateList): each word's first two and first three letters, read in place from the packed
 * keys as numbers. Splitting each key into words, prefixes and a set made a dozen short-lived objects a candidate:
 * over a million at 100,000 titles, and the collections they caused were most of a reload's longest stalls.
 */
function* bucketsOf(list: Omit<CandidateList, 'buckets' | 'byLabel'>): Generator<void, Map<string, Int32Array>> {
  const { keyText, keyStart, keyEnd } = list;
  const lists = new Map<number, number[]>();
  const add = (code: number, i: number) => {
    let positions = lists.get(code);
    if (!positions) lists.set(code, (positions = []));
    // A prefix two words of one key share is one position.
    if (positions[positions.length - 1] !== i) positions.push(i);
  };
  for (let i = 0; i < list.size; i++) {
    const end = keyEnd[i]!;
    const text = keyText[i >>> PIECE_BITS]!;
    for (let from = keyStart[i]!; ; ) {
      let to = text.indexOf(' ', from);
      if (to < 0 || to > end) to = end;
      add(prefixCode(text, from, Math.min(to, from + 2)), i);
      add(prefixCode(text, from, Math.min(to, from + 3)), i);
      if (to >= end) break;
      from = to + 1;
    }
    if ((i & 127) === 127) yield;
  }
  const out = new Map<string, Int32Array>();
  // Thousands of small buckets are as much work as one big one: a step is about 4,096 positions copied.
  let copied = 0;
  for (const [code, positions] of lists) {
    out.set(prefixOf(code), Int32Array.from(positions));
    if ((copied += positions.length + 16) > 4096) {
      copied = 0;
      yield;
    }
  }
  return out;
}

/** text[from, to) (at most three UTF-16 units) as one number: its length, then each unit in 16 bits. */
function prefixCode(text: string, from: number, to: number): number {
  let code = to - from;
  for (let k = from; k < to; k++) code = code * 65536 + text.charCodeAt(k);
  return code * 65536 ** (3 - (to - from));
}

function prefixOf(code: number): string {
  const units = [Math.floor(code / 65536 ** 2) % 65536, Math.floor(code / 65536) % 65536, code % 65536];
  return String.fromCharCode(...units.slice(0, Math.floor(code / 65536 ** 3)));
}

/**
 * How well a typed text matches: 0 exact, 1 prefix, 2 a word starts with it, 3 contains; null for no match.
 * Exact beats prefix beats contains, as people expect from a completion list. Typos are a second pass (typoRank).
 */
function rank(key: string, label: string, typed: string): number | null {
  if (label === typed) return 0;
  if (label.startsWith(typed)) return 1;
  if (key.startsWith(typed) || key.includes(` ${typed}`)) return 2;
  if (typed.length >= 3 && key.includes(typed)) return 3;
  return null;
}

/** One typo away from a word of the candidate: 4, else null. Years are not typos of each other (2016 ≠ 2017). */
function typoRank(key: string, typed: string): number | null {
  const edits = /\d/.test(typed) ? 0 : allowedEdits(typed.length);
  if (edits === 0) return null;
  return words(key).some((w) => editDistance(typed, w.slice(0, typed.length + edits), edits) <= edits) ? 4 : null;
}

/** Positions in `byLabel` whose label starts with `prefix`. */
function labelRange(byLabel: Int32Array, list: CandidateList, prefix: string): Int32Array {
  const first = (key: string) => lowerBound(byLabel.length, (i) => labelOf(list, byLabel[i]!) < key);
  // Every label starting with the prefix sorts between the prefix and the prefix followed by the highest char.
  return byLabel.subarray(first(prefix), first(`${prefix}\uffff`));
}

/** The `count` smallest positions of a range, ascending (= best weight first), without sorting the range. */
function firstPositions(range: Int32Array, count: number): number[] {
  const best: number[] = [];
  for (const i of range) {
    if (best.length === count && i >= best[count - 1]!) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]! > i) at--;
    best.splice(at, 0, i);
    if (best.length > count) best.pop();
  }
  return best;
}

/**
 * Positions, ascending, of the candidates with a word starting with one letter: the buckets of that letter's
 * two-letter prefixes merged, when they are few ("x", "q"); when they are many a scan in weight order finds 25
 * matches within its first few hundred candidates anyway.
 */
function oneLetterPositions(buckets: Map<string, Int32Array>, letter: string, size: number): Iterable<number> | null {
  const lists: Int32Array[] = [];
  let total = 0;
  for (const [prefix, list] of buckets) {
    if (prefix.length <= 2 && prefix.startsWith(letter)) {
      lists.push(list);
      total += list.length;
    }
  }
  if (total > size / 8) return null;
  const merged = new Int32Array(total);
  let at = 0;
  for (const list of lists) merged.set(list, (at += list.length) - list.length);
  return new Set(merged.sort());
}

/** Autocomplete lists for each option, built once per record and locale. */
export class Suggester {
  private readonly lists = new Map<string, CandidateList>();
  /** Counts invalidations, so a list built in steps across one is dropped rather than kept stale. */
  private generation = 0;

  constructor(private readonly index: RecordIndex) {}

  private list(field: SuggestField, locale: Locale): CandidateList {
    // Only period labels are in the user's language; the other lists are the same for both (a title's shown
    // period is made when shown).
    const id = Suggester.listId(field, locale);
    let list = this.lists.get(id);
    if (!list) {
      list = runSteps(this.making(field, locale));
      this.lists.set(id, list);
    }
    return list;
  }

  private static listId(field: SuggestField, locale: Locale): string {
    return field === 'period' ? `${field}:${locale}` : field;
  }

  /**
   * A list, built in steps: the sync path runs them at once, warmAsync with pauses between them (the title and
   * people lists took 0.4–1.2 s each in one go at 100,000 entries), and both get the same list.
   */
  private *making(field: SuggestField, locale: Locale): Generator<void, CandidateList> {
    const items = yield* sortSteps(yield* this.build(field, locale), (a, b) => b.weight - a.weight);
    const big = items.length > BUCKETED_FROM;
    const byLabel = big
      ? Int32Array.from(yield* sortSteps(yield* mapSteps(items, (_, i) => i), (a, b) => (items[a]!.label < items[b]!.label ? -1 : items[a]!.label > items[b]!.label ? 1 : a - b)))
      : null;
    const packed = yield* columns(items);
    return { ...packed, buckets: big ? yield* bucketsOf(packed) : null, byLabel };
  }

  /**
   * Forgets the lists after the record changed: each is rebuilt from the index on its next keystroke (places,
   * periods and people are small; titles, at 100,000 entries, take a few tens of milliseconds once).
   */
  invalidate(): void {
    this.generation++;
    this.lists.clear();
  }

  /** Builds lists now rather than on the first keystroke (start-up pays, not the first user). */
  warm(fields: readonly SuggestField[]): void {
    for (const field of fields) for (const locale of ['sv', 'en'] as const) this.list(field, locale);
  }

  /** The same for a door that is answering: each list in steps, pausing whenever the pacer's slice is used up. */
  async warmAsync(fields: readonly SuggestField[], pacer = new Pacer(8, 1)): Promise<void> {
    for (const field of fields) {
      for (const locale of ['sv', 'en'] as const) {
        const id = Suggester.listId(field, locale);
        if (this.lists.has(id)) continue;
        const generation = this.generation;
        const list = await runStepsPaced(this.making(field, locale), pacer);
        // Built from a record that changed meanwhile: left to be built on demand from the record as it is now.
        if (generation === this.generation && !this.lists.has(id)) this.lists.set(id, list);
      }
    }
  }

  private *build(field: SuggestField, locale: Locale): Generator<void, Candidate[]> {
    const { index } = this;
    switch (field) {
      case 'place': {
        const out: Candidate[] = [];
        for (const p of index.places.names) {
          out.push(candidate(`${placeText(p.place)} · ${p.entries.length}`, p.label, p.key, p.entries.length));
          if ((out.length & 63) === 0) yield;
        }
        return out;
      }
      case 'where': {
        // /log's place: the record's places first (with their counts), then every municipality and county of Sweden.
        const own = index.places.names.map((p) => candidate(`${placeText(p.place)} · ${p.entries.length}`, p.label, p.key, 1000 + p.entries.length));
        const known = new Set(index.places.names.map((p) => fold(p.label)));
        const country = sweden()
          .places.filter((p) => p.level !== 'region' && !known.has(fold(p.name)))
          .map((p) => candidate(p.level === 'municipality' ? `${p.name} (${p.county})` : p.name, p.name, '', p.level === 'county' ? 1 : 0));
        return [...own, ...country];
      }
      case 'who': {
        const out: Candidate[] = [];
        const roles = new Map<string, number>();
        const organisations = new Map<string, number>();
        const { contacts } = index.contacts;
        for (let i = 0; i < contacts.length; i++) {
          const c = contacts[i]!;
          if ((i & 63) === 63) yield;
          if (c.name) out.push(candidate(`${c.name}${c.role ? `, ${c.role}` : ''} – ${c.organisation}`, c.name, '', 100 + c.entries.length));
          if (c.role) roles.set(c.role, (roles.get(c.role) ?? 0) + 1);
          organisations.set(c.organisation, (organisations.get(c.organisation) ?? 0) + c.entries.length);
        }
        // Organisations run to thousands (7,500 in the bench's replicate record of 100,000): stepped like the contacts.
        for (const [role, n] of roles) {
          out.push(candidate(`${role} (${n})`, role, '', 50 + n));
          if ((out.length & 63) === 0) yield;
        }
        for (const [org, n] of organisations) {
          out.push(candidate(org, org, '', n));
          if ((out.length & 63) === 0) yield;
        }
        return out;
      }
      case 'period': {
        const spans = new Map<string, { start: string; end: string; count: number }>();
        const add = (start: string, end: string) => {
          const key = `${start}..${end}`;
          const span = spans.get(key) ?? { start, end, count: 0 };
          span.count++;
          spans.set(key, span);
        };
        for (let i = 0; i < index.entries.length; i++) {
          const e = index.entries[i]!;
          if ((i & 255) === 255) yield;
          add(e.period.start, e.period.end);
          for (let y = Number(e.period.start.slice(0, 4)); y <= Number(e.period.end.slice(0, 4)); y++) add(`${y}-01`, `${y}-12`);
        }
        // Chronological: the weight falls as the start rises; a year comes before its seasons.
        return [...spans.values()].map((s) => {
          const label = formatSpan(s.start, s.end, locale);
          const weight = -Number(s.start.replace('-', '')) * 10 + (s.end.slice(5) === '12' && s.start.slice(5) === '01' ? 1 : 0);
          return candidate(label, label, formatSpan(s.start, s.end, locale === 'sv' ? 'en' : 'sv'), weight);
        });
      }
      case 'title': {
        // Titles already name the kind and the place; the period label is the one addition worth its memory.
        // Period labels repeat, so each is folded once.
        const periods = new Map<string, string>();
        const { chronological } = index;
        const out: Candidate[] = [];
        for (let i = 0; i < chronological.length; i++) {
          const e = chronological[i]!;
          let period = periods.get(e.period.label);
          if (period === undefined) periods.set(e.period.label, (period = fold(e.period.label)));
          const label = fold(e.title);
          out.push({ name: '', value: e.id, label, key: `${label} ${period}`, weight: -i, entry: e });
          if ((i & 63) === 63) yield;
        }
        return out;
      }
    }
  }

  /** At most 25 choices, best first; on an empty query the most useful entries of the list. */
  suggest(field: SuggestField, typed: string, locale: Locale): Choice[] {
    const list = this.list(field, locale);
    const { size, buckets, byLabel, entries, nameText, nameStart, nameEnd, values } = list;
    const label = (i: number) => labelOf(list, i);
    const key = (i: number) => keyOf(list, i);
    const query = fold(typed).replace(/\s+/g, ' ').trim().slice(0, 100);
    const show = (i: number): Choice => {
      const entry = entries?.[i];
      return entry ? { name: cut(`${periodLabel(entry.period, locale)} · ${entry.title}`), value: entry.id } : { name: nameText[i >>> PIECE_BITS]!.slice(nameStart![i], nameEnd![i]), value: values![i]! };
    };
    if (!query) return [...Array(Math.min(size, DISCORD.autocompleteChoices)).keys()].map(show);
    // One array per tier, filled in weight order: the best 25 are the first of the best tiers, with no sort.
    const tiers: number[][] = [[], [], [], [], []];
    const limit = DISCORD.autocompleteChoices;
    const enough = (upTo: number) => {
      let n = 0;
      for (let t = 0; t <= upTo; t++) n += tiers[t]!.length;
      return n >= limit;
    };
    const consider = (i: number) => {
      const r = rank(key(i), label(i), query);
      if (r !== null && !enough(r - 1)) tiers[r]!.push(i);
    };
    if (buckets && byLabel) {
      // A big list. Labels that start with the text: a binary search, then the best-weighted 25 of that range.
      for (const i of firstPositions(labelRange(byLabel, list, query), limit)) tiers[label(i) === query ? 0 : 1]!.push(i);
      // Then words that start with it, in weight order, until there are 25. A match inside a word ("bibliotek" in
      // "stadsbibliotek") is left to the smaller lists and to /search.
      const positions = query.length === 1 ? (oneLetterPositions(buckets, query, size) ?? Array(size).keys()) : (buckets.get(query.slice(0, 3)) ?? []);
      for (const i of positions) {
        if (enough(2)) break;
        const l = label(i);
        if (!l.startsWith(query) && rank(key(i), l, query) === 2) tiers[2]!.push(i);
      }
    } else {
      for (let i = 0; i < size; i++) consider(i);
      // Typos only when the list has too few real matches, and only for lists small enough to scan.
      if (!enough(3)) {
        for (let i = 0; i < size; i++) if (rank(key(i), label(i), query) === null && typoRank(key(i), query) !== null) tiers[4]!.push(i);
      }
    }
    return tiers.flat().slice(0, limit).map(show);
  }
}
