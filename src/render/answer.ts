import type { Reply } from '../commands/reply.js';
import type { Entry, Kind, Person } from '../data/schema.js';
import { formatSpan, inSentence, KIND_LABELS, type Locale, lowerFirst, periodLabel, t, upperFirst } from '../i18n.js';
import type { AnswerModel, Miss, Reading, Unnamed } from '../question/select.js';
import { BEING_KINDS, CONTACT_KINDS, SENTENCE_ITEMS, VISIT_KINDS } from '../question/vocabulary.js';
import { editDistance } from '../search/fuzzy.js';
import { fold, words } from '../search/text.js';
import { personText, placeText, roleLabel } from './format.js';
import { reportLine } from './living-format.js';

/**
 * The direct answer, in one sentence first, in the reader's language: built only from the entries the answer rests
 * on. Plain text (no markdown): the Discord renderer escapes it, JSON carries it as `answer`.
 */

// An answer about a county words tens of thousands of entries' periods, and a record has few distinct periods:
// each is worded once per language (the English wording comes from the months, the Swedish is the record's label).
// Keyed by what the wording depends on (the label in Swedish, the months in English) without making a key string.
const WHEN_SV = new Map<string, string>();
const WHEN_EN = new Map<string, Map<string, string>>();
const when = (e: Pick<Entry, 'period'>, locale: Locale) => {
  const { period } = e;
  let words = WHEN_SV;
  let key = period.label;
  if (locale === 'en') {
    key = period.end;
    let ends = WHEN_EN.get(period.start);
    if (!ends) {
      ends = new Map();
      if (WHEN_EN.size < 10000) WHEN_EN.set(period.start, ends);
    }
    words = ends;
  }
  let out = words.get(key);
  if (out === undefined) {
    out = inSentence(periodLabel(period, locale), locale);
    if (words.size < 10000) words.set(key, out);
  }
  return out;
};

/**
 * Kinds asked together, as one word (Swedish one, Swedish many, English one, English many) and its none ("inget
 * besök"): the first group all the kinds are in. A single kind is its own word (kindsWord).
 */
const KIND_GROUPS: { of: (k: Kind) => boolean; words: [string, string, string, string]; none: [string, string] }[] = [
  { of: (k) => BEING_KINDS.includes(k), words: ['besök', 'besök', 'visit', 'visits'], none: ['inget besök', 'no visit'] },
  {
    of: (k) => k === 'phone-call' || k === 'phone-interview',
    words: ['telefonkontakt', 'telefonkontakter', 'phone contact', 'phone contacts'],
    none: ['ingen telefonkontakt', 'no phone contact'],
  },
  { of: (k) => CONTACT_KINDS.includes(k), words: ['kontakt', 'kontakter', 'contact', 'contacts'], none: ['ingen kontakt', 'no contact'] },
];
const groupOf = (kinds: readonly Kind[]) => KIND_GROUPS.find((g) => kinds.every(g.of));

/** "3 telefonintervjuer", "5 telefonkontakter", "2 besök": a count of the kinds asked, as noneOf names them. */
function kindsCounted(kinds: readonly Kind[], n: number, locale: Locale): string {
  const sv = locale === 'sv';
  if (kinds.length === 1) return `${n} ${n === 1 ? kindWord(kinds[0]!, locale) : PLURAL[kinds[0]!][sv ? 0 : 1]}`;
  const words = groupOf(kinds)?.words;
  return words ? `${n} ${words[(sv ? 0 : 2) + (n === 1 ? 0 : 1)]}` : activities(n, locale);
}

/**
 * The word a count was asked in ("hur många studiebesök", "gånger"), spelt as the record's words are: typed without
 * å/ä/ö or misspelt ("telefonintevjuer"), a kind's own plural is used instead of echoing it.
 */
function countWord(model: AnswerModel, locale: Locale): string | null {
  const typed = model.unitWord;
  if (!typed) return null;
  const exact = COUNT_WORDS.find((w) => fold(w) === fold(typed));
  if (exact) return exact;
  const kinds = model.reading?.kinds;
  if (kinds?.length === 1) return PLURAL[kinds[0]!][locale === 'sv' ? 0 : 1];
  // A misspelt kind read as a word to search: the entries' one kind, when the word is that kind's plural misspelt.
  const kind = model.entries[0]?.kind;
  const own = kind && model.entries.every((e) => e.kind === kind) ? PLURAL[kind][locale === 'sv' ? 0 : 1] : null;
  return own && editDistance(fold(typed), fold(own), 2) <= 2 ? own : typed;
}

/** "inget besök" / "no visit": the asked kinds, as none of them. */
function noneOf(kinds: readonly Kind[], locale: Locale): string {
  const sv = locale === 'sv';
  // One kind is named as itself: "ingen studieresa" is not "inget besök" when there were visits.
  if (kinds.length === 1) return sv ? `${NEUTER.has(kinds[0]!) ? 'inget' : 'ingen'} ${kindWord(kinds[0]!, locale)}` : `no ${kindWord(kinds[0]!, locale)}`;
  return groupOf(kinds)?.none[sv ? 0 : 1] ?? (sv ? 'ingen sådan aktivitet' : 'no such activity');
}

