import { runStepsPaced } from './pace.js';
import SearchableMap from 'minisearch/SearchableMap';

/**
 * A compact inverted index that scores exactly as MiniSearch 7.2 does for the queries TextIndex sends it (exact
 * terms, field boosts, a document boost, AND/OR trees), down to the last bit of each score and the order of ties.
 *
 * Why: MiniSearch keeps a Map per term and field from document to frequency, about 46 bytes a posting; at 100,000
 * entries that was 160 MB of the heap. Here the postings of the built index are one byte arena, sliced per term and
 * field by offsets: each posting is a varint of the gap to the previous slot, doubled, plus one when a frequency
 * other than 1 follows as a second varint. Most postings take one or two bytes.
 * Changes after the build (the living record adds and removes one entry at a time) go to a small MiniSearch-style
 * overlay and a tombstone set; the next build or cached start folds them in.
 *
 * Sameness with MiniSearch rests on doing each step in its order: terms enter the dictionary (a SearchableMap,
 * whose fuzzy lookups walk children in insertion order) when MiniSearch's addTerm would insert them; postings are
 * walked in ascending document order, as MiniSearch's maps hold them; average field lengths are updated by its
 * formulas; results are combined by copies of its combinators. test/compact-index.test.ts holds the two side by side.
 */

export interface CompactField<T> {
  name: string;
  boost: number;
  extract: (item: T) => string;
}

export interface RawResult {
  score: number;
  terms: string[];
  match: Record<string, string[]>;
}

/** The query shapes TextIndex builds: a string of space-separated final terms, or a tree of them. */
export interface CompactQuery {
  combineWith?: 'AND' | 'OR';
  queries: (string | CompactQuery)[];
  boostDocument?: (id: number) => number;
}

export interface Bm25 {
  k: number;
  b: number;
  d: number;
}

/** Names the layout, so a cache of another layout is not taken for this one. */
export const COMPACT_FORMAT = 'compact-postings-2';

/** The start-up cache's form: plain data with the typed arrays as base64. */
export interface SerialisedCompact {
  format: typeof COMPACT_FORMAT;
  documentCount: number;
  slots: number;
  averageFieldLength: number[];
  /** Per field, each slot's count of distinct tokens (MiniSearch's field length). */
  fieldLength: string[];
  /** Terms in dictionary order; term i's postings for field f are bytes[start[i*F+f] .. start[i*F+f+1]). */
  terms: string[];
  start: string;
  /** How many postings each term-field has. */
  counts: string;
  bytes: string;
}

/**
 * A result set as columns, in the order MiniSearch's map would hold its keys: row i is slot[i] with score[i] and
 * the bits of the query terms it matched (terms[i]). Arrays may be longer than `length`.
 */
export interface Columns {
  length: number;
  slot: Int32Array;
  score: Float64Array;
  terms: Int32Array;
}

function newColumns(capacity: number): Columns {
  return { length: 0, slot: new Int32Array(capacity), score: new Float64Array(capacity), terms: new Int32Array(capacity) };
}

/** The same rows with room for `capacity` (the arrays themselves when they have it). */
function withCapacity(c: Columns, capacity: number): Columns {
  if (c.slot.length >= capacity) return c;
  const out = newColumns(capacity);
  out.slot.set(c.slot.subarray(0, c.length));
  out.score.set(c.score.subarray(0, c.length));
  out.terms.set(c.terms.subarray(0, c.length));
  out.length = c.length;
  return out;
}

/** How many bytes a LEB128 varint of this value takes. */
const varintLength = (value: number) => (value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5);

