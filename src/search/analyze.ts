import { stemSwedish } from './stem.js';
import { fold, isNumber, STOPWORDS, words } from './text.js';

/**
 * Heads of Swedish compounds the record builds on. A word ending in one of these (after a modifier of at least
 * three letters) is also indexed under the head: stadsbibliotek → bibliotek, projektsamordnare → samordnare,
 * medborgarservice → service. Words that stand alone in the indexed text are added at build time.
 */
const DOMAIN_HEADS = [
  'bibliotek', 'personal', 'anställda', 'samordnare', 'ledare', 'service', 'center', 'centrum', 'kontor',
  'kompetens', 'resa', 'besök', 'intervju', 'samtal', 'kontakt', 'kommun', 'planer', 'plan', 'platser',
  'plats', 'agenda', 'konferens', 'bildning', 'punkten', 'förmedlingen', 'magasinet', 'stockholm',
];

const MIN_HEAD = 4;
const MIN_MODIFIER = 3;

/**
 * Folded, then stemmed: the one form both the index and queries use. Folding first makes "enkät" and a typed
 * "enkat" meet (the stemmer would otherwise see "-at" in one and not the other).
 */
export function stemFolded(word: string): string {
  return stemSwedish(fold(word));
}

/** Turns words into index terms: stem, plus compound head and modifier. Caches per word: vocabularies are small. */
export class Analyzer {
  private readonly heads = new Set<string>(DOMAIN_HEADS.map(stemFolded));
  private readonly cache = new Map<string, string[]>();
  private readonly learned = new Set<string>();

  /** Teaches the analyzer words that stand alone in the text, so compounds ending in them split. */
  learn(text: string): void {
    for (const word of words(text)) {
      // Each distinct word once: records repeat their vocabulary endlessly.
      if (this.learned.has(word)) continue;
      this.learned.add(word);
      const w = fold(word);
      if (w.length >= 5 && !STOPWORDS.has(w) && !isNumber(w)) this.heads.add(stemSwedish(w));
    }
    this.cache.clear();
  }

  indexTerms(word: string): string[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const terms = this.compute(word);
    this.cache.set(word, terms);
    return terms;
  }

  private compute(word: string): string[] {
    const f = fold(word);
    if (STOPWORDS.has(f) || isNumber(f)) return [];
    const stem = stemSwedish(f);
    const terms = [stem];
    // Longest head first: "regionbibliotek" → "bibliotek", not "tek".
    for (let i = MIN_MODIFIER; i <= f.length - MIN_HEAD; i++) {
      const head = stemFolded(f.slice(i));
      if (head.length >= MIN_HEAD - 1 && this.heads.has(head) && head !== stem) {
        terms.push(head);
        // The modifier without a linking s: "stads" → "stad", "projekt" → "projekt".
        const modifier = f.slice(0, i).replace(/s$/, '');
        if (modifier.length >= MIN_MODIFIER && !STOPWORDS.has(modifier)) terms.push(stemFolded(modifier));
        break;
      }
    }
    return terms;
  }
}

/** The term a query word searches for, or null for stopwords and numbers. */
export function queryTerm(word: string): string | null {
  const f = fold(word);
  if (STOPWORDS.has(f) || isNumber(f)) return null;
  return stemFolded(word);
}