/** "a, b och c" / "a, b and c"; items that hold commas themselves are kept apart with semicolons. */
function list(all: readonly string[], locale: Locale): string {
  return listOf(all, (s) => s, locale);
}

/**
 * The same of items worded on demand: only those the sentence names are worded, so an answer resting on a
 * county's 40,000 entries words twelve of them, not all. `total`: how many there are, when `all` holds only the
 * first of them (at least SENTENCE_ITEMS + 1).
 */
function listOf<T>(all: readonly T[], word: (item: T) => string, locale: Locale, total = all.length): string {
  const rest = total - SENTENCE_ITEMS;
  const items = rest > 1 ? [...all.slice(0, SENTENCE_ITEMS).map(word), locale === 'sv' ? `${rest} till` : `${rest} more`] : all.map(word);
  if (items.length <= 1) return items.join('');
  const and = locale === 'sv' ? 'och' : 'and';
  const separator = items.some((i) => i.includes(',')) ? '; ' : ', ';
  // English keeps a serial semicolon before "and" ("a; b; and c"); Swedish never puts one before "och".
  return `${items.slice(0, -1).join(separator)}${separator === '; ' && locale === 'en' && items.length > 2 ? ';' : ''} ${and} ${items.at(-1)}`;
}

/**
 * What happened, as a phrase: the English summary, or the record's Swedish title with what the title leaves out —
 * the people it names, and places and organisations not in the title ("… (Storforsen)", "… (Teknikpunkten)").
 */
export function entryPhrase(e: Entry, locale: Locale): string {
  if (locale === 'en') return lowerFirst(e.summary.replace(/\.$/, ''));
  const inTitle = new Set(words(fold(e.title)));
  const source = fold(e.source);
  // Only names the record itself writes ("Teknikpunkten", "Storforsen"), never a name the data file made up.
  const missing = (name: string) => source.includes(fold(name)) && words(fold(name)).some((w) => w.length >= 4 && !inTitle.has(w));
  const people = e.people.filter((p) => p.name).map((p) => [p.name, p.role].filter(Boolean).join(', '));
  const extras = [...new Set([...e.places.map((p) => p.name), ...e.organisations])].filter(missing);
  // Where the record explains them in a bracket of its own, its words say it better than a list of names:
  // "(Teknikpunkten med flerspråkig personal, samarbete med Arbetsförmedlingen, osv)", "(Regional konferens Storforsen)".
  const bracket = extras.length > 0 ? e.source.match(/\(([^()]+)\)/g)?.map((b) => b.slice(1, -1)).find((b) => extras.some((x) => fold(b).includes(fold(x)))) : undefined;
  const details = [...people, ...(bracket ? [bracket.replace(/,?\s*osv\.?$/, '')] : extras)];
  return `${lowerFirst(e.title)}${details.length > 0 ? ` (${details.join('; ')})` : ''}`;
}

/** "studieresa till DigidelCenter på Motala bibliotek (hösten 2017)" */
function withWhen(e: Entry, locale: Locale): string {
  const phrase = entryPhrase(e, locale);
  // One pair of brackets: "(Julia Larsson, projektledare; våren 2017)", not "(…) (våren 2017)".
  return phrase.endsWith(')') ? `${phrase.slice(0, -1)}; ${when(e, locale)})` : `${phrase} (${when(e, locale)})`;
}

/** The same with its article in Swedish, where a list follows a verb: "ett besök på …", "en telefonintervju med …". */
function withArticle(e: Entry, locale: Locale): string {
  // Titles of workshops are plural ("Workshops med …"), and English summaries carry their own article.
  if (locale === 'en' || e.kind === 'workshop') return withWhen(e, locale);
  return `${article(e.kind, locale)} ${withWhen(e, locale)}`;
}

const PLURAL: Record<Kind, [string, string]> = {
  survey: ['enkäter', 'surveys'],
  workshop: ['workshops', 'workshops'],
  conference: ['konferenser', 'conferences'],
  mapping: ['kartläggningar', 'mappings'],
  'study-trip': ['studieresor', 'study trips'],
  'study-visit': ['studiebesök', 'study visits'],
  visit: ['besök', 'visits'],
  'phone-interview': ['telefonintervjuer', 'phone interviews'],
  'phone-call': ['telefonsamtal', 'phone calls'],
  conversation: ['samtal', 'conversations'],
  email: ['mejlkontakter', 'emails'],
};
const NUMBER_WORDS: Record<Locale, string[]> = { sv: ['', 'en', 'två', 'tre', 'fyra', 'fem'], en: ['', 'one', 'two', 'three', 'four', 'five'] };

/**
 * The entries' distinct (kind, period) pairs in the order they first come, each with how many entries have it.
 * Keyed by the worded period and the kind, so that tens of thousands of entries make no string each.
 */