/** Appends LEB128 varints to a growing byte array. */
class ByteWriter {
  length = 0;
  /** Sized exactly by the caller where it can be (see finishing): doubling a big arena copies it in one step. */
  constructor(public data = new Uint8Array(1 << 16)) {}
  varint(value: number): void {
    if (this.length + 5 > this.data.length && this.length + varintLength(value) > this.data.length) {
      const next = new Uint8Array(Math.max(this.data.length * 2, 16));
      next.set(this.data);
      this.data = next;
    }
    while (value >= 0x80) {
      this.data[this.length++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    this.data[this.length++] = value;
  }
}

/**
 * A Uint32 array that grows in fixed chunks, for the build: growing by doubling would copy hundreds of megabytes at
 * a time at a million entries, holding the event loop while a reload builds.
 */
class Growable {
  private static readonly SHIFT = 16;
  private chunks: Uint32Array[] = [];
  length = 0;
  push(value: number): void {
    this.set(this.length, value);
  }
  set(i: number, value: number): void {
    const c = i >>> Growable.SHIFT;
    while (c >= this.chunks.length) this.chunks.push(new Uint32Array(1 << Growable.SHIFT));
    this.chunks[c]![i & ((1 << Growable.SHIFT) - 1)] = value;
    if (i >= this.length) this.length = i + 1;
  }
  get(i: number): number {
    return this.chunks[i >>> Growable.SHIFT]![i & ((1 << Growable.SHIFT) - 1)]!;
  }
  trimmed(): Uint32Array {
    const out = new Uint32Array(this.length);
    this.chunks.forEach((chunk, c) => {
      const from = c << Growable.SHIFT;
      if (from < this.length) out.set(chunk.subarray(0, Math.min(chunk.length, this.length - from)), from);
    });
    return out;
  }
  static from(array: Uint32Array): Growable {
    const g = new Growable();
    for (let from = 0; from < array.length; from += 1 << Growable.SHIFT) {
      const chunk = new Uint32Array(1 << Growable.SHIFT);
      chunk.set(array.subarray(from, from + (1 << Growable.SHIFT)));
      g.chunks.push(chunk);
    }
    g.length = array.length;
    return g;
  }
}

function toBase64(array: Uint32Array | Uint8Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function uint32From(base64: string): Uint32Array {
  const bytes = Buffer.from(base64, 'base64');
  const out = new Uint32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

function uint8From(base64: string): Uint8Array {
  const bytes = Buffer.from(base64, 'base64');
  return new Uint8Array(bytes); // a copy: Buffer.from may hand out a slice of a shared pool
}

/** How many bytes encode() writes for these postings. */
function encodedLength(docs: Uint32Array, freqs: Uint32Array, first: number, from: number, to: number): number {
  let bytes = 0;
  let previous = from === first ? -1 : docs[from - 1]!;
  for (let i = from; i < to; i++) {
    const gap = docs[i]! - previous - 1;
    previous = docs[i]!;
    const freq = freqs[i]!;
    bytes += varintLength(freq === 1 ? gap * 2 : gap * 2 + 1) + (freq === 1 ? 0 : varintLength(freq));
  }
  return bytes;
}

/**
 * Writes the postings docs[from, to) (ascending slots) with their frequencies as gap varints: a piece of the key
 * whose postings start at `first`, so that a common word's 100,000 postings can be written a piece at a time.
 */
function encode(writer: ByteWriter, docs: Uint32Array, freqs: Uint32Array, first: number, from: number, to: number): void {
  let previous = from === first ? -1 : docs[from - 1]!;
  for (let i = from; i < to; i++) {
    const gap = docs[i]! - previous - 1;
    previous = docs[i]!;
    const freq = freqs[i]!;
    if (freq === 1) writer.varint(gap * 2);
    else {
      writer.varint(gap * 2 + 1);
      writer.varint(freq);
    }
  }
}

/**
 * Walks every key's postings (key k's are start[k] to start[k + 1]) in pieces, yielding after each `step` postings or
 * so: within a key too, since the common words' keys come first and hold most postings (a step of 4,096 keys read a
 * million of them, 60–180 ms at 100,000 entries). `first` is where the piece's key starts.
 */
function* inPieces(start: Uint32Array, step: number, visit: (key: number, first: number, from: number, to: number) => void): Generator<void> {
  let budget = step;
  for (let key = 0; key + 1 < start.length; key++) {
    const first = start[key]!;
    const end = start[key + 1]!;
    let from = first;
    do {
      const to = Math.min(end, from + budget);
      visit(key, first, from, to);
      budget -= to - from + 1;
      from = to;
      if (budget <= 0) {
        budget = step;
        yield;
      }
    } while (from < end);
  }
}

/** MiniSearch's BM25+ (calcBM25Score), verbatim. */
function bm25Score(termFreq: number, matchingCount: number, totalCount: number, fieldLength: number, avgFieldLength: number, p: Bm25): number {
  const { k, b, d } = p;
  const invDocFreq = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
}

function assignUniqueTerm(target: string[], term: string): void {
  if (!target.includes(term)) target.push(term);
}

function assignUniqueTerms(target: string[], source: readonly string[]): void {
  for (const term of source) if (!target.includes(term)) target.push(term);
}

/** MiniSearch's combinators, verbatim: the order of the combined map decides the order of tied hits. */
function combineResults(results: Map<number, RawResult>[], combineWith: 'AND' | 'OR'): Map<number, RawResult> {
  if (results.length === 0) return new Map();
  return results.reduce((a, b) => {
    if (combineWith === 'OR') {
      for (const docId of b.keys()) {
        const existing = a.get(docId);
        if (existing == null) {
          a.set(docId, b.get(docId)!);
        } else {
          const { score, terms, match } = b.get(docId)!;
          existing.score = existing.score + score;
          existing.match = Object.assign(existing.match, match);
          assignUniqueTerms(existing.terms, terms);
        }
      }
      return a;
    }
    const combined = new Map<number, RawResult>();
    for (const docId of b.keys()) {
      const existing = a.get(docId);
      if (existing == null) continue;
      const { score, terms, match } = b.get(docId)!;
      assignUniqueTerms(existing.terms, terms);
      combined.set(docId, { score: existing.score + score, terms: existing.terms, match: Object.assign(existing.match, match) });
    }
    return combined;
  });
}

export class CompactIndex<T> {
  private readonly fieldCount: number;
  /** Term → term id. Terms with no posting left are taken out, as MiniSearch does, and remembered in `retired`. */
  private readonly dictionary = new SearchableMap<number>();
  private readonly retired = new Map<string, number>();
  private nextTermId = 0;
  /** The arena: postings of the slots below `builtSlots`, by term id and field. */
  private start: Uint32Array = new Uint32Array(1);
  private counts: Uint32Array = new Uint32Array(0);
  private bytes: Uint8Array = new Uint8Array(0);
  private builtSlots = 0;
  /** Arena slots taken out since, and how many of each term-field's arena postings they account for. */
  private readonly dead = new Set<number>();
  private readonly deadIn = new Map<number, number>();
  /**
   * Slots discarded (MiniSearch's lazy discard) whose postings stay until a search meets them or a vacuum, and the
   * frequencies such arena postings are down to (0: gone). See discard().
   */
  private readonly discarded = new Set<number>();
  private readonly discardedFreq = new Map<number, Map<number, number>>();
  private dirtCount = 0;
  /** Postings of slots added since the build, MiniSearch-style: term id → per field, slot → frequency. */
  private readonly overlay = new Map<number, (Map<number, number> | undefined)[]>();
  private readonly fieldLength: Growable[];
  private averageFieldLength: number[] = [];
  private count = 0;
  private slotCount = 0;
  /** The build's doc-major triples, until finish() turns them into the arena. */
  private pending: { term: Growable; fieldFreq: Growable; termIds: Map<string, number> } | null = null;

  constructor(
    private readonly fields: readonly CompactField<T>[],
    private readonly tokenize: (text: string) => string[],
    private readonly processTerm: (term: string) => string[] | string | null | undefined,
    private readonly bm25: Bm25,
    serialised?: SerialisedCompact,
  ) {
    this.fieldCount = fields.length;
    this.fieldLength = fields.map(() => new Growable());
    if (serialised) this.load(serialised);
    else this.pending = { term: new Growable(), fieldFreq: new Growable(), termIds: new Map() };
  }

  get documentCount(): number {
    return this.count;
  }

  /** Adds the item in `slot` (the next one): during the build into the triples, after it into the overlay. */
  add(slot: number, item: T): void {
    this.count += 1;
    this.slotCount = Math.max(this.slotCount, slot + 1);
    this.fields.forEach((field, fieldId) => {
      const value = field.extract(item);
      if (value == null) return;
      const tokens = this.tokenize(value.toString());
      const uniqueTerms = new Set(tokens).size;
      this.addFieldLength(slot, fieldId, this.count - 1, uniqueTerms);
      const local = new Map<number, number>();
      for (const token of tokens) {
        const processed = this.processTerm(token);
        if (Array.isArray(processed)) for (const t of processed) this.count1(local, t);
        else if (processed) this.count1(local, processed);
      }
      if (this.pending) {
        for (const [term, freq] of local) {
          this.pending.term.push(term);
          this.pending.fieldFreq.push(fieldId | (Math.min(freq, 0xffffff) << 8));
          this.pending.term.push(slot);
        }
      } else {
        for (const [term, freq] of local) {
          let byField = this.overlay.get(term);
          if (!byField) this.overlay.set(term, (byField = []));
          let docs = byField[fieldId];
          if (!docs) byField[fieldId] = docs = new Map();
          docs.set(slot, freq);
        }
      }
    });
  }

  /** One occurrence of a term: its id (entering the dictionary where MiniSearch's addTerm would) counted up. */
  private count1(local: Map<number, number>, term: string): void {
    let id: number | undefined;
    if (this.pending) {
      id = this.pending.termIds.get(term);
      if (id === undefined) {
        id = this.nextTermId++;
        this.pending.termIds.set(term, id);
        this.dictionary.set(term, id);
      }
    } else {
      id = this.dictionary.get(term);
      if (id === undefined) {
        id = this.retired.get(term);
        if (id === undefined) id = this.nextTermId++;
        else this.retired.delete(term);
        this.dictionary.set(term, id);
      }
    }
    local.set(id, (local.get(id) ?? 0) + 1);
  }

  /** Turns the build's triples into the arena. */
  finish(): void {
    for (const step of this.finishing()) void step;
  }

  /** The same in steps with a pause between them, so a reload's build does not hold the event loop for long. */
  async finishAsync(): Promise<void> {
    await runStepsPaced(this.finishing());
  }

  /** Yields every STEP triples or postings: a few milliseconds each, or tens where the code is not yet optimised. */
  private *finishing(): Generator<void> {
    const STEP = 1 << 12;
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    const F = this.fieldCount;
    const n = pending.fieldFreq.length;
    const start = new Uint32Array(this.nextTermId * F + 1);
    for (let i = 0; i < n; i++) {
      start[pending.term.get(2 * i) * F + (pending.fieldFreq.get(i) & 0xff) + 1]! += 1;
      if (i % STEP === STEP - 1) yield;
    }
    for (let k = 1; k < start.length; k++) {
      start[k]! += start[k - 1]!;
      if (k % STEP === 0) yield;
    }
    // One big array a step: while the collector is marking, each allocation past V8's external-memory limit makes
    // it run a marking step of up to 10 ms and a scavenge first (Heap::ReportExternalMemoryPressure), so three
    // in one step held the thread 30–50 ms at 100,000 entries (--trace-incremental-marking).
    yield;
    const fill = start.slice(0, start.length - 1);
    yield;
    const docs = new Uint32Array(n);
    yield;
    const freqs = new Uint32Array(n);
    yield;
    // Triples are in slot order, so each term-field's postings come out in ascending slots, as MiniSearch's maps.
    for (let i = 0; i < n; i++) {
      const ff = pending.fieldFreq.get(i);
      const at = fill[pending.term.get(2 * i) * F + (ff & 0xff)]!++;
      docs[at] = pending.term.get(2 * i + 1);
      freqs[at] = ff >>> 8;
      if (i % STEP === STEP - 1) yield;
    }
    yield;
    // The arena's size first, so it is allocated once: at a million entries it is over a hundred megabytes, and
    // growing it by doubling copied all of it in one step.
    let size = 0;
    yield* inPieces(start, STEP, (_, first, from, to) => void (size += encodedLength(docs, freqs, first, from, to)));
    const writer = new ByteWriter(new Uint8Array(size));
    yield;
    const offsets = new Uint32Array(start.length);
    yield;
    const counts = new Uint32Array(start.length - 1);
    yield;
    yield* inPieces(start, STEP, (key, first, from, to) => {
      if (from === first) {
        offsets[key] = writer.length;
        counts[key] = start[key + 1]! - first;
      }
      encode(writer, docs, freqs, first, from, to);
    });
    offsets[counts.length] = writer.length;
    this.start = offsets;
    this.counts = counts;
    this.bytes = writer.length === writer.data.length ? writer.data : writer.data.slice(0, writer.length);
    this.builtSlots = this.slotCount;
  }

  /**
   * Takes out an unchanged item at once, as MiniSearch's remove: its terms are worked out again and their postings
   * go, occurrence by occurrence; a term left with none leaves the dictionary at the moment MiniSearch's removeTerm
   * would delete it (the order of deletions shapes the dictionary's tree, and so the order of fuzzy lookups).
   */
  remove(slot: number, item: T): void {
    this.finish();
    const inArena = slot < this.builtSlots;
    if (inArena) this.dead.add(slot);
    this.fields.forEach((field, fieldId) => {
      const value = field.extract(item);
      if (value == null) return;
      const tokens = this.tokenize(value.toString());
      this.removeFieldLength(fieldId, this.count, new Set(tokens).size);
      const processedTokens = tokens.map((token) => {
        const processed = this.processTerm(token);
        return Array.isArray(processed) ? processed : processed ? [processed] : [];
      });
      // This item's frequency of each term in this field: its posting goes when the last occurrence is taken.
      const left = new Map<string, number>();
      for (const terms of processedTokens) for (const t of terms) left.set(t, (left.get(t) ?? 0) + 1);
      for (const terms of processedTokens) {
        for (const term of terms) {
          const remaining = left.get(term)! - 1;
          left.set(term, remaining);
          if (remaining > 0) continue;
          const id = this.dictionary.get(term);
          if (id === undefined) continue;
          if (inArena) {
            const key = id * this.fieldCount + fieldId;
            // The item is unchanged since it was added, so the arena holds this posting (MiniSearch relies on the same).
            if (key < this.counts.length) this.deadIn.set(key, (this.deadIn.get(key) ?? 0) + 1);
          } else this.dropFromOverlay(id, fieldId, slot);
          this.retireIfEmpty(term, id);
        }
      }
    });
    this.count -= 1;
  }

  /**
   * MiniSearch's discard, for an item that may have changed since it was added (so its terms cannot be worked out
   * again): it stops counting at once (document count, average field lengths), while its postings stay until a
   * search meets them (removeOccurrence) or a vacuum clears them all. MiniSearch vacuums in batches after the
   * discard returns once enough is discarded; here the vacuum is done at once at the same point, which gives the
   * state MiniSearch reaches a few timer ticks later.
   */
  discard(slot: number): void {
    this.finish();
    this.fields.forEach((_, fieldId) => this.removeFieldLength(fieldId, this.count, this.fieldLength[fieldId]!.get(slot)));
    this.count -= 1;
    this.dirtCount += 1;
    this.discarded.add(slot);
    if (this.dirtCount >= 20 && this.dirtCount / (1 + this.count + this.dirtCount) >= 0.1) this.vacuum();
  }

  /** MiniSearch's removeTerm for a discarded slot's posting: one occurrence fewer; at none the posting goes. */
  private removeOccurrence(term: string, id: number, fieldId: number, slot: number, freq: number): void {
    if (freq <= 1) this.dropDiscarded(id, fieldId, slot);
    else if (slot < this.builtSlots) this.discardedLeft(id * this.fieldCount + fieldId).set(slot, freq - 1);
    else this.overlay.get(id)![fieldId]!.set(slot, freq - 1);
    this.retireIfEmpty(term, id);
  }

  private discardedLeft(key: number): Map<number, number> {
    let left = this.discardedFreq.get(key);
    if (!left) this.discardedFreq.set(key, (left = new Map()));
    return left;
  }

  /** A discarded slot's posting goes: marked gone in the arena, or taken from the overlay. */
  private dropDiscarded(id: number, fieldId: number, slot: number): void {
    if (slot < this.builtSlots) {
      const key = id * this.fieldCount + fieldId;
      this.discardedLeft(key).set(slot, 0);
      this.deadIn.set(key, (this.deadIn.get(key) ?? 0) + 1);
    } else this.dropFromOverlay(id, fieldId, slot);
  }

  private dropFromOverlay(id: number, fieldId: number, slot: number): void {
    const byField = this.overlay.get(id);
    const docs = byField?.[fieldId];
    if (!docs) return;
    docs.delete(slot);
    if (docs.size === 0) byField![fieldId] = undefined;
  }

  /** A term with no posting left leaves the dictionary, as MiniSearch deletes it from its index. */
  private retireIfEmpty(term: string, id: number): void {
    let total = 0;
    for (let f = 0; f < this.fieldCount; f++) total += this.liveCount(id, f);
    if (total === 0) {
      this.overlay.delete(id);
      this.dictionary.delete(term);
      this.retired.set(term, id);
    }
  }

  /** MiniSearch's vacuum: every discarded slot's postings go, term by term in dictionary order. */
  private vacuum(): void {
    for (const [term, id] of [...this.dictionary]) {
      for (let f = 0; f < this.fieldCount; f++) {
        const gone: number[] = [];
        this.forEachPosting(id, f, (slot) => void (this.discarded.has(slot) && gone.push(slot)));
        for (const slot of gone) this.dropDiscarded(id, f, slot);
      }
      this.retireIfEmpty(term, id);
    }
    // Every posting of theirs is gone now: they are dead like removed slots, and their per-posting state can go.
    for (const slot of this.discarded) this.dead.add(slot);
    this.discarded.clear();
    this.discardedFreq.clear();
    this.dirtCount = 0;
  }

  /** MiniSearch's addFieldLength, verbatim. */
  private addFieldLength(slot: number, fieldId: number, count: number, length: number): void {
    this.fieldLength[fieldId]!.set(slot, length);
    const averageFieldLength = this.averageFieldLength[fieldId] || 0;
    const totalFieldLength = averageFieldLength * count + length;
    this.averageFieldLength[fieldId] = totalFieldLength / (count + 1);
  }

  /** MiniSearch's removeFieldLength, verbatim. */
  private removeFieldLength(fieldId: number, count: number, length: number): void {
    if (count === 1) {
      this.averageFieldLength[fieldId] = 0;
      return;
    }
    const totalFieldLength = this.averageFieldLength[fieldId]! * count - length;
    this.averageFieldLength[fieldId] = totalFieldLength / (count - 1);
  }

  has(term: string): boolean {
    return this.dictionary.has(term);
  }

  /** Vocabulary terms within `edits` of `term`, with their distance, in MiniSearch's order. */
  fuzzy(term: string, edits: number): [string, number][] {
    return [...this.dictionary.fuzzyGet(term, edits)].map(([t, [, distance]]) => [t, distance]);
  }

  /** How many live items hold a term in a field (MiniSearch's `docs.size`). */
  private liveCount(id: number, fieldId: number): number {
    const key = id * this.fieldCount + fieldId;
    const arena = key < this.counts.length ? this.counts[key]! - (this.deadIn.get(key) ?? 0) : 0;
    return arena + (this.overlay.get(id)?.[fieldId]?.size ?? 0);
  }

  /** The largest count of items holding the term over fields. */
  documentFrequency(term: string): number {
    const id = this.dictionary.get(term);
    if (id === undefined) return 0;
    let df = 0;
    for (let f = 0; f < this.fieldCount; f++) df = Math.max(df, this.liveCount(id, f));
    return df;
  }

  /** Every live slot holding the term in some field (a slot may come once per field). */
  forEachSlot(term: string, visit: (slot: number) => void): void {
    const id = this.dictionary.get(term);
    if (id === undefined) return;
    for (let f = 0; f < this.fieldCount; f++) this.forEachPosting(id, f, (slot) => visit(slot));
  }

  private forEachPosting(id: number, fieldId: number, visit: (slot: number, freq: number) => void): void {
    const key = id * this.fieldCount + fieldId;
    if (key < this.counts.length) {
      const bytes = this.bytes;
      const end = this.start[key + 1]!;
      const checkDead = this.dead.size > 0 || this.discarded.size > 0;
      let at = this.start[key]!;
      let slot = -1;
      while (at < end) {
        let v = 0;
        let shift = 0;
        let b: number;
        do {
          b = bytes[at++]!;
          v |= (b & 0x7f) << shift;
          shift += 7;
        } while (b & 0x80);
        slot += 1 + (v >>> 1);
        let freq = 1;
        if (v & 1) {
          freq = 0;
          shift = 0;
          do {
            b = bytes[at++]!;
            freq |= (b & 0x7f) << shift;
            shift += 7;
          } while (b & 0x80);
        }
        if (checkDead) {
          if (this.dead.has(slot)) continue;
          if (this.discarded.has(slot)) {
            const now = this.discardedFreq.get(key)?.get(slot);
            if (now === 0) continue;
            if (now !== undefined) freq = now;
          }
        }
        visit(slot, freq);
      }
    }
    const docs = this.overlay.get(id)?.[fieldId];
    if (docs) for (const [slot, freq] of docs) visit(slot, freq);
  }

  /** MiniSearch's executeQuery for these query shapes: slot → score, source terms and matched terms. */
  execute(query: CompactQuery | string, inherited: { combineWith: 'AND' | 'OR'; boostDocument?: (id: number) => number }): Map<number, RawResult> {
    if (typeof query !== 'string') {
      const options = {
        combineWith: query.combineWith ?? inherited.combineWith,
        boostDocument: 'boostDocument' in query ? query.boostDocument : inherited.boostDocument,
      };
      return combineResults(
        query.queries.map((q) => this.execute(q, options)),
        options.combineWith,
      );
    }
    const terms = query.split(' ').filter((t) => !!t);
    return combineResults(
      terms.map((t) => this.termResults(t, inherited.boostDocument)),
      inherited.combineWith,
    );
  }

  /**
   * execute() as columns: the same slots in the same order with the same scores (added up in the same order), and
   * instead of terms and match, the bits of the query terms each slot matched (`termBits` numbers them; at most 31).
   * Why: execute() makes an object, an array and a record for each posting of each term, which at a million entries
   * is a few hundred thousand objects a search that live until it ends — what the young-generation collections of a
   * search then spent most of their time copying.
   */
  executeColumns(
    query: CompactQuery | string,
    inherited: { combineWith: 'AND' | 'OR'; boostDocument?: (id: number) => number },
    termBits: ReadonlyMap<string, number>,
  ): Columns {
    if (typeof query !== 'string') {
      const options = {
        combineWith: query.combineWith ?? inherited.combineWith,
        boostDocument: 'boostDocument' in query ? query.boostDocument : inherited.boostDocument,
      };
      return this.combineColumns(
        query.queries.map((q) => this.executeColumns(q, options, termBits)),
        options.combineWith,
      );
    }
    const terms = query.split(' ').filter((t) => !!t);
    return this.combineColumns(
      terms.map((t) => this.termColumns(t, termBits.get(t)!, inherited.boostDocument)),
      inherited.combineWith,
    );
  }

  /** Scratch for finding a slot's row in a column set: `row[slot]` holds while `stamp[slot]` is the current mark. */
  private scratch: { row: Int32Array; stamp: Uint32Array; mark: number } | null = null;

  /** A fresh mark over slots [0, slotCount): rows set before it no longer count. */
  private markSlots(): { row: Int32Array; stamp: Uint32Array; mark: number } {
    let scratch = this.scratch;
    if (!scratch || scratch.row.length < this.slotCount || scratch.mark === 0xffffffff) {
      const size = Math.ceil(Math.max(this.slotCount, 1024) * 1.25);
      scratch = this.scratch = { row: new Int32Array(size), stamp: new Uint32Array(size), mark: 0 };
    }
    scratch.mark += 1;
    return scratch;
  }

  /** combineResults on columns: OR keeps a's order and appends b's new slots; AND keeps b's order, those in a. */
  private combineColumns(results: Columns[], combineWith: 'AND' | 'OR'): Columns {
    if (results.length === 0) return newColumns(0);
    return results.reduce((a, b) => {
      const scratch = this.markSlots();
      const { row, stamp, mark } = scratch;
      for (let i = 0; i < a.length; i++) {
        row[a.slot[i]!] = i;
        stamp[a.slot[i]!] = mark;
      }
      if (combineWith === 'OR') {
        const out = withCapacity(a, a.length + b.length);
        for (let j = 0; j < b.length; j++) {
          const slot = b.slot[j]!;
          if (stamp[slot] === mark) {
            const i = row[slot]!;
            out.score[i] = out.score[i]! + b.score[j]!;
            out.terms[i]! |= b.terms[j]!;
          } else {
            out.slot[out.length] = slot;
            out.score[out.length] = b.score[j]!;
            out.terms[out.length] = b.terms[j]!;
            out.length += 1;
          }
        }
        return out;
      }
      const out = newColumns(Math.min(a.length, b.length));
      for (let j = 0; j < b.length; j++) {
        const slot = b.slot[j]!;
        if (stamp[slot] !== mark) continue;
        const i = row[slot]!;
        out.slot[out.length] = slot;
        out.score[out.length] = a.score[i]! + b.score[j]!;
        out.terms[out.length] = a.terms[i]! | b.terms[j]!;
        out.length += 1;
      }
      return out;
    });
  }

  /** termResults as columns: rows in the order the map would take its keys, the term as `bit`. */
  private termColumns(term: string, bit: number, boostDocument: ((id: number) => number) | undefined): Columns {
    const id = this.dictionary.get(term);
    if (id === undefined) return newColumns(0);
    let capacity = 0;
    for (let f = 0; f < this.fieldCount; f++) {
      const key = id * this.fieldCount + f;
      capacity += (key < this.counts.length ? this.counts[key]! : 0) + (this.overlay.get(id)?.[f]?.size ?? 0);
    }
    const out = newColumns(capacity);
    const { row, stamp, mark } = this.markSlots();
    const mask = 1 << bit;
    this.forEachScored(term, id, boostDocument, (slot, weightedScore) => {
      if (stamp[slot] === mark) {
        const i = row[slot]!;
        out.score[i] = out.score[i]! + weightedScore;
      } else {
        stamp[slot] = mark;
        row[slot] = out.length;
        out.slot[out.length] = slot;
        out.score[out.length] = weightedScore;
        out.terms[out.length] = mask;
        out.length += 1;
      }
    });
    return out;
  }

  /** MiniSearch's termResults for an exact term (weight 1, term boost 1). */
  private termResults(term: string, boostDocument: ((id: number) => number) | undefined): Map<number, RawResult> {
    const results = new Map<number, RawResult>();
    const id = this.dictionary.get(term);
    if (id === undefined) return results;
    this.forEachScored(term, id, boostDocument, (slot, weightedScore, fieldName) => {
      const result = results.get(slot);
      if (result) {
        result.score += weightedScore;
        assignUniqueTerm(result.terms, term);
        const match = Object.prototype.hasOwnProperty.call(result.match, term) ? result.match[term] : undefined;
        if (match) match.push(fieldName);
        else result.match[term] = [fieldName];
      } else {
        results.set(slot, { score: weightedScore, terms: [term], match: { [term]: [fieldName] } });
      }
    });
    return results;
  }

  /** termResults' walk: each scored posting of the term, field by field in MiniSearch's order, with its weighted score. */
  private forEachScored(
    term: string,
    id: number,
    boostDocument: ((id: number) => number) | undefined,
    visit: (slot: number, weightedScore: number, fieldName: string) => void,
  ): void {
    this.fields.forEach((field, fieldId) => {
      const fieldBoost = field.boost || 1;
      let matchingFields = this.liveCount(id, fieldId);
      if (matchingFields === 0) return;
      const avgFieldLength = this.averageFieldLength[fieldId]!;
      const lengths = this.fieldLength[fieldId]!;
      this.forEachPosting(id, fieldId, (slot, termFreq) => {
        if (this.discarded.has(slot)) {
          // As MiniSearch does on meeting a discarded document: one occurrence of the term goes, and the document
          // no longer counts among those that match, for the rest of this field.
          this.removeOccurrence(term, id, fieldId, slot, termFreq);
          matchingFields -= 1;
          return;
        }
        const docBoost = boostDocument ? boostDocument(slot) : 1;
        if (!docBoost) return;
        const rawScore = bm25Score(termFreq, matchingFields, this.count, lengths.get(slot), avgFieldLength, this.bm25);
        visit(slot, 1 * 1 * fieldBoost * docBoost * rawScore, field.name);
      });
    });
  }

  /** True once anything changed after the build: the arena alone no longer says it all. */
  get changed(): boolean {
    return this.dead.size > 0 || this.discarded.size > 0 || this.slotCount !== this.builtSlots;
  }

  /**
   * The index as plain data. Terms go in dictionary order (as MiniSearch's toJSON) and are put back in that order,
   * so a cached start walks fuzzy lookups as a MiniSearch index loaded from its JSON did.
   */
  toJSON(): SerialisedCompact {
    this.finish();
    if (this.changed) throw new Error('a changed compact index is not serialised: rebuild it');
    const F = this.fieldCount;
    const terms: string[] = [];
    const start = new Uint32Array(this.dictionary.size * F + 1);
    const counts = new Uint32Array(this.dictionary.size * F);
    const bytes = new Uint8Array(this.bytes.length);
    let at = 0;
    // Each term-field's bytes stand alone (gaps start from slot -1), so reordering terms is a copy.
    for (const [term, id] of this.dictionary) {
      for (let f = 0; f < F; f++) {
        const key = id * F + f;
        const k = terms.length * F + f;
        bytes.set(this.bytes.subarray(this.start[key]!, this.start[key + 1]!), at);
        start[k] = at;
        at += this.start[key + 1]! - this.start[key]!;
        start[k + 1] = at;
        counts[k] = this.counts[key]!;
      }
      terms.push(term);
    }
    return {
      format: COMPACT_FORMAT,
      documentCount: this.count,
      slots: this.builtSlots,
      averageFieldLength: [...this.averageFieldLength],
      fieldLength: this.fieldLength.map((g) => toBase64(g.trimmed())),
      terms,
      start: toBase64(start),
      counts: toBase64(counts),
      bytes: toBase64(bytes.subarray(0, at)),
    };
  }

  private load(s: SerialisedCompact): void {
    if (s.format !== COMPACT_FORMAT || s.fieldLength.length !== this.fieldCount) throw new Error('not a compact index of these fields');
    this.count = s.documentCount;
    this.averageFieldLength = [...s.averageFieldLength];
    s.fieldLength.forEach((b, f) => (this.fieldLength[f] = Growable.from(uint32From(b))));
    s.terms.forEach((term, id) => this.dictionary.set(term, id));
    this.nextTermId = s.terms.length;
    this.start = uint32From(s.start);
    this.counts = uint32From(s.counts);
    this.bytes = uint8From(s.bytes);
    this.builtSlots = s.slots;
    this.slotCount = s.slots;
  }
}
