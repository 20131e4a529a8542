import { editDistance } from './fuzzy.js';

/**
 * Strings looked up by prefix and by edit distance without scanning them all with a full edit distance: sorted for
 * prefixes (binary search), and for typos a letter-set test first. A string within d edits (substitutions,
 * insertions, deletions, adjacent transpositions) of another has at most d letters the other lacks, each way —
 * a two-popcount test on 32-bit letter masks that leaves few strings for editDistance to check.
 */
export class NameIndex {
  private readonly sorted: string[];
  private readonly masks: Uint32Array;
  private readonly lengths: Uint16Array;

  constructor(strings: Iterable<string>) {
    this.sorted = [...new Set(strings)].sort();
    this.masks = Uint32Array.from(this.sorted, letterMask);
    this.lengths = Uint16Array.from(this.sorted, (s) => Math.min(s.length, 0xffff));
  }

  get size(): number {
    return this.sorted.length;
  }

  /** The strings that start with `prefix`, in sorted order. */
  withPrefix(prefix: string): string[] {
    const list = this.sorted;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < list.length && list[i]!.startsWith(prefix); i++) out.push(list[i]!);
    return out;
  }

  /** The strings within `edits` edits of `text` (editDistance's measure), itself included when present. */
  near(text: string, edits: number): string[] {
    const mask = letterMask(text);
    const out: string[] = [];
    for (let i = 0; i < this.sorted.length; i++) {
      if (Math.abs(this.lengths[i]! - text.length) > edits) continue;
      const other = this.masks[i]!;
      if (popcount(mask & ~other) > edits || popcount(other & ~mask) > edits) continue;
      if (editDistance(text, this.sorted[i]!, edits) <= edits) out.push(this.sorted[i]!);
    }
    return out;
  }

  /** The strings for which `test` holds (a scan of the distinct strings, for the rare substring test). */
  filter(test: (s: string) => boolean): string[] {
    return this.sorted.filter(test);
  }
}

/** One bit per letter (by char code, 32 buckets): a shared bucket only weakens the test, never wrongs it. */
function letterMask(s: string): number {
  let mask = 0;
  for (let i = 0; i < s.length; i++) mask |= 1 << (s.charCodeAt(i) & 31);
  return mask >>> 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
