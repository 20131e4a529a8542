import type { Entry } from '../data/schema.js';
import { DOMAIN_HEADS } from './analyze.js';
import { ordinaryWords, organisationsOf } from './organisations.js';
import { byEntryMap, type KeyedMap } from './sharded-map.js';
import type { Sweden } from './sweden.js';
import { fold, words } from './text.js';

/** What the record's entries call by name, found once per record and shared by the indexes built over it. */
export interface RecordNames {
  /** Folded words indexed as names, never stemmed or split: people, places, single-word organisations. */
  words: ReadonlySet<string>;
  /** Per entry, the organisations it names (see organisations.ts); entries added later are put in by namesOfEntry. */
  organisations: KeyedMap<Entry, string[]>;
  /** Words the record uses in lower case (see organisations.ts), kept for entries added later. */
  ordinary: ReadonlySet<string>;
}

const LEVEL_WORDS = new Set(['lan', 'kommun', 'kommuns', 'stad', 'region']);
const foldedHeads = DOMAIN_HEADS.map(fold);
// A word built on a generic head ("Regionbibliotek", "DigidelCenter") is a description, searchable by its parts.
const isGeneric = (w: string) => foldedHeads.some((h) => w.endsWith(h));

/** Capitalised words of a name, folded, without level words ("Hässelby gård" → "hässelby"; "Nykvarns" kept). */
function capitalised(name: string): string[] {
  return words(name)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map(fold)
    .filter((w) => !LEVEL_WORDS.has(w));
}

export function recordNames(entries: readonly Entry[], sweden: Sweden): RecordNames {
  const names = sweden.nameWords();
  const add = (w: string) => {
    // A genitive ("Nykvarns", "Sundsvalls") is the name it belongs to; analyze.ts maps it back.
    if (!(w.endsWith('s') && names.has(w.slice(0, -1)))) names.add(w);
  };
  for (const e of entries) {
    for (const p of e.people) if (p.name) for (const w of words(fold(p.name))) add(w);
    for (const p of e.places) {
      for (const part of [p.municipality, p.district, p.county]) if (part) for (const w of capitalised(part)) add(w);
      const own = words(p.name);
      if (own.length === 1 && !isGeneric(fold(own[0]!))) add(fold(own[0]!));
    }
  }
  const ordinary = ordinaryWords(entries);
  const organisations = byEntryMap<string[]>(entries.length);
  for (const e of entries) {
    const orgs = organisationsOf(e, ordinary, names);
    organisations.set(e, orgs);
    for (const org of orgs) {
      const ws = words(fold(org));
      if (ws.length === 1 && !isGeneric(ws[0]!) && !ordinary.has(ws[0]!)) add(ws[0]!);
    }
  }
  return { words: names, organisations, ordinary };
}

/**
 * Records the organisations an entry added after the build names. The name words stay as they were built: a new
 * word learnt as a name would be searched whole while the entries indexed before it hold its stem.
 */
export function namesOfEntry(names: RecordNames, entry: Entry): void {
  // The entry's own people are names here too, as a full build would have them ("Saga Nilsson" is no organisation).
  const own = new Set(entry.people.flatMap((p) => (p.name ? words(fold(p.name)) : [])));
  names.organisations.set(entry, organisationsOf(entry, names.ordinary, { has: (w) => own.has(w) || names.words.has(w) }));
}

/** RecordNames as plain data for the start-up cache: the words, and each entry's organisations by record position. */
export interface SerialisedNames {
  words: string[];
  ordinary: string[];
  organisations: string[][];
}

export function serialiseNames(names: RecordNames, entries: readonly Entry[]): SerialisedNames {
  return { words: [...names.words], ordinary: [...names.ordinary], organisations: entries.map((e) => names.organisations.get(e) ?? []) };
}

/** The names from the cache, for the same entries in the same order (the cache key guarantees that). */
export function namesFrom(serialised: SerialisedNames, entries: readonly Entry[]): RecordNames {
  if (serialised.organisations.length !== entries.length) throw new Error('serialised names do not match the entries');
  return {
    words: new Set(serialised.words),
    ordinary: new Set(serialised.ordinary ?? []),
    organisations: organisationsByEntry(entries, serialised.organisations),
  };
}

/** Each entry's organisations, given in the entries' order. */
function organisationsByEntry(entries: readonly Entry[], organisations: readonly string[][]): KeyedMap<Entry, string[]> {
  const byEntry = byEntryMap<string[]>(entries.length);
  for (let i = 0; i < entries.length; i++) byEntry.set(entries[i]!, organisations[i]!);
  return byEntry;
}
