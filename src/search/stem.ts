/**
 * The Snowball 3 Swedish stemmer, written out in TypeScript.
 *
 * Why our own and not `multilingual-stemmer` (Snowball 3 compiled to WebAssembly, 100 % on Snowball's test data):
 * the WASM package loads with a top-level await, which makes every module that imports the search engine
 * asynchronous to load, and it asks for Node 22. This file is synchronous, has no dependency, and agrees with
 * that package on every word of the test vocabulary (test/stem.test.ts prints the figure; the package is the
 * test's independent oracle). Speed: both stem in well under a microsecond per word, and the index memoises
 * stems per distinct word, so speed does not decide.
 *
 * Input: a lower-case word. The algorithm is defined on å/ä/ö; the index feeds it folded words (see analyze.ts
 * and the deviations listed in NOTES-search.md).
 */

const VOWELS = new Set('aeiouyäåö');
const S_ENDING = new Set('bcdfghjklmnoprtvy');
const OST_ENDING = new Set('iklnprtuv');

// Longest first, so that the longest ending that lies in R1 wins, as Snowball's `among` does.
const MAIN_SUFFIXES = [
  'heterna', 'hetens', 'anden', 'andes', 'andet', 'arens', 'arnas', 'ernas', 'heten', 'heter', 'ornas',
  'ades', 'ande', 'aren', 'arna', 'arne', 'aste', 'erna', 'erns', 'orna',
  'ade', 'are', 'ast', 'ens', 'ern', 'het',
  'ad', 'ar', 'as', 'at', 'en', 'er', 'es', 'et', 'or',
  'a', 'e', 's',
].sort((a, b) => b.length - a.length);
const CONSONANT_PAIRS = ['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt'];
const OTHER_SUFFIXES = ['fullt', 'lig', 'els', 'öst', 'ig'];

/**
 * Endings before "-et" that are part of the word, not the definite article: frihet, societet, alfabet, paket.
 * Snowball 3's et_condition.
 */
const ET_KEEPS = [
  'h', 'iet', 'uit', 'fab', 'cit', 'dit', 'alit', 'ilit', 'mit', 'nit', 'pit', 'rit', 'sit', 'tit', 'ivit', 'kvit', 'xit',
  'kom', 'rak', 'pak', 'stak',
];

const isVowel = (c: string | undefined) => c !== undefined && VOWELS.has(c);

/** Start of R1: after the first non-vowel that follows a vowel, and at least 3 letters in. */
function regionOne(word: string): number {
  let i = 0;
  while (i < word.length && !isVowel(word[i])) i++;
  while (i < word.length && isVowel(word[i])) i++;
  // `gopast non-v`: past the first non-vowel after the vowels; no such letter leaves R1 empty.
  if (i >= word.length) return word.length;
  return Math.max(i + 1, 3);
}

/** May "-et" ending at `end` be removed: a consonant then a vowel before it (not the first letter), no kept ending. */
function etRemovable(word: string, end: number): boolean {
  const c = word[end - 1];
  if (c === undefined || isVowel(c) || !isVowel(word[end - 2]) || end - 2 <= 0) return false;
  const before = word.slice(0, end);
  return !ET_KEEPS.some((k) => before.endsWith(k));
}

export function stemSwedish(word: string): string {
  if (word.length < 4) return word;
  const r1 = regionOne(word);
  let w = word;

  // Main suffix: the longest listed ending that lies wholly in R1.
  const suffix = MAIN_SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= r1);
  if (suffix === 's') {
    // "-ets" goes whole when "-et" may go (bibliotekets); only the "s" needs to be in R1. Else the "s" alone,
    // after a letter that takes a genitive s.
    const base = w.length - 1;
    if (w.endsWith('ets') && etRemovable(w, base - 2)) w = w.slice(0, base - 2);
    else if (S_ENDING.has(w[base - 1]!)) w = w.slice(0, base);
  } else if (suffix === 'et') {
    if (etRemovable(w, w.length - 2)) w = w.slice(0, -2);
  } else if (suffix) {
    w = w.slice(0, -suffix.length);
  }

  // Consonant pair: both letters in R1, then the last one goes (argt stays, "bestämt" → "bestäm").
  if (w.length - 2 >= r1 && CONSONANT_PAIRS.some((p) => w.endsWith(p))) w = w.slice(0, -1);

  // Other suffixes, in R1.
  const other = OTHER_SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= r1);
  if (other === 'fullt' || (other === 'öst' && OST_ENDING.has(w[w.length - 4]!))) w = w.slice(0, -1);
  else if (other === 'lig' || other === 'els' || other === 'ig') w = w.slice(0, -other.length);

  return w;
}
