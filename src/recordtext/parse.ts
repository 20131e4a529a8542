import type { Entry, Kind, Person, Place } from '../data/schema.js';
import { parsePeriod } from '../search/period.js';
import { firstKind, kindAtStart, kindOfWord } from './kinds.js';
import { HOME_COUNTY, type PlaceFinder } from './places.js';

/** An entry read from record text, before it has an id, with what a person should check. */
export interface Draft {
  entry: Omit<Entry, 'id'>;
  /** Things the parser could not settle: no place named, a person without an organisation, … */
  flags: string[];
  /** 1-based line of the text where the activity starts. */
  line: number;
}

/** Text the parser read but could not turn into an entry, and why. */
export interface Skipped {
  line: number;
  text: string;
  reason: string;
}

export interface ParsedText {
  /** The first heading: the record's title ("Genomförda aktiviteter inom projektet 2016-2018"). */
  title: string | null;
  /** Every heading, the title first, in order. */
  sections: string[];
  drafts: Draft[];
  skipped: Skipped[];
}

export interface ParseOptions {
  /** Finds the places a text names; placeFinder() builds one from known places and municipalities. */
  findPlaces: PlaceFinder;
  /** Where an activity that names no place is put (flagged); null leaves its places empty. */
  homeCounty?: string | null;
  /** Topics to look for in the text (e.g. the record's own topics); found ones become the entry's topics. */
  topics?: readonly string[];
  /** The section of activities above the first heading. */
  defaultSection?: string;
}

// Kinds where the record names whom the team met or talked with: the other party becomes a contact (a person
// with a null name when the record gives only the organisation).
const CONTACT_KINDS = new Set<Kind>(['visit', 'phone-interview', 'phone-call', 'conversation', 'email']);
const PREPOSITIONS = new Set(['på', 'med', 'till', 'hos', 'i', 'vid', 'om', 'av', 'kring', 'för']);
// "Julia Larsson, projektledare." — two or more capitalised names, a comma, a role in lower case.
const NAME_ROLE = /^(\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)+),\s*(\p{Ll}[\p{L} -]*?)\.?$/u;
// "samtal med samordnare för Lärcentrum": an unnamed person given by role.
const ROLE_ONLY = /\b(?:samtal|intervju|möte)\s+med\s+(\p{Ll}+)\s+(?:för|på|vid|hos)\b/u;
const SENTENCE_BREAK = /(?<=[.!?])\s+(?=\p{Lu})/u;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const sentences = (s: string) => s.split(SENTENCE_BREAK);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const stripStop = (s: string) => s.replace(/[.\s]+$/, '');

interface Prefix {
  /** As written, separator included: "Våren 2017:" or "Våren 2017,". */
  written: string;
  period: Entry['period'];
  /** The rest of the line after the prefix. */
  rest: string;
}

/** "Våren 2017: Besök …" → the period the line opens with; null when it opens otherwise. */
function datePrefix(line: string): Prefix | null {
  const m = /^([^:,]{4,40})([:,])\s*/.exec(line);
  if (!m) return null;
  const label = m[1]!.trim();
  const parsed = parsePeriod(label);
  if (!parsed || parsed.rest !== '') return null;
  return { written: `${label}${m[2]}`, period: { label, start: parsed.start, end: parsed.end }, rest: line.slice(m[0].length) };
}

interface Activity {
  text: string;
  source: string;
  kind: Kind | null;
  line: number;
  /** For a list item, its lead-in without the colon ("telefonintervjuer med"); the item's first sentence names the organisation. */
  lead: string | null;
}

/** Paragraphs: runs of non-blank lines (a line of only spaces, no-break ones included, is blank). */
function paragraphs(text: string): { line: number; lines: string[] }[] {
  const out: { line: number; lines: string[] }[] = [];
  let current: { line: number; lines: string[] } | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = squash(raw);
    if (!line) {
      current = null;
      return;
    }
    if (!current) out.push((current = { line: i + 1, lines: [] }));
    current.lines.push(line);
  });
  return out;
}

