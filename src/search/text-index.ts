import { Pacer } from './pace.js';
import MiniSearch, { type AsPlainObject, type Options, type Query } from 'minisearch';
import type SearchableMap from 'minisearch/SearchableMap';
import type { Analyzer } from './analyze.js';
import { allowedEdits } from './fuzzy.js';
import { COMPACT_FORMAT, CompactIndex, type CompactQuery, type SerialisedCompact } from './postings.js';
import type { QueryGroup } from './query.js';
import { fold, words } from './text.js';

export interface FieldSpec<T> {
  name: string;
  boost: number;
  extract: (item: T) => string;
}

export interface TextHit {
  /** Position of the item in the array the index was built from. */
  index: number;
  score: number;
  /** True when every matched term was typed (or translated) as such, not reached by typo tolerance. */
  exact: boolean;
}

export interface TextResults {
  /** Scored hits, best first (empty when `unranked` is set). */
  readonly hits: TextHit[];
  /**
   * The same hits as columns, when the compact store scored them: `hits` is then made from these when first read,
   * and a caller that reads these instead makes no object per hit (tens of thousands at a million entries).
   */
  ranked?: RankedColumns;
  /**
   * Set when only very common words were asked for: there is nothing to rank by, and listing tens of thousands of
   * hits as objects would cost more than the search. The caller walks items in its own order with this test.
   */
  unranked?: { bits: Uint32Array; filter?: (index: number) => boolean };
  /** The typed concepts that could not match at all (no vocabulary term, even with typos): they dropped out. */
  dropped: string[];
  /** AND when every concept had to match; OR when nothing matched them all and any one was enough. */
  combined: 'AND' | 'OR';
}

/** Scored hits best first, row k being hit k: its slot, score and exactness (1: exact). */
export interface RankedColumns {
  slot: Int32Array;
  score: Float64Array;
  exact: Uint8Array;
}

/** How many scored hits a result has, without making them. */
export function scoredCount(r: TextResults): number {
  return r.ranked ? r.ranked.slot.length : r.hits.length;
}

function columnResults(ranked: RankedColumns, dropped: string[], combined: 'AND' | 'OR'): TextResults {
  let hits: TextHit[] | undefined;
  return {
    ranked,
    dropped,
    combined,
    get hits() {
      hits ??= Array.from(ranked.slot, (index, k) => ({ index, score: ranked.score[k]!, exact: ranked.exact[k] === 1 }));
      return hits;
    },
  };
}

/**
 * When a term counts as common: in at least this many items and this share of them. Such a term says little
 * about relevance, and scoring it means touching most of the index, so it filters instead of scoring. The
 * absolute floor keeps small records (like the project's own) entirely on the scoring path.
 */
export const COMMON_TERM = { minItems: 5000, share: 0.05 };

/** Ranking should not prefer short fields just because they are short (titles vs. quoted sources). */
const TEXT_BM25 = { k: 1.2, b: 0.5, d: 0.5 };

/** The start-up cache's form of a text index: MiniSearch's plain object, or the compact postings' (see postings.ts). */
export type SerialisedText = AsPlainObject | SerialisedCompact;

function isCompact(s: SerialisedText): s is SerialisedCompact {
  return (s as Partial<SerialisedCompact>).format === COMPACT_FORMAT;
}

/** MiniSearch's inverted index: term → field id → item short id → term frequency. */
type Postings = SearchableMap<Map<number, Map<number, number>>>;

/**
 * MiniSearch keeps its inverted index in the protected `_index` (a SearchableMap, which MiniSearch exports as
 * `minisearch/SearchableMap`). We read it for two things the public API lacks: how many items hold a term, and
 * which vocabulary terms are one typo from a query word. minisearch is pinned to an exact version for this;
 * test/scale.test.ts checks it still holds.
 */
function postingsOf<D>(mini: MiniSearch<D>): Postings {
  return (mini as unknown as { _index: Postings })._index;
}

interface RawResult {
  score: number;
  terms: string[];
  match: Record<string, string[]>;
}

/** MiniSearch's executeQuery (private in its types; minisearch is pinned): short id → score, terms and match. */
function rawResults<D>(mini: MiniSearch<D>, query: Query): Map<number, RawResult> {
  return (mini as unknown as { executeQuery(query: Query): Map<number, RawResult> }).executeQuery(query);
}

