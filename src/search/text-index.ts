import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import { type Analyzer, queryTerm } from './analyze.js';
import { allowedEdits } from './fuzzy.js';
import type { QueryGroup } from './query.js';
import { words } from './text.js';

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

/**
 * A MiniSearch index over items of one kind with the Swedish pipeline. Exact terms are searched as typed;
 * only a query term that is nowhere in the vocabulary gets typo tolerance, so "Motla" finds Motala while a
 * correctly spelled word never drags in look-alikes, and a word that is nowhere ("Kiruna") finds nothing.
 */
export class TextIndex<T> {
  private readonly mini: MiniSearch<{ i: number; item: T }>;
  private readonly vocabulary = new Set<string>();

  constructor(
    items: readonly T[],
    fields: readonly FieldSpec<T>[],
    private readonly analyzer: Analyzer,
  ) {
    const byName = new Map(fields.map((f) => [f.name, f]));
    this.mini = new MiniSearch<{ i: number; item: T }>({
      idField: 'i',
      fields: fields.map((f) => f.name),
      extractField: (doc, field) => (field === 'i' ? doc.i : byName.get(field)!.extract(doc.item)),
      tokenize: (text) => words(text),
      processTerm: (term) => {
        const terms = this.analyzer.indexTerms(term);
        for (const t of terms) this.vocabulary.add(t);
        return terms;
      },
      searchOptions: {
        boost: Object.fromEntries(fields.map((f) => [f.name, f.boost])),
        processTerm: (term) => queryTerm(term),
        fuzzy: (term) => (this.vocabulary.has(term) ? false : allowedEdits(term.length) || false),
        // Ranking should not prefer short fields just because they are short (titles vs. quoted sources).
        bm25: { k: 1.2, b: 0.5, d: 0.5 },
      },
    });
    this.mini.addAll(items.map((item, i) => ({ i, item })));
  }

  get termCount(): number {
    return this.vocabulary.size;
  }

  /** Every concept must match (AND); if nothing does, any may (OR). */
  search(groups: readonly QueryGroup[], filter?: (index: number) => boolean): TextHit[] {
    if (groups.length === 0) return [];
    const asQuery = (combineWith: 'AND' | 'OR'): Query => ({
      combineWith,
      queries: groups.map((g) => ({
        combineWith: 'OR',
        queries: g.alternatives.map((alt) => ({ combineWith: 'AND', queries: [alt] })),
      })),
    });
    const options = filter ? { filter: (r: SearchResult) => filter(r.id as number) } : {};
    let results = this.mini.search(asQuery('AND'), options);
    if (results.length === 0 && groups.length > 1) results = this.mini.search(asQuery('OR'), options);
    return results.map((r) => ({ index: r.id as number, score: r.score, exact: this.isExact(r) }));
  }

  private isExact(result: SearchResult): boolean {
    const typed = new Set(result.queryTerms);
    return result.terms.every((t) => typed.has(t));
  }
}
