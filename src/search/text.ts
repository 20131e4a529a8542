/**
 * Text normalisation shared by indexing and querying. Everything that compares words goes through here,
 * so "Älvsjö", "ÄLVSJÖ", "alvsjo" and an NFD-decomposed "Älvsjö" all meet in one form.
 */

/** NFC + Swedish lower case. Keeps å/ä/ö: the "exact" form used to rank exact spellings first. */
export function lower(text: string): string {
  // Swedish needs no locale-specific lower-casing (unlike Turkish), and the locale-free one is much faster.
  const out = text.normalize('NFC').toLowerCase();
  // Norwegian and Danish keyboards type ø and æ for ö and ä: "Malmø" is Malmö, spelled exactly.
  return out.includes('ø') || out.includes('æ') ? out.replace(NORDIC, (c) => NORDIC_AS_SWEDISH[c]!) : out;
}

const NORDIC = /[øæ]/g;
const NORDIC_AS_SWEDISH: Record<string, string> = { ø: 'ö', æ: 'ä' };

const COMBINING_MARKS = /\p{M}+/gu;
const SPECIAL_FOLDS: Record<string, string> = { æ: 'a', ø: 'o', ß: 'ss', đ: 'd', ł: 'l' };
const NON_ASCII = /[\u0080-\uffff]/g;
// Folding is on every hot path (indexing, autocomplete), and text is mostly ASCII with a few å/ä/ö: each
// non-ASCII character is folded once and remembered.
const folded = new Map<string, string>();
function foldChar(c: string): string {
  let out = folded.get(c);
  if (out === undefined) {
    out = c.normalize('NFD').replace(COMBINING_MARKS, '');
    out = SPECIAL_FOLDS[out] ?? out;
    if (folded.size < 10000) folded.set(c, out);
  }
  return out;
}

/** Lower case without diacritics: å/ä→a, ö→o, é→e. The form the index stores. */
export function fold(text: string): string {
  return lower(text).replace(NON_ASCII, foldChar).replace(COMBINING_MARKS, '');
}

/** fold(), remembering its answers: for one build over many entries that repeat the same names. */
export function foldOnce(): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    let out = seen.get(text);
    if (out === undefined) {
      out = fold(text);
      seen.set(text, out);
    }
    return out;
  };
}

// Letters and digits, with inner hyphens and apostrophes kept out: "e-post" → "e", "post".
const WORD = /[\p{L}\p{N}]+/gu;

/** Splits text into words. Zero-width characters, emoji, punctuation and markdown are separators. */
export function words(text: string): string[] {
  return text.normalize('NFC').match(WORD) ?? [];
}

/** Words that carry no meaning for search, in both languages (folded). */
export const STOPWORDS = new Set(
  (
    // Swedish
    'och i pa med till om for av en ett den det de som ar var vi nar vem vilka vilken vilket vad hur har hade ' +
    'inom mellan kring utifran osv samt eller men fran vid hos sin sitt sina deras dess vart vara oss er ni du jag ' +
    'han hon man nagon nagra alla andra annan sa da ocksa bara efter under over mot utan genom ' +
    'var varit blev blir kan ska skulle vill finns fanns gjorde gor hande tillsammans samma hus ' +
    // English
    'the a an of in on at to for with and or by from as about into we us our you your i me my he she they them ' +
    'who whom whose what when where which how did do does done was were is are be been being has have had ' +
    'there their this that these those it its any all some other than then also only'
  ).split(/\s+/),
);

/** True for digits-only words such as years; they are handled by the period parser, not the text index. */
export function isNumber(word: string): boolean {
  return /^\p{N}+$/u.test(word);
}