/** The id an item was added with (its position), from MiniSearch's short id. */
function documentId<D>(mini: MiniSearch<D>, shortId: number): number {
  return (mini as unknown as { _documentIds: Map<number, number> })._documentIds.get(shortId)!;
}

interface PlannedTerm {
  term: string;
  /** Reached by typo tolerance rather than typed. */
  corrected: boolean;
}

/**
 * A MiniSearch index over items of one kind with the Swedish pipeline, and a small query planner in front:
 * - a word that is in the vocabulary is searched as typed; a word that is nowhere gets the vocabulary terms one
 *   or two edits away (Motla → motal), and a word with none ("Kiruna") finds nothing;
 * - common terms filter through a cached bitmap instead of being scored, so "bibliotek" at 100,000 entries costs
 *   a bitmap walk, not 100,000 scored results.
 */
export class TextIndex<T> {
  /**
   * One of two stores: the compact store (postings.ts, `compact: true`, what the entry and contact indexes use), or
   * MiniSearch's own maps, which answer the same, bit for bit, at ten times the memory or more. MiniSearch's are
   * kept as the reference test/compact-index.test.ts holds the compact store to.
   */
  private readonly mini?: MiniSearch<{ i: number; item: T }>;
  private readonly postings?: Postings;
  private readonly compact?: CompactIndex<T>;
  private readonly bitmaps = new Map<string, Uint32Array>();
  private commonFrom: number;
  private readonly common: typeof COMMON_TERM;
  /**
   * Item by slot (MiniSearch's id). Slots are never reused: an item added later gets the next one, a discarded
   * one leaves a hole. So a slot is also MiniSearch's internal short id, which the postings hold.
   */
  private readonly items: (T | undefined)[];

  /**
   * Builds the index over `items`, or takes a serialised one (see toJSON) that was built from the same items with
   * the same fields and analyzer — the caller's cache key guarantees that.
   */
  constructor(
    items: readonly T[],
    fields: readonly FieldSpec<T>[],
    private readonly analyzer: Analyzer,
    options: { common?: typeof COMMON_TERM; serialised?: SerialisedText; empty?: boolean; compact?: boolean } = {},
  ) {
    this.items = items.slice();
    this.common = options.common ?? COMMON_TERM;
    if (options.compact || (options.serialised && isCompact(options.serialised))) {
      this.compact = new CompactIndex(
        fields,
        (text) => words(text),
        (term) => analyzer.indexTerms(term),
        TEXT_BM25,
        options.serialised && isCompact(options.serialised) ? options.serialised : undefined,
      );
      if (options.serialised) {
        if (this.compact.documentCount !== items.length) throw new Error('serialised index does not match the items');
      } else if (!options.empty) {
        items.forEach((item, i) => this.compact!.add(i, item));
        this.compact.finish();
      }
      this.commonFrom = this.commonThreshold();
      return;
    }
    const byName = new Map(fields.map((f) => [f.name, f]));
    const miniOptions: Options<{ i: number; item: T }> = {
      idField: 'i',
      fields: fields.map((f) => f.name),
      extractField: (doc, field) => (field === 'i' ? doc.i : byName.get(field)!.extract(doc.item)),
      tokenize: (text) => words(text),
      processTerm: (term) => analyzer.indexTerms(term),
      searchOptions: {
        boost: Object.fromEntries(fields.map((f) => [f.name, f.boost])),
        // Queries reach MiniSearch already planned: terms are final, so no processing and no fuzzy here.
        tokenize: (text) => text.split(' '),
        processTerm: (term) => term,
        bm25: TEXT_BM25,
      },
    };
    if (options.serialised) {
      this.mini = MiniSearch.loadJS(options.serialised as AsPlainObject, miniOptions);
      if (this.mini.documentCount !== items.length) throw new Error('serialised index does not match the items');
    } else {
      this.mini = new MiniSearch(miniOptions);
      if (!options.empty) items.forEach((item, i) => this.mini!.add({ i, item }));
    }
    this.postings = postingsOf(this.mini);
    this.commonFrom = this.commonThreshold();
  }

  private get documentCount(): number {
    return this.compact ? this.compact.documentCount : this.mini!.documentCount;
  }

  private commonThreshold(): number {
    return Math.max(this.common.minItems, Math.ceil(this.documentCount * this.common.share));
  }

  /** How many slots there are, empty ones (discarded items) included. */
  get slots(): number {
    return this.items.length;
  }