/**
 * The activities of one dated paragraph. A lead-in with a kind ("Våren 2017, telefonintervjuer med:") makes each
 * following line one item of that kind, quoted as "lead-in … item". Otherwise a sentence or line that opens with a
 * kind word starts a new activity; the first is quoted with its date as written ("Våren 2018: Besök …"), the
 * later ones as "date … text", and lines that open otherwise continue the activity before them.
 */
function activitiesOf(prefix: Prefix, lines: string[], firstLine: number): Activity[] {
  const head = `${prefix.written} ${prefix.rest}`.trim();
  const leadKind = prefix.rest.endsWith(':') ? firstKind(prefix.rest)?.kind : undefined;
  if (leadKind && lines.length > 1) {
    const lead = prefix.rest.slice(0, -1).trim();
    return lines.slice(1).map((item, i) => ({ text: item, source: `${head} … ${item}`, kind: leadKind, line: firstLine + 1 + i, lead }));
  }
  const units: { text: string; line: number }[] = [];
  [prefix.rest, ...lines.slice(1)].forEach((text, i) => {
    if (text) for (const s of sentences(text)) units.push({ text: s, line: firstLine + i });
  });
  const groups: { parts: string[]; line: number }[] = [];
  for (const unit of units) {
    const last = groups[groups.length - 1];
    if (last && !kindAtStart(unit.text)) last.parts.push(unit.text);
    else groups.push({ parts: [unit.text], line: unit.line });
  }
  return groups.map((g, i) => {
    const text = g.parts.join(' ');
    return { text, source: i === 0 ? `${prefix.written} ${text}` : `${prefix.written} … ${text}`, kind: firstKind(text)?.kind ?? null, line: g.line, lead: null };
  });
}

/** The words after the kind ("Besök och samtal på X, …" → "X, …"); the text itself when no kind word opens it. */
function afterKind(text: string): string {
  const kind = firstKind(text);
  let rest = kind ? text.slice(kind.index + kind.word.length) : text;
  const more = /^\s+och\s+([\p{L}-]+)/u.exec(rest);
  if (more && kindOfWord(more[1]!)) rest = rest.slice(more[0].length);
  const prep = /^\s*([\p{L}]+)\s+/u.exec(rest);
  if (prep && PREPOSITIONS.has(prep[1]!.toLowerCase())) rest = rest.slice(prep[0].length);
  return rest.trim();
}

/** The object up to where the sentence turns to something else: a colon, a dash, or the sentence's end. */
function objectPhrase(text: string): string {
  return stripStop(text.split(/:|\s[–-]\s|\.(?:\s|$)/)[0]!);
}

/**
 * The organisation an object phrase names: "Lärcentrum på Malmö stadsbibliotek" → "Lärcentrum, Malmö
 * stadsbibliotek"; "Skogås bibliotek i Huddinge kommun" → "Skogås bibliotek" (the municipality is a place, not
 * part of the name); "biblioteken i Nacka kommun" → "Biblioteken i Nacka kommun" (without it there is no name).
 */
function organisationOf(phrase: string): string | null {
  let org = phrase.split(/,\s|\s(?:med|om)\s/u)[0]!.trim();
  const within = /^(\p{Lu}.*?)\s+i\s+\S.*\s(?:kommun|län)$/u.exec(org);
  if (within) org = within[1]!;
  org = org.replace(/^(.+?)\s+på\s+(\p{Lu}.*)$/u, '$1, $2');
  return org ? capitalise(org) : null;
}

/** "Blackebergs bibliotek, Skogås bibliotek i … och biblioteken i …": one part per place, when every part is one. */
function placeParts(object: string, findPlaces: PlaceFinder): string[] | null {
  const parts = object.split(/,\s+|\s+och\s+/).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return null;
  return parts.every((p) => findPlaces(p).length > 0) ? parts : null;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
}

interface Built {
  entry: Omit<Entry, 'id'>;
  flags: string[];
}

