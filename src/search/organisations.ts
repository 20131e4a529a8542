import type { Entry } from '../data/schema.js';
import { fold } from './text.js';

/**
 * Organisations an entry names: its organisations list, each part of a comma list on its own ("Lärcentrum,
 * Malmö stadsbibliotek" names Lärcentrum too), and proper names that only its title or source text carries
 * ("… Sundsvalls stadsbibliotek Kulturmagasinet", "samarbete med Arbetsförmedlingen").
 */
export function organisationsOf(entry: Entry, ordinary: ReadonlySet<string>, known: { has(word: string): boolean }): string[] {
  const out = new Set<string>();
  for (const org of entry.organisations) {
    out.add(org);
    for (const part of org.split(/\s*,\s*/)) if (part) out.add(part);
  }
  for (const name of properNames(`${entry.title}. ${entry.source}`)) {
    const f = fold(name);
    if (!ordinary.has(f) && !known.has(f) && !(f.endsWith('s') && known.has(f.slice(0, -1)))) out.add(name);
  }
  return [...out];
}

// A capitalised word that does not start a sentence, a parenthesis or a list item: a proper name.
const MID_SENTENCE_CAPITAL = /(?<=[\p{Ll}\p{N},]\s+)\p{Lu}[\p{L}]{5,}/gu;

function properNames(text: string): string[] {
  return text.match(MID_SENTENCE_CAPITAL) ?? [];
}

/** Every word the entries' text uses in lower case: a capitalised word that also appears so is not a name. */
export function ordinaryWords(entries: readonly Entry[]): Set<string> {
  // Distinct words first, folded once each: records repeat their vocabulary endlessly.
  const raw = new Set<string>();
  for (const e of entries) {
    for (const text of [e.title, e.source]) for (const w of text.match(LOWER_CASE_WORD) ?? []) raw.add(w);
  }
  return new Set([...raw].map(fold));
}

const LOWER_CASE_WORD = /(?<![\p{L}\p{N}])\p{Ll}[\p{L}\p{N}]*/gu;