  /** The item in a slot (a hit's `index`); undefined once discarded. */
  item(slot: number): T | undefined {
    return this.items[slot];
  }

  /** Indexes one more item in the next free slot and returns the slot: one document, no rebuild. */
  add(item: T): number {
    const slot = this.items.length;
    this.items.push(item);
    if (this.compact) this.compact.add(slot, item);
    else this.mini!.add({ i: slot, item });
    this.changed();
    return slot;
  }

  /**
   * Takes an unchanged item out at once (MiniSearch's remove: its terms are worked out again and taken from the
   * postings), so scores and typo corrections are exactly those of an index built without it.
   */
  remove(slot: number): void {
    const item = this.items[slot];
    if (item === undefined) return;
    if (this.compact) this.compact.remove(slot, item);
    else this.mini!.remove({ i: slot, item });
    this.items[slot] = undefined;
    this.changed();
  }

  /**
   * Takes out an item that may have changed since it was added (a contact with one more entry), which remove()
   * could not find the terms of: MiniSearch's lazy discard, whose postings keep the slot until a vacuum, so
   * bitmaps skip empty slots themselves.
   */
  discard(slot: number): void {
    if (this.items[slot] === undefined) return;
    if (this.compact) this.compact.discard(slot);
    else this.mini!.discard(slot);
    this.items[slot] = undefined;
    this.changed();
  }

  private changed(): void {
    this.bitmaps.clear();
    this.commonFrom = this.commonThreshold();
  }

  /**
   * Builds without blocking: items are added with a pause whenever about 8 ms have passed (the compact store; the
   * MiniSearch reference store uses its own addAllAsync), so a running bot keeps answering while a reloaded record
   * is indexed.
   */
  static async build<T>(
    items: readonly T[],
    fields: readonly FieldSpec<T>[],
    analyzer: Analyzer,
    options: { compact?: boolean } = {},
  ): Promise<TextIndex<T>> {
    const index = new TextIndex(items, fields, analyzer, { empty: true, compact: options.compact });
    if (index.compact) {
      // Paced by time: a count of documents per chunk held the thread 80–400 ms under load.
      const pacer = new Pacer(8, 1);
      for (let i = 0; i < items.length; i++) {
        index.compact.add(i, items[i]!);
        if (pacer.due()) await pacer.pause();
      }
      await index.compact.finishAsync();
    } else {
      await index.mini!.addAllAsync(items.map((item, i) => ({ i, item })), { chunkSize: 500 });
    }
    index.changed();
    return index;
  }

  /** The index as plain data, for the start-up cache. */
  toJSON(): SerialisedText {
    return this.compact ? this.compact.toJSON() : this.mini!.toJSON();
  }

  /** In how many items a term appears (the largest count over fields: a cheap lower bound of the union). */
  documentFrequency(term: string): number {
    if (this.compact) return this.compact.documentFrequency(term);
    const fields = this.postings!.get(term);
    if (!fields) return 0;
    let df = 0;
    for (const docs of fields.values()) df = Math.max(df, docs.size);
    return df;
  }

  /**
   * Vocabulary terms for a query word: its term if known, else those within the allowed edits (closest only).
   * Typos are looked for from the stem and from the word as typed, since names are indexed unstemmed
   * ("Motla" is one edit from "motala", its stem "motl" two).
   */
  private plan(word: string): PlannedTerm[] {
    const term = this.analyzer.queryTerm(word);
    if (term === null) return [];
    if (this.compact ? this.compact.has(term) : this.postings!.has(term)) return [{ term, corrected: false }];
    const folded = fold(word);
    // A name the record does not have (Kiruna, a surname) is not a typo of one it has.
    if (this.analyzer.nameOf(folded) !== null) return [];
    let best = Infinity;
    const near = new Map<string, number>();
    for (const form of new Set([term, folded])) {
      const edits = allowedEdits(form.length);
      if (edits === 0) continue;
      const found = this.compact ? this.compact.fuzzy(form, edits) : [...this.postings!.fuzzyGet(form, edits)].map(([t, [, d]]) => [t, d] as const);
      for (const [t, distance] of found) {
        near.set(t, Math.min(distance, near.get(t) ?? Infinity));
        best = Math.min(best, distance);
      }
    }
    return [...near].filter(([, d]) => d === best).map(([t]) => ({ term: t, corrected: true }));
  }