function kindsAndPeriods(entries: readonly Entry[], locale: Locale): { kind: Kind; when: string; n: number }[] {
  const groups: { kind: Kind; when: string; n: number }[] = [];
  const byWhen = new Map<string, Map<Kind, { kind: Kind; when: string; n: number }>>();
  for (const e of entries) {
    const w = when(e, locale);
    let kinds = byWhen.get(w);
    if (!kinds) byWhen.set(w, (kinds = new Map()));
    let g = kinds.get(e.kind);
    if (!g) {
      g = { kind: e.kind, when: w, n: 0 };
      kinds.set(e.kind, g);
      groups.push(g);
    }
    g.n++;
  }
  return groups;
}

/** "två telefonsamtal och en mejlkontakt (våren 2018)": each kind and period once, counted. */
function countedKinds(entries: readonly Entry[], locale: Locale): string[] {
  return kindsAndPeriods(entries, locale).map(({ kind, when: w, n }) =>
    n === 1 ? `${article(kind, locale)} ${kindWord(kind, locale)} (${w})` : `${NUMBER_WORDS[locale][n] ?? n} ${PLURAL[kind][locale === 'sv' ? 0 : 1]} (${w})`,
  );
}

/**
 * "mejlkontakt, våren 2018" or "telefonsamtal, våren 2018; besök, våren 2017": how and when, each pair once, as
 * many as a sentence names (listOf's rule): an organisation met every month for years is not 400 pairs in a bracket.
 */
function groupedKinds(entries: readonly Entry[], locale: Locale): string {
  const pairs = kindsAndPeriods(entries, locale).map((g) => `${kindWord(g.kind, locale)}, ${g.when}`);
  const rest = pairs.length - SENTENCE_ITEMS;
  if (rest <= 1) return pairs.join('; ');
  return `${pairs.slice(0, SENTENCE_ITEMS).join('; ')} ${locale === 'sv' ? `och ${rest} till` : `and ${rest} more`}`;
}
const KIND_WORDS = Object.fromEntries(
  (['sv', 'en'] as const).map((locale) => [locale, Object.fromEntries(Object.entries(KIND_LABELS).map(([kind, label]) => [kind, lowerFirst(label[locale])]))]),
) as Record<Locale, Record<Kind, string>>;
const kindWord = (kind: Kind, locale: Locale) => KIND_WORDS[locale][kind];

/** Entries under their period as worded in a sentence's start ("Våren 2017"), periods in the order they first come. */
function byLabel(entries: readonly Entry[], locale: Locale, periodsOf?: AnswerModel['periodsOf']): Map<string, Entry[]> {
  const labels = new Map<string, string>();
  const groups = new Map<string, Entry[]>();
  if (periodsOf) {
    // Each period number is worded once; its entries join their group without being read.
    const { ids, periods } = periodsOf;
    const groupOf: (Entry[] | undefined)[] = [];
    for (let j = 0; j < entries.length; j++) {
      let group = groupOf[ids[j]!];
      if (!group) {
        const label = upperFirst(when({ period: periods[ids[j]!]! }, locale));
        group = groups.get(label);
        if (!group) groups.set(label, (group = []));
        groupOf[ids[j]!] = group;
      }
      group.push(entries[j]!);
    }
    return groups;
  }
  // Entries in date order come in runs of one period: a run's next entry joins its group without a lookup.
  let last: { period: Entry['period']; group: Entry[] } | null = null;
  for (const e of entries) {
    if (last && sameWhen(last.period, e.period, locale)) {
      last.group.push(e);
      continue;
    }
    const w = when(e, locale);
    let label = labels.get(w);
    if (label === undefined) labels.set(w, (label = upperFirst(w)));
    let group = groups.get(label);
    if (group) group.push(e);
    else groups.set(label, (group = [e]));
    last = { period: e.period, group };
  }
  return groups;
}

/** Whether two periods are worded alike by `when` (what its wording depends on is the same). */
const sameWhen = (a: Entry['period'], b: Entry['period'], locale: Locale) =>
  a === b || (locale === 'en' ? a.start === b.start && a.end === b.end : a.label === b.label);

// Swedish nouns in -besök and -samtal are neuter ("ett besök"); the other kinds are common gender ("en studieresa").
const NEUTER = new Set<Kind>(['visit', 'study-visit', 'phone-call', 'conversation']);
function article(kind: Kind, locale: Locale): string {
  if (locale === 'sv') return NEUTER.has(kind) ? 'ett' : 'en';
  return /^[aeiou]/i.test(KIND_LABELS[kind].en) ? 'an' : 'a';
}

function plural(n: number, locale: Locale, one: [string, string], many: [string, string]): string {
  return `${n} ${n === 1 ? one[locale === 'sv' ? 0 : 1] : many[locale === 'sv' ? 0 : 1]}`;
}
const activities = (n: number, locale: Locale) => plural(n, locale, ['aktivitet', 'activity'], ['aktiviteter', 'activities']);

