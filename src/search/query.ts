import { queryTerm } from './analyze.js';
import { GLOSSARY, LONGEST_PHRASE } from './glossary.js';
import { sweden } from './sweden.js';
import { fold, words } from './text.js';

/** The Swedish land a phrase names ("Norrland", "northern Sweden"), as the short names of its counties. */
function landAsCounties(phrase: string): string[] | null {
  const place = sweden().place(phrase);
  if (place?.level !== 'region') return null;
  return place.counties.map((c) => c.replace(/s? län$/, ''));
}

/**
 * One concept of a query and the ways it may be written: the words as typed, plus the Swedish words an English
 * phrase translates to. "citizen service 2017" → [["citizen service", "medborgarservice"]].
 */
export interface QueryGroup {
  /** The typed words of this concept, folded. */
  typed: string;
  /** Alternatives, each a string of words that must all match (AND) for the alternative to match. */
  alternatives: string[];
}

/** Splits query text into concepts, expanding glossary phrases (longest first). Stopwords and numbers drop out. */
export function queryGroups(text: string): QueryGroup[] {
  const tokens = words(fold(text));
  const groups: QueryGroup[] = [];
  for (let i = 0; i < tokens.length; ) {
    let matched = false;
    for (let n = Math.min(LONGEST_PHRASE + 1, tokens.length - i); n >= 1; n--) {
      const phrase = tokens.slice(i, i + n).join(' ');
      const translations = GLOSSARY[phrase] ?? landAsCounties(phrase);
      if (translations) {
        groups.push({ typed: phrase, alternatives: [phrase, ...translations] });
        i += n;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const token = tokens[i]!;
    if (queryTerm(token) !== null) groups.push({ typed: token, alternatives: [token] });
    i += 1;
  }
  return groups;
}