  /** The items that hold a term, as a bitmap; kept for common terms only, so the cache stays a few hundred. */
  private bitmap(term: string): Uint32Array {
    let bits = this.bitmaps.get(term);
    if (!bits) {
      bits = new Uint32Array(Math.ceil(this.items.length / 32));
      const set = (id: number) => {
        if (this.items[id] !== undefined) bits![id >>> 5]! |= 1 << (id & 31);
      };
      if (this.compact) this.compact.forEachSlot(term, set);
      else for (const docs of this.postings!.get(term)?.values() ?? []) for (const id of docs.keys()) set(id);
      if (this.isCommonTerm(term)) this.bitmaps.set(term, bits);
    }
    return bits;
  }

  private isCommonTerm(term: string): boolean {
    return this.documentFrequency(term) >= this.commonFrom;
  }

  /**
   * One alternative of a scored concept. Its common words are not scored (that would touch most of the index):
   * they filter, through their bitmaps, the items the rare words reach. A word reached by typo keeps being scored,
   * so that hits through it stay marked as corrected.
   */
  private alternativeQuery(terms: string[], corrected: ReadonlySet<string>): Query {
    const common = terms.filter((t) => this.isCommonTerm(t) && !corrected.has(t));
    const scored = terms.filter((t) => !common.includes(t));
    if (common.length === 0 || scored.length === 0) return { combineWith: 'AND', queries: [terms.join(' ')] };
    const bits = common.length === 1 ? this.bitmap(common[0]!) : combine(common.map((t) => this.bitmap(t)), 'AND');
    return { combineWith: 'AND', queries: [scored.join(' ')], boostDocument: (id) => (has(bits, id as number) ? 1 : 0) };
  }