/** What a list or count is of, one and many ("1 kommun", "2 kommuner"), Swedish then English. */
const UNIT_WORDS: Record<NonNullable<AnswerModel['unit']>, [[string, string], [string, string]]> = {
  counties: [['län', 'län'], ['county', 'counties']],
  municipalities: [['kommun', 'kommuner'], ['municipality', 'municipalities']],
  people: [['person', 'personer'], ['person', 'people']],
  places: [['plats', 'platser'], ['place', 'places']],
  libraries: [['bibliotek', 'bibliotek'], ['library', 'libraries']],
};
const unitWord = (unit: NonNullable<AnswerModel['unit']>, locale: Locale, n = 2) => UNIT_WORDS[unit][locale === 'sv' ? 0 : 1][n === 1 ? 0 : 1];

/** Every word a count can be asked in, spelt as the record's words are (see countWord). */
const COUNT_WORDS = [...Object.values(PLURAL).flat(), ...Object.values(UNIT_WORDS).flat(2), 'gånger', 'times'];

function missText(miss: Miss, locale: Locale): string {
  const sv = locale === 'sv';
  switch (miss.kind) {
    case 'place': {
      const where = miss.sweden && miss.sweden.level === 'municipality' ? `${miss.text} (${miss.sweden.county})` : miss.text;
      return sv ? `protokollet har ingen aktivitet i ${where}` : `the record has no activity in ${where}`;
    }
    case 'period':
      return sv
        ? `protokollet har inga aktiviteter under ${inSentence(formatSpan(miss.start, miss.end, locale), locale)} (det täcker våren 2016–våren 2018)`
        : `the record has no activities in ${inSentence(formatSpan(miss.start, miss.end, locale), locale)} (it covers spring 2016 to spring 2018)`;
    case 'unsupported-period':
      return lowerFirst(t(locale).periodUnsupported(miss.which)).replace(/\.$/, '');
    case 'terms':
      return sv ? `protokollet nämner inget om ”${miss.terms.join(' ')}”` : `the record says nothing about "${miss.terms.join(' ')}"`;
  }
}

/**
 * Whether text cut here escapes (escape.ts) to the start of what the whole escapes to: only a line that is so far
 * blank or digits could still turn into a numbered-list mark ("12.") with what follows, and be escaped there.
 */
const cutEscapesAlike = (text: string) => !/(?:^|\n)\s*\d*$/.test(text);

/**
 * The answer to a question, from its model. `shown`: the reader sees at most this many characters (Discord's
 * message content); an answer naming a county's every period may then stop once it is longer, where stopping
 * cannot change those characters, even escaped. Without it the answer is whole.
 */
export function answerSentence(model: AnswerModel, locale: Locale, shown = Infinity): string {
  const before = termsOnly(model, locale);
  return before ? `${before} ${answerOf(model, locale, shown - before.length - 1, true)}` : answerOf(model, locale, shown, false);
}

/**
 * "Protokollet daterar inget till mars 2017, bara till terminer:" when a month was asked and no entry is dated to it:
 * the entries answering are those under way then (a term, the mapping's two), and the reader should know it. Empty
 * otherwise, and for yes/no (its ja or nej comes first).
 */
function termsOnly(model: AnswerModel, locale: Locale): string {
  const period = model.reading?.period;
  if (!period || period.start !== period.end || model.shape === 'yes-no' || model.misses.length > 0 || model.otherTimes) return '';
  const { entries } = model;
  if (entries.length === 0 || entries.some((e) => e.period.start === period.start && e.period.end === period.end)) return '';
  const month = inSentence(formatSpan(period.start, period.end, locale), locale);
  return locale === 'sv' ? `Protokollet anger bara terminen för detta, inte ${month}:` : `The record gives only the term for these, not ${month}:`;
}