function build(activity: Activity, kind: Kind, period: Entry['period'], section: string, options: ParseOptions): Built[] {
  const isItem = activity.lead !== null;
  const settings = [...activity.text.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!);
  const main = squash(activity.text.replace(/\s*\([^)]*\)/g, ''));
  const settingPlaces = settings.flatMap((s) => options.findPlaces(s));
  const [itemOrg, ...itemRest] = isItem ? sentences(main) : [];
  const object = isItem ? stripStop(itemOrg ?? '') : objectPhrase(afterKind(main));
  const parts = isItem ? null : placeParts(object, options.findPlaces);

  return (parts ?? [null]).map((part) => {
    const flags: string[] = [];
    let places = uniqueBy([...settingPlaces, ...options.findPlaces(part ?? main)], (p) => p.name);
    if (places.length === 0) {
      const home = options.homeCounty === undefined ? HOME_COUNTY : options.homeCounty;
      if (home) {
        places = [{ name: home, municipality: null, county: home } satisfies Place];
        flags.push(`names no place: put in ${home}`);
      } else flags.push('names no place');
    }
    const organisation = isItem ? (itemOrg ? stripStop(itemOrg) : null) : organisationOf(part ?? object);
    const people: Person[] = [];
    for (const s of isItem ? itemRest : sentences(main)) {
      const m = NAME_ROLE.exec(s.trim());
      if (m) people.push({ name: m[1]!, role: m[2]!, organisation: organisation ?? places[0]!.name });
    }
    const byRole = ROLE_ONLY.exec(main);
    if (people.length === 0 && byRole && organisation) people.push({ name: null, role: byRole[1]!, organisation });
    if (people.length === 0 && CONTACT_KINDS.has(kind)) {
      if (organisation) people.push({ name: null, role: null, organisation });
      else flags.push('names no one the team was in touch with');
    }
    // "Mailkontakt med" + the part; "Telefonintervjuer med" + the item's organisation; else the first sentence.
    const lead = main.slice(0, main.length - afterKind(main).length).trim();
    const titleText = part ? `${lead} ${part}` : isItem ? `${activity.lead} ${object}` : sentences(main)[0]!;
    const title = capitalise(stripStop(titleText.split(/\s[–-]\s/)[0]!)).slice(0, 200);
    const folded = activity.text.toLowerCase();
    const topics = (options.topics ?? []).filter((t) => folded.includes(t.toLowerCase()));
    return {
      flags,
      entry: {
        kind,
        period,
        section,
        title,
        // The record's own words: the parser cannot write the one-sentence English summary the seed entries have.
        summary: stripStop(isItem ? `${object}. ${itemRest.join(' ')}` : activity.text) + '.',
        places,
        organisations: uniqueBy(people.map((p) => p.organisation), (o) => o),
        topics,
        people,
        source: activity.source,
      },
    };
  });
}

/**
 * Reads a record written like data/record.txt: headings (a line standing alone, no date in front, no full stop), dated
 * paragraphs ("Våren 2017:", "Hösten 2016-våren 2017:", "September 2017:"), lines that carry their paragraph's
 * date, lead-ins whose lines are items ("Våren 2017, telefonintervjuer med:"), "Name, role" pairs and lines that
 * name several places (one entry each).
 */
export function parseRecordText(text: string, options: ParseOptions): ParsedText {
  const result: ParsedText = { title: null, sections: [], drafts: [], skipped: [] };
  for (const para of paragraphs(text)) {
    const first = para.lines[0]!;
    const prefix = datePrefix(first);
    if (!prefix) {
      // A heading stands alone and is not a sentence: "Studiebesök och intervjuer", no full stop.
      if (para.lines.length === 1 && !/[.!?]$/.test(first)) {
        result.title ??= first;
        result.sections.push(first);
      } else {
        result.skipped.push({ line: para.line, text: para.lines.join(' '), reason: 'no date in front ("Våren 2018: …")' });
      }
      continue;
    }
    const section = result.sections[result.sections.length - 1] ?? options.defaultSection ?? 'Genomförda aktiviteter';
    for (const activity of activitiesOf(prefix, para.lines, para.line)) {
      if (!activity.kind) {
        result.skipped.push({ line: activity.line, text: activity.source, reason: 'no word that says what was done (Besök, Enkät, Telefonsamtal, …)' });
        continue;
      }
      for (const built of build(activity, activity.kind, prefix.period, section, options)) {
        result.drafts.push({ ...built, line: activity.line });
      }
    }
  }
  return result;
}