  /**
   * Every concept must match (AND); if nothing does, any may (OR). Each concept is a set of alternatives (the
   * words as typed, glossary translations), each alternative a set of words that must all match.
   */
  search(groups: readonly QueryGroup[], filter?: (index: number) => boolean): TextResults {
    const corrected = new Set<string>();
    const dropped: string[] = [];
    // Each group: alternatives, each a list of terms (one per word, typos resolved to vocabulary terms).
    const planned: string[][][] = [];
    for (const group of groups) {
      const alternatives: string[][] = [];
      for (const alt of group.alternatives) {
        const perWord = words(alt)
          .filter((w) => this.analyzer.queryTerm(w) !== null)
          .map((w) => this.plan(w));
        if (perWord.length === 0 || perWord.some((options) => options.length === 0)) continue;
        for (const options of perWord) for (const o of options) if (o.corrected) corrected.add(o.term);
        // A word with several equally close corrections becomes several alternatives' worth of terms: expand.
        const expand = (i: number, acc: string[]): void => {
          if (i === perWord.length) alternatives.push(acc);
          else for (const o of perWord[i]!) expand(i + 1, [...acc, o.term]);
        };
        expand(0, []);
      }
      // A concept none of whose words is in the vocabulary (even one typo away) cannot match: it drops out.
      if (alternatives.length > 0) planned.push(alternatives);
      else dropped.push(group.typed);
    }
    const matchable = planned;
    if (matchable.length === 0) return { hits: [], dropped, combined: 'AND' };

    // A concept is common when one of its ways of being written is made only of common words: it then matches at
    // least as many items as that way does ("digital inclusion" → "digidel"), and filters instead of being scored.
    const isCommon = (alts: string[][]) => alts.some((terms) => terms.every((t) => this.isCommonTerm(t)));
    const run = (groupsToRun: string[][][], combineWith: 'AND' | 'OR'): TextResults => {
      const rare = groupsToRun.filter((alts) => !isCommon(alts));
      const commonGroups = groupsToRun.filter(isCommon);
      // All common groups folded into one bitmap: AND (or OR) word by word, 32 items at a time.
      const common = commonGroups.length > 0 ? combine(commonGroups.map((alts) => this.groupBitmap(alts)), combineWith) : null;
      const inCommon = (i: number) => common === null || has(common, i);
      if (rare.length === 0) {
        // Only common words: every item that has them, unscored. Return the bitmap, not a list of hits.
        const bits = common!;
        const any = filter ? forEachSet(bits, filter) : bits.some((w) => w !== 0);
        return any ? { hits: [], unranked: { bits, filter }, dropped, combined: combineWith } : { hits: [], dropped, combined: combineWith };
      }
      const query: Query = {
        combineWith,
        queries: rare.map((alts) => ({ combineWith: 'OR', queries: alts.map((terms) => this.alternativeQuery(terms, corrected)) })),
      };
      // MiniSearch's raw results, not search(): that makes a result object (match, terms, stored fields) for every
      // hit, thousands for a word in a few percent of 100,000 entries, where a position and a score will do.
      const hits: TextHit[] = [];
      const termBits = new Map<string, number>();
      for (const alts of rare) for (const terms of alts) for (const t of terms) if (!termBits.has(t)) termBits.set(t, termBits.size);
      if (this.compact && termBits.size <= 31) {
        // The compact store's columns: the same hits in the same order, without an object per posting and term.
        let correctedBits = 0;
        for (const [t, bit] of termBits) if (corrected.has(t)) correctedBits |= 1 << bit;
        const columns = this.compact.executeColumns(query as CompactQuery, { combineWith: 'OR' }, termBits);
        const score = new Float64Array(columns.length);
        const rows: number[] = [];
        for (let r = 0; r < columns.length; r++) {
          const i = columns.slot[r]!;
          if ((combineWith === 'OR' || inCommon(i)) && (!filter || filter(i))) {
            score[r] = columns.score[r]! * (bitCount(columns.terms[r]!) || 1);
            rows.push(r);
          }
        }
        // Best first, ties in the order found: rows sorted on the columns.
        rows.sort((a, b) => score[b]! - score[a]! || a - b);
        const ranked: RankedColumns = { slot: new Int32Array(rows.length), score: new Float64Array(rows.length), exact: new Uint8Array(rows.length) };
        rows.forEach((r, k) => {
          ranked.slot[k] = columns.slot[r]!;
          ranked.score[k] = score[r]!;
          ranked.exact[k] = (columns.terms[r]! & correctedBits) === 0 ? 1 : 0;
        });
        return columnResults(ranked, dropped, combineWith);
      }
      const raw = this.compact ? this.compact.execute(query as CompactQuery, { combineWith: 'OR' }) : rawResults(this.mini!, query);
      for (const [shortId, { score, terms, match }] of raw) {
        const i = this.compact ? shortId : documentId(this.mini!, shortId);
        if ((combineWith === 'OR' || inCommon(i)) && (!filter || filter(i))) {
          // As MiniSearch scores: a hit is worth more for each query term it matched.
          hits.push({ index: i, score: score * (terms.length || 1), exact: !Object.keys(match).some((t) => corrected.has(t)) });
        }
      }
      // Best first, ties in the order MiniSearch found them (its own search sorts the same way).
      hits.sort((a, b) => b.score - a.score);
      return { hits, dropped, combined: combineWith };
    };

    const all = run(matchable, 'AND');
    if (scoredCount(all) > 0 || all.unranked || matchable.length === 1) return all;
    return run(matchable, 'OR');
  }

  private groupBitmap(alternatives: string[][]): Uint32Array {
    const out = new Uint32Array(Math.ceil(this.items.length / 32));
    for (const terms of alternatives) {
      const maps = terms.map((t) => this.bitmap(t));
      for (let w = 0; w < out.length; w++) {
        let word = 0xffffffff;
        for (const bits of maps) word &= bits[w]!;
        out[w]! |= word;
      }
    }
    return out;
  }
}

function combine(maps: Uint32Array[], op: 'AND' | 'OR'): Uint32Array {
  const out = Uint32Array.from(maps[0]!);
  for (const bits of maps.slice(1)) for (let w = 0; w < out.length; w++) out[w] = op === 'AND' ? out[w]! & bits[w]! : out[w]! | bits[w]!;
  return out;
}

/** Calls `visit` with each set position in ascending order; stops, returning true, when `visit` returns true. */
export function forEachSet(bits: Uint32Array, visit: (index: number) => boolean | void): boolean {
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w]!;
    while (word !== 0) {
      const low = word & -word;
      if (visit(w * 32 + (31 - Math.clz32(low))) === true) return true;
      word ^= low;
    }
  }
  return false;
}

/** How many bits of a 32-bit word are set. */
function bitCount(word: number): number {
  let n = 0;
  for (let w = word; w !== 0; w &= w - 1) n++;
  return n;
}

export function has(bits: Uint32Array, i: number): boolean {
  return (bits[i >>> 5]! & (1 << (i & 31))) !== 0;
}