/** The answer after termsOnly's note, if any (`termsNoted`). */
function answerOf(model: AnswerModel, locale: Locale, shown: number, termsNoted: boolean): string {
  const sv = locale === 'sv';
  if (model.misses.length > 0) {
    const why = model.misses.map((m) => missText(m, locale)).join('; ');
    return `${model.shape === 'yes-no' ? (sv ? 'Nej, ' : 'No, ') : ''}${model.shape === 'yes-no' ? why : upperFirst(why)}.`;
  }
  if (model.shape === 'yes-no') {
    if (model.perPlace.length > 1) {
      // "Besökte vi Nykvarn eller Luleå?": each place gets its own verdict; a no says what there was none of, and
      // when ("Nykvarn: nej, inget besök under 2018"): the entries listed under it may be of other times.
      const kinds = model.reading?.kinds;
      const then = askedPeriod(model, locale);
      const none = kinds || then ? `${kinds ? noneOf(kinds, locale) : sv ? 'inget' : 'nothing'}${then}` : '';
      // "nej, inget besök under 2018"; in English "no visit in 2018" (not "no, no visit").
      const no = (missing: boolean) =>
        missing ? (sv ? 'nej, ingen aktivitet där' : 'no activity there') : !none ? (sv ? 'nej' : 'no') : sv ? `nej, ${none}` : none;
      const verdicts = model.perPlace.map((p) =>
        p.entries.length > 0 ? `${p.label}: ${sv ? 'ja' : 'yes'} – ${listOf(p.entries, (e) => withArticle(e, locale), locale)}` : `${p.label}: ${no(p.missing)}`,
      );
      return `${upperFirst(verdicts.join('. '))}.`;
    }
    if (model.yes) return `${sv ? 'Ja' : 'Yes'}: ${listOf(model.entries, (e) => withArticle(e, locale), locale)}.`;
    if (model.mentionedOnly && model.subject) {
      const where = listOf(model.nearest, (e) => withArticle(e, locale), locale);
      return sv
        ? `Nej, protokollet nämner inget möte med ${model.subject}, bara namnet i ${where}.`
        : `No, the record mentions no meeting with ${model.subject}, only its name in ${where}.`;
    }
    if (model.otherTimes) {
      // "Gjorde vi några telefonintervjuer hösten 2016?": not then, and when instead.
      const held = listOf(model.entries, (e) => withArticle(e, locale), locale);
      const then = askedPeriod(model, locale);
      return sv ? `Nej, inte${then}, bara vid andra tider: ${held}.` : `No, not${then}, only at other times: ${held}.`;
    }
    if (model.nearest.length > 0) {
      // The record not saying so is not the record saying no: say what it does hold.
      const held = listOf(model.nearest, (e) => withArticle(e, locale), locale);
      // With a period asked, the no is about that period: the entries held may well be the kind at other times.
      const then = askedPeriod(model, locale);
      return sv ? `Nej, inte${then} enligt protokollet, som bara nämner ${held}.` : `No, not${then} according to the record, which only has ${held}.`;
    }
    return sv ? 'Nej, protokollet har inget sådant.' : 'No, the record has nothing like that.';
  }
  // A who-answer holds what it collected of its entries' people, nothing only when it has no entries: it is worded
  // without reading them (a /contact answer's entries are gathered only when read).
  // "Hur många personer ringde vi 2018?" when the calls name no one is answered as whom the record does name.
  if (model.shape === 'who' || (model.noneNamed && !collectedNothing(model))) {
    if (collectedNothing(model)) return nothingFits(model, locale);
    // Whom, without a count: the entries counted are not the people named.
    return model.otherTimes ? `${noneThen(model, model.entries, locale, false)}. ${whoSentence(model, locale)}` : whoSentence(model, locale);
  }
  const { entries } = model;
  if (entries.length === 0) return nothingFits(model, locale);
  switch (model.shape) {
    case 'when': {
      // "besök Västerbotten": say first that there was no visit, then what the record does have.
      const none = noneThere(model, entries, locale);
      // Each period once: "Spring 2018: a phone call with … and a phone call with …". A county has every period:
      // worded only until the reader has more than they are shown.
      const periods: string[] = [];
      let length = none.length;
      for (const [label, es] of byLabel(entries, locale, model.periodsOf)) {
        const period = `${label}: ${listOf(es, (e) => entryPhrase(e, locale), locale)}`;
        periods.push(period);
        length += period.length + 2;
        if (length > shown) {
          const start = `${none ? `${none}. ` : ''}${periods.join('. ')}`;
          if (start.length > shown && cutEscapesAlike(start)) return start;
        }
      }
      const lead = periods.join('. ');
      if (none) return `${none}. ${lead}.`;
      if (model.also.length === 0) return `${lead}.`;
      const more = list(countedKinds(model.also, locale), locale);
      const subject = upperFirst(model.subject ?? '');
      return sv ? `${lead}. ${subject} nämns också i ${more}.` : `${lead}. ${subject} is also mentioned in ${more}.`;
    }
    case 'where': {
      return `${listOf(model.places, placeText, locale)}.`;
    }
    case 'how-many': {
      const n = model.unit ? model.items.length : entries.length;
      // The question's own word counts ("hur många telefonintervjuer"), but one is one: "1 telefonintervju".
      const one = n !== 1 ? null : model.unit ? unitWord(model.unit, locale, 1) : model.reading?.kinds ? kindWord(entries[0]!.kind, locale) : sv ? 'aktivitet' : 'activity';
      const what = one ?? countWord(model, locale) ?? (model.unit ? unitWord(model.unit, locale) : sv ? 'aktiviteter' : 'activities');
      const shown = () => (model.unit ? list(model.items, locale) : listOf(entries, (e) => withWhen(e, locale), locale));
      const none = noneThere(model, entries, locale);
      if (none) return `${none}: ${shown()}.`;
      // Not "(mars 2017)" after a note that the record gives only the term (termsOnly).
      const span = model.reading?.period && !termsNoted ? ` (${inSentence(formatSpan(model.reading.period.start, model.reading.period.end, locale), locale)})` : '';
      if (!model.unit && entries.length > 0 && entries.every((e) => e.kind === 'workshop')) {
        // Each workshop entry is a round of workshops ("Workshopar med bibliotekspersonal"): count rounds, not workshops.
        return sv
          ? `Workshops vid ${n} ${n === 1 ? 'tillfälle' : 'tillfällen'}${span}; protokollet säger inte hur många workshops det var: ${shown()}.`
          : `Workshops on ${n} ${n === 1 ? 'occasion' : 'occasions'}${span}; the record does not say how many workshops there were: ${shown()}.`;
      }
      // People counted by name; a person the record gives only a role for is said after ("Utan namn nämns också
      // samordnaren på Lärcentrum …"). Organisations without anyone named are not people, and not said.
      const roles = model.unit === 'people' ? [...new Set(model.unnamed.bodies.filter((p) => p.role).map((p) => bodyText(p, locale)))] : [];
      const unnamed = roles.length > 0 ? (sv ? ` Utan namn nämns också ${list(roles, locale)}.` : ` Also mentioned, without a name: ${list(roles, locale)}.`) : '';
      return `${n} ${what}${span}: ${shown()}.${unnamed}`;
    }
    case 'how-in-touch': {
      return `${upperFirst(listOf(entries, (e) => `${kindWord(e.kind, locale)} (${when(e, locale)}): ${entryPhrase(e, locale)}`, locale))}.`;
    }
    case 'first':
    case 'last': {
      const { winner } = model;
      if (winner) return sv ? `Först kom ${withWhen(winner, locale)}.` : `First came ${withWhen(winner, locale)}.`;
      // Never the kind asked there (missingKinds): what the record has instead, none of it first or last.
      if (model.missingKinds && !model.otherTimes) return `${noneThere(model, entries, locale)}: ${listOf(entries, (e) => withWhen(e, locale), locale)}.`;
      const word = model.shape === 'first' ? (sv ? 'Först' : 'First') : sv ? 'Senast' : 'Last';
      const label = model.otherTimes ? `${noneThen(model, entries, locale, false)}. ${word}` : word;
      // Entries of one period come in the record's order: the record does not say which of them came first.
      const month = entries[0]!.period.start === entries[0]!.period.end;
      const within = sv ? (month ? 'inom månaden' : 'inom terminen') : month ? 'within the month' : 'within the term';
      const tie = entries.length > 1 ? (sv ? ` (protokollet anger ingen ordning ${within})` : ` (the record gives no order ${within})`) : '';
      // One period (the usual case): "Senast, våren 2018: besök på Bibblerian …", not "Senast: Våren 2018: …".
      const first = entries[0]!;
      if (entries.every((e) => sameWhen(e.period, first.period, locale))) {
        return `${label}, ${sv ? '' : 'in '}${when(first, locale)}${tie}: ${listOf(entries, (e) => entryPhrase(e, locale), locale)}.`;
      }
      return `${label}${tie}: ${byPeriod(entries, locale).replace(/^[^.]*\. /, '')}`;
    }
    default: {
      const none = noneThere(model, entries, locale);
      if (none && model.unit && model.items.length > 0) return `${none}: ${list(model.items, locale)}.`;
      if (model.unit === 'libraries' || model.unit === 'places') {
        // "Vilka bibliotek besökte vi 2018?": the libraries by name, each with when and how.
        if (model.listed) {
          const { count, first } = model.listed;
          return `${count} ${unitWord(model.unit, locale, count)}: ${listOf(first, (g) => `${g.name} (${groupedKinds(g.kindsAndPeriods, locale)})`, locale, count)}.`;
        }
        // A model made without the record's numbers (an answer's own entries are grouped, read one by one).
        const byPlace = new Map<string, Entry[]>();
        for (const e of entries) {
          const name = e.places.at(-1)?.name ?? e.title;
          const es = byPlace.get(name);
          if (es) es.push(e);
          else byPlace.set(name, [e]);
        }
        return `${byPlace.size} ${unitWord(model.unit, locale, byPlace.size)}: ${listOf([...byPlace], ([name, es]) => `${name} (${groupedKinds(es, locale)})`, locale)}.`;
      }
      if (model.unit && model.items.length > 0) {
        return `${model.items.length} ${unitWord(model.unit, locale, model.items.length)}: ${list(model.items, locale)}.`;
      }
      // "Vilka besökte vi i Nacka?" when only an email is there: the missing visit first, in place of the count.
      return none ? `${none}. ${byPeriod(entries, locale).replace(/^[^.]*\. /, '')}` : byPeriod(entries, locale);
    }
  }
}

