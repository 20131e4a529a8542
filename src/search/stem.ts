/**
 * A light Swedish stemmer after the Snowball Swedish algorithm, with one deliberate addition: the definite
 * singular neuter "-et"/"-ets" (biblioteket, bibliotekets → bibliotek). The Snowball ports on npm implement the
 * older rule set that leaves "biblioteket" alone, and the record is full of definite forms, so this small
 * hand-written piece serves better than a dependency.
 *
 * Input: a folded word (lower case, å/ä/ö → a/a/o; see text.ts). Output: its stem.
 */

const VOWELS = new Set('aeiouy');
const S_ENDING = new Set('bcdfghjklmnoprtvy');

// Longest first, so "arnas" wins over "as".
const STEP1 = [
  'heterna', 'hetens', 'anden', 'heter', 'arnas', 'ernas', 'ornas', 'andes', 'arens', 'andet',
  'arna', 'erna', 'orna', 'ande', 'arne', 'aste', 'aren', 'ades', 'erns', 'ets',
  'ade', 'are', 'ern', 'ens', 'het', 'ast',
  'ad', 'en', 'ar', 'er', 'or', 'as', 'es', 'at', 'et',
  'a', 'e',
];
const STEP2 = ['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt'];

/** Start of region R1: after the first non-vowel that follows a vowel, and at least 3 letters in. */
function regionOne(word: string): number {
  for (let i = 1; i < word.length; i++) {
    if (VOWELS.has(word[i - 1]!) && !VOWELS.has(word[i]!)) return Math.max(i + 1, 3);
  }
  return word.length;
}

export function stemSwedish(word: string): string {
  if (word.length < 4) return word;
  const r1 = regionOne(word);
  let w = word;

  // Step 1: inflectional endings inside R1.
  let removed = false;
  for (const suffix of STEP1) {
    if (w.endsWith(suffix) && w.length - suffix.length >= r1) {
      w = w.slice(0, -suffix.length);
      removed = true;
      break;
    }
  }
  if (!removed && w.endsWith('s') && w.length - 1 >= r1 && S_ENDING.has(w[w.length - 2]!)) {
    w = w.slice(0, -1);
  }

  // Step 2: undouble a few consonant endings.
  if (STEP2.some((s) => w.endsWith(s)) && w.length - 1 >= r1) w = w.slice(0, -1);

  // Step 3: derivational endings.
  if (w.endsWith('fullt') && w.length - 5 >= r1) w = w.slice(0, -1);
  else if (w.endsWith('lost') && w.length - 4 >= r1) w = w.slice(0, -1);
  else if (w.endsWith('lig') && w.length - 3 >= r1) w = w.slice(0, -3);
  else if (w.endsWith('els') && w.length - 3 >= r1) w = w.slice(0, -3);
  else if (w.endsWith('ig') && w.length - 2 >= r1) w = w.slice(0, -2);

  return w;
}
