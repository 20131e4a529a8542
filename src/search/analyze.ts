import { stemSwedish } from './stem.js';
import { fold, isNumber, STOPWORDS, words } from './text.js';

/**
 * Heads of Swedish compounds the record builds on. A word ending in one of these (after a modifier of at least
 * three letters) is also indexed under the head: stadsbibliotek → bibliotek, projektsamordnare → samordnare,
 * medborgarservice → service. Words that stand alone in the indexed text are added at build time. Names of
 * organisations (Teknikpunkten, Arbetsförmedlingen) are names, not compounds: see names.ts.
 */
export const DOMAIN_HEADS = [
  'bibliotek', 'personal', 'anställda', 'samordnare', 'ledare', 'service', 'center', 'centrum', 'kontor',
  'kompetens', 'resa', 'besök', 'intervju', 'samtal', 'kontakt', 'kommun', 'planer', 'plan', 'platser',
  'plats', 'agenda', 'konferens', 'bildning', 'stockholm',
];

const MIN_HEAD = 4;
const MIN_MODIFIER = 3;

/**
 * Deliberate deviation from Snowball 3 (listed in NOTES-search.md): Snowball keeps "-et" after two consonants,
 * because there it is often part of the word (budget, konkret, magnet). After "kt" and "pt" it is the definite
 * article in practice, and the record says "projektet" where a reader types "projekt".
 */
const DEFINITE_AFTER_CLUSTER = /(?<=[kp]t)ets?$/;

/** Snowball 3 Swedish with the project's deviations, on a folded word. */
export function stemWord(folded: string): string {
  return stemSwedish(folded.replace(DEFINITE_AFTER_CLUSTER, ''));
}

/**
 * Folded, then stemmed: the one form both the index and queries use. Folding first makes "enkät" and a typed
 * "enkat" meet (the stemmer would otherwise see "-at" in one and not the other).
 */
export function stemFolded(word: string): string {
  return stemWord(fold(word));
}

/**
 * Turns words into index terms: stem, plus compound head and modifier. Names (people, places, organisations;
 * see names.ts) are kept whole: "Petter" is not "pett" of "kompetens", "Skogås" is not "skog". Caches per word.
 */
export class Analyzer {
  private readonly heads = new Set<string>(DOMAIN_HEADS.map(stemFolded));
  private readonly cache = new Map<string, string[]>();
  private readonly learned = new Set<string>();

  /** @param names folded name words; a word in it (or its genitive, "Nykvarns") is indexed as the name. */
  constructor(private readonly names: ReadonlySet<string> = new Set()) {}

  /** Teaches the analyzer words that stand alone in the text, so compounds ending in them split. */
  learn(text: string): void {
    for (const word of words(text)) {
      // Each distinct word once: records repeat their vocabulary endlessly.
      if (this.learned.has(word)) continue;
      this.learned.add(word);
      const w = fold(word);
      if (w.length >= 5 && !STOPWORDS.has(w) && !isNumber(w) && this.nameOf(w) === null) this.heads.add(stemWord(w));
    }
    this.cache.clear();
  }

  /** The name a folded word is, or null: the word itself, or a name with a genitive s ("sundsvalls"). */
  nameOf(folded: string): string | null {
    // The genitive first: "Västernorrlands" is Västernorrland even where the county's full name is listed too.
    if (folded.endsWith('s') && this.names.has(folded.slice(0, -1))) return folded.slice(0, -1);
    if (this.names.has(folded)) return folded;
    return null;
  }

  indexTerms(word: string): string[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const terms = this.compute(word);
    this.cache.set(word, terms);
    return terms;
  }

  /** The term a query word searches for, or null for stopwords and numbers. */
  queryTerm(word: string): string | null {
    const f = fold(word);
    if (STOPWORDS.has(f) || isNumber(f)) return null;
    return this.nameOf(f) ?? stemWord(f);
  }

  private compute(word: string): string[] {
    const f = fold(word);
    if (STOPWORDS.has(f) || isNumber(f)) return [];
    const name = this.nameOf(f);
    if (name !== null) return [name];
    const stem = stemWord(f);
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

/** The term a query word searches for without a record's names, or null for stopwords and numbers. */
export function queryTerm(word: string): string | null {
  const f = fold(word);
  if (STOPWORDS.has(f) || isNumber(f)) return null;
  return stemWord(f);
}