/**
 * "Inget besök i Nacka enligt protokollet, men 1 annan kontakt": when nothing of the asked kind was found and the
 * answer holds what the record has at the place instead (AnswerModel.missingKinds); empty otherwise. Two places asked
 * together are named together ("i Huddinge eller Nacka"). The same when nothing was found in the asked period and
 * the answer holds the rest of the question at other times (AnswerModel.otherTimes): "Ingen telefonintervju under
 * hösten 2016 enligt protokollet, men 3 vid andra tider".
 */
function noneThere(model: AnswerModel, entries: readonly Entry[], locale: Locale): string {
  if (model.otherTimes) return noneThen(model, entries, locale);
  if (!model.missingKinds) return '';
  const sv = locale === 'sv';
  const places = model.reading?.places ?? [];
  const where = places.length > 1 ? places.join(sv ? ' eller ' : ' or ') : model.subject;
  // Where it was asked: the place, else the words ("Hur många mejl om medborgarservice?"); and when, if asked.
  const terms = model.reading?.terms.join(' ');
  const at = where ? (sv ? ` i ${where}` : ` in ${where}`) : terms ? (sv ? ` om ”${terms}”` : ` about "${terms}"`) : '';
  if (!at) return '';
  const contacts = entries.every((e) => CONTACT_KINDS.includes(e.kind));
  const other = contacts ? plural(entries.length, locale, ['annan kontakt', 'other contact'], ['andra kontakter', 'other contacts']) : activities(entries.length, locale);
  const none = `${upperFirst(noneOf(model.missingKinds, locale))}${at}${askedPeriod(model, locale)}`;
  return sv ? `${none} enligt protokollet, men ${other}` : `${none} according to the record, but ${other}`;
}

