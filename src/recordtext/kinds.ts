import type { Kind } from '../data/schema.js';
import { fold } from '../search/text.js';

/**
 * The words a record uses to say what was done, folded, each with the kind it means. Compound words are whole
 * words here: "Studiebesök" is a study visit, not a visit; "Telefonsamtal" a phone call, not a conversation.
 */
const KIND_WORDS: [RegExp, Kind][] = [
  [/^enkat(en|er|erna)?$/, 'survey'],
  [/^workshop(s|ar|en|arna)?$/, 'workshop'],
  [/^(\w+)?konferens(en|er)?$/, 'conference'],
  [/^kartlaggning(en|ar)?$/, 'mapping'],
  [/^studieres(a|an|or)$/, 'study-trip'],
  [/^studiebesok(et|en)?$/, 'study-visit'],
  [/^besok(et|en)?$/, 'visit'],
  [/^telefonintervju(n|er|erna)?$/, 'phone-interview'],
  [/^telefonsamtal(et|en)?$/, 'phone-call'],
  [/^samtal(et|en)?$/, 'conversation'],
  [/^(mail|mejl|e-?post)kontakt(en|er)?$/, 'email'],
];

/** The kind a single word names, or null. */
export function kindOfWord(word: string): Kind | null {
  const folded = fold(word);
  for (const [pattern, kind] of KIND_WORDS) if (pattern.test(folded)) return kind;
  return null;
}

const WORD = /[\p{L}-]+/gu;

/** The kind named by the first word of a text ("Studiebesök på …"), or null when it starts otherwise. */
export function kindAtStart(text: string): Kind | null {
  const first = text.match(WORD)?.[0];
  return first ? kindOfWord(first) : null;
}

/** The first kind named anywhere in a text ("Regional konferens om …" → conference), with where its word starts. */
export function firstKind(text: string): { kind: Kind; index: number; word: string } | null {
  for (const m of text.matchAll(WORD)) {
    const kind = kindOfWord(m[0]);
    if (kind) return { kind, index: m.index, word: m[0] };
  }
  return null;
}