/** " under hösten 2017" / " in autumn 2017": the period the question asked, for a sentence saying there was none; empty without one. */
function askedPeriod(model: AnswerModel, locale: Locale): string {
  const period = model.reading?.period;
  if (!period) return '';
  return `${locale === 'sv' ? ' under' : ' in'} ${inSentence(formatSpan(period.start, period.end, locale), locale)}`;
}

/** See noneThere: nothing in the asked period, and how much the answer holds from other times (without `counted`, only that it does). */
function noneThen(model: AnswerModel, entries: readonly Entry[], locale: Locale, counted = true): string {
  const sv = locale === 'sv';
  const { reading, unit } = model;
  // The words asked about are part of what there was none of: "projektledare" in autumn 2017, not any contact.
  const terms = reading?.terms.length ? (sv ? ` om ”${reading.terms.join(' ')}”` : ` about "${reading.terms.join(' ')}"`) : '';
  const what = reading?.kinds && !terms ? noneOf(reading.kinds, locale) : sv ? `inget${terms}` : `nothing${terms}`;
  const places = reading?.places.length ? ` ${sv ? 'i' : 'in'} ${reading.places.join(sv ? ' eller ' : ' or ')}` : '';
  const none = `${upperFirst(what)}${places}${askedPeriod(model, locale)}${sv ? ' enligt protokollet' : ' according to the record'}`;
  if (!counted) return sv ? `${none}, bara vid andra tider` : `${none}, only at other times`;
  const n = unit && model.items.length > 0 ? model.items.length : entries.length;
  // "3 telefonintervjuer", "1 aktivitet": a number alone reads as a fragment.
  const how = unit && model.items.length > 0 ? `${n} ${unitWord(unit, locale, n)}` : reading?.kinds && (reading.kinds.length === 1 || !terms) ? kindsCounted(reading.kinds, n, locale) : activities(n, locale);
  return sv ? `${none}, men ${how} vid andra tider` : `${none}, but ${how} at other times`;
}

/** Who: the named people, then what the record says where it names no one (see AnswerModel.people and unnamed). */
function whoSentence(model: AnswerModel, locale: Locale): string {
  const sv = locale === 'sv';
  const { people } = model;
  const parts: string[] = [];
  if (people.length > 0) parts.push(`${listOf(people, (p) => personText(p, locale), locale, model.peopleCount)}.`);
  // Where the record names no one: the organisations (with a role where it gives one), then when and how;
  // with neither, the record's own words say who was there ("tillsammans med biblioteksanställda i länet").
  const { bodies, how } = unnamedParts(model.unnamed, locale);
  const { without } = model.unnamed;
  if (bodies.length > 0) {
    const who = list(bodies, locale);
    if (people.length > 0) parts.push(sv ? `Utan namn nämns också ${who} (${how}).` : `Also mentioned, without a name: ${who} (${how}).`);
    else parts.push(sv ? `Protokollet nämner inga namn, bara ${who} (${how}).` : `The record names no one, only ${who} (${how}).`);
  }
  if (without.length > 0) {
    // The record's own line, its full stop after the closing quote: ”… osv)”.
    const words = listOf(without, (e) => (sv ? `”${e.source.replace(/\.$/, '')}”` : withWhen(e, locale)), locale, model.unnamed.withoutCount);
    // Said once: after "Protokollet nämner inga namn, bara …" the rest is "inga namn heller".
    if (people.length === 0 && bodies.length > 0) parts.push(sv ? `Inga namn heller i ${words}.` : `Nor does it name anyone in ${words}.`);
    else parts.push(sv ? `Protokollet nämner inga namn: ${words}.` : `The record names no one: ${words}.`);
  }
  return parts.join(' ');
}

/** What a who-answer collected of its entries' people holds nothing exactly when it has no entries (see collectPeople). */
const collectedNothing = (model: AnswerModel) =>
  model.people.length === 0 && model.unnamed.bodies.length === 0 && model.unnamed.kindsAndPeriods.length === 0 && model.unnamed.without.length === 0;

/** No entry fits every part of the question at once, though each part is in the record: say which, so the reader can drop one. */
function nothingFits(model: AnswerModel, locale: Locale): string {
  const parts = model.reading ? readingParts(model.reading, locale).join(', ') : '';
  return locale === 'sv'
    ? `Protokollet har inget som passar allt detta på en gång${parts ? `: ${parts}` : ''}.`
    : `The record has nothing that fits all of this at once${parts ? `: ${parts}` : ''}.`;
}

/**
 * An organisation the record names no one at, in a sentence: with a role, the role holder ("samordnaren på
 * Lärcentrum, Malmö stadsbibliotek", "the coordinator at …"), not the list form "samordnare – Lärcentrum, …".
 */
function bodyText(p: Pick<Person, 'name' | 'role' | 'organisation'>, locale: Locale): string {
  if (p.name || !p.role) return personText(p, locale);
  if (locale === 'en') return `the ${roleLabel(p.role, locale)} at ${p.organisation}`;
  const role = p.role.toLowerCase();
  return `${role.endsWith('e') ? `${role}n` : `${role}en`} på ${p.organisation}`;
}

/**
 * Of entries that name no one (see AnswerModel.unnamed): the organisations, with a role where the record gives one,
 * each once; how and when they were in touch ("mejlkontakt, våren 2018; besök, våren 2017"), each pair once.
 */
function unnamedParts(unnamed: Unnamed, locale: Locale): { bodies: string[]; how: string } {
  return {
    bodies: [...new Set(unnamed.bodies.map((p) => bodyText(p, locale)))],
    how: groupedKinds(unnamed.kindsAndPeriods, locale),
  };
}

/** How many entries a list answer names before "och N till": the sentence must stay a sentence. */
const LISTED = 8;

/**
 * "6 aktiviteter. Våren 2018: besök på Bibblerian …, telefonsamtal med … och mejlkontakt med …" — entries under
 * their period as the record dates them, each period said once, in the order given.
 */
function byPeriod(entries: readonly Entry[], locale: Locale): string {
  const shown = entries.slice(0, LISTED);
  // Grouped by period in the order the periods first appear (for /search: the best hit's period first).
  const groups = new Map<string, string[]>();
  for (const e of shown) {
    const label = upperFirst(when(e, locale));
    groups.set(label, [...(groups.get(label) ?? []), entryPhrase(e, locale)]);
  }
  const rest = entries.length - shown.length;
  const more = rest > 0 ? (locale === 'sv' ? ` … och ${rest} till` : ` … and ${rest} more`) : '';
  return `${upperFirst(activities(entries.length, locale))}. ${[...groups].map(([label, phrases]) => `${label}: ${list(phrases, locale)}`).join('. ')}${more}.`;
}

function kindsLabel(kinds: Kind[], locale: Locale): string {
  const same = (a: readonly Kind[]) => a.length === kinds.length && a.every((k) => kinds.includes(k));
  if (same(CONTACT_KINDS)) return locale === 'sv' ? 'kontakter' : 'contacts';
  if (same(VISIT_KINDS)) return locale === 'sv' ? 'besök' : 'visits';
  if (same(['phone-interview', 'phone-call'])) return locale === 'sv' ? 'telefon' : 'phone';
  return kinds.map((k) => kindWord(k, locale)).join('/');
}

/** "Tolkat som: besök · Stockholm · 2018" — the constraints the answer used, so a wrong reading shows. */
export function readingLine(reading: Reading | null, locale: Locale): string {
  if (!reading) return '';
  const parts = readingParts(reading, locale);
  return `${t(locale).readAs}: ${parts.length > 0 ? parts.join(' · ') : locale === 'sv' ? 'hela protokollet' : 'the whole record'}`;
}

function readingParts(reading: Reading, locale: Locale): string[] {
  const sv = locale === 'sv';
  return [
    reading.kinds ? kindsLabel(reading.kinds, locale) : null,
    reading.unit ? unitWord(reading.unit, locale) : null,
    ...reading.places,
    ...reading.excluded.map((p) => (sv ? `utom ${p}` : `not ${p}`)),
    reading.period ? inSentence(formatSpan(reading.period.start, reading.period.end, locale), locale) : null,
    ...(reading.terms.length > 0 ? [sv ? `”${reading.terms.join(' ')}”` : `"${reading.terms.join(' ')}"`] : []),
  ].filter((p): p is string => Boolean(p));
}

/** The first line of any reply: the answer for a question, or a sentence that sums the reply up (`shown`: see answerSentence). */
export function answerText(reply: Reply, shown = Infinity): string {
  const { locale } = reply;
  if (reply.answer) return answerSentence(reply.answer, locale, shown);
  switch (reply.type) {
    case 'notice':
      return reply.title;
    case 'help':
      return reply.description ?? reply.title;
    case 'entry':
      return `${upperFirst(when(reply.entry, locale))}: ${entryPhrase(reply.entry, locale)}.`;
    case 'summary':
      return reply.description ?? reply.title;
    case 'contacts':
      return `${list(reply.contacts.slice(0, 5).map((c) => personText(c)), locale)}${reply.contacts.length > 5 ? ' …' : ''}.`;
    case 'entries':
      return byPeriod(reply.entries, locale);
    case 'report':
      return reportLine(reply.report, locale);
  }
}
