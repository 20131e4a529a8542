import type { Entry, Place } from '../data/schema.js';
import { allowedEdits, editDistance } from './fuzzy.js';
import { NameIndex } from './name-index.js';
import { insertByDate, removeByDate } from './order.js';
import type { RecordNames } from './names.js';
import { type Sweden, type SwedishPlace, sweden as defaultSweden } from './sweden.js';
import { fold, STOPWORDS, words } from './text.js';

export type PlaceLevel = 'library' | 'organisation' | 'district' | 'municipality' | 'county';

/** One name a place can be asked for by, at one level, and the entries there in date order. */
export interface PlaceName {
  level: PlaceLevel;
  /** As the record writes it: "Motala bibliotek", "Motala", "Östergötlands län". */
  label: string;
  /** Folded, without "län"/"kommun" and a trailing genitive s: "motala bibliotek", "ostergotland". */
  key: string;
  /** The place at this level with the levels above it (no display text: src/render/ words it). */
  place: Pick<Place, 'name' | 'district' | 'municipality' | 'county'>;
  entries: Entry[];
}

export type MatchQuality = 'exact' | 'prefix' | 'fuzzy' | 'contains';

export interface PlaceMatch {
  quality: MatchQuality;
  places: PlaceName[];
  /** The Swedish place the query named, when it was recognised as one (Norrland → its counties in the record). */
  sweden?: SwedishPlace;
}

/**
 * What a place query found: places in the record; a place in Sweden where the record has no activity (say so,
 * do not offer a look-alike); or nothing known.
 */
export type PlaceLookup =
  | { status: 'found'; match: PlaceMatch }
  | { status: 'no-activity'; place: SwedishPlace }
  | { status: 'unknown' };

// Words that name the level rather than the place; they steer which level is meant.
const COUNTY_WORDS = new Set(['lan', 'county', 'region']);
const MUNICIPALITY_WORDS = new Set(['kommun', 'kommuns', 'municipality', 'stad', 'city']);
const LEVEL_ORDER: PlaceLevel[] = ['municipality', 'library', 'organisation', 'district', 'county'];
const COUNTY_FIRST: PlaceLevel[] = ['county', 'municipality', 'library', 'organisation', 'district'];

// Words that say what kind of place or body, not which: "stadsbibblan i Sundsvall", "Botkyrka kommun".
const BODY_HEADS = ['bibliotek', 'kommun', 'kontor', 'center', 'centrum', 'library', 'libraries', 'office'];
const COLLOQUIAL = /^(stads)?bibbl(a|an|or|orna|ans)$/;
export const isGenericWord = (w: string) =>
  COLLOQUIAL.test(w) || COUNTY_WORDS.has(w) || MUNICIPALITY_WORDS.has(w) || BODY_HEADS.some((h) => w.endsWith(h) || w.startsWith(h));

/** "Stockholms län" → "stockholm", "Nykvarns" → "nykvarn", "Motala bibliotek" → "motala bibliotek". */
export function placeKey(text: string): string {
  const ws = words(fold(text)).filter((w) => !COUNTY_WORDS.has(w) && !MUNICIPALITY_WORDS.has(w));
  if (ws.length === 1 && ws[0]!.length > 4) ws[0] = ws[0]!.replace(/s$/, '');
  return ws.join(' ');
}

type Located = PlaceName['place'];

function placeNamesOf(place: Place): [PlaceLevel, Located][] {
  const { county, municipality, district } = place;
  const names: [PlaceLevel, Located][] = [['county', { name: county, municipality: null, county }]];
  if (municipality) names.push(['municipality', { name: municipality, municipality, county }]);
  if (district) names.push(['district', { name: district, district, municipality, county }]);
  if (place.name !== county && place.name !== municipality) names.push(['library', { name: place.name, district, municipality, county }]);
  return names;
}

/**
 * Indexes over a gazetteer's names, so a lookup costs about the same with 250 place names or 25,000: positions in
 * `names` by key, by word of the key and by county label, and the distinct keys and words for prefix and typo
 * lookups. Positions are only valid for the list they were made from.
 */
interface LookupIndex {
  positionsByKey: Map<string, number[]>;
  positionsByWord: Map<string, number[]>;
  countyByLabel: Map<string, number>;
  keys: NameIndex;
  keyWords: NameIndex;
  /** Each name's label folded, by position: what a did-you-mean compares with. */
  folded: string[];
}

function lookupIndexOf(names: readonly PlaceName[]): LookupIndex {
  const positionsByKey = new Map<string, number[]>();
  const positionsByWord = new Map<string, number[]>();
  const countyByLabel = new Map<string, number>();
  const push = (map: Map<string, number[]>, key: string, position: number) => {
    const list = map.get(key);
    if (list) list.push(position);
    else map.set(key, [position]);
  };
  names.forEach((n, position) => {
    push(positionsByKey, n.key, position);
    for (const w of new Set(n.key.split(' '))) push(positionsByWord, w, position);
    if (n.level === 'county') countyByLabel.set(n.label, position);
  });
  const folded = names.map((n) => fold(n.label));
  return { positionsByKey, positionsByWord, countyByLabel, keys: new NameIndex(positionsByKey.keys()), keyWords: new NameIndex(positionsByWord.keys()), folded };
}

/** A gazetteer as plain data for the start-up cache: its names in order, each entry by its date rank. */
export interface SerialisedPlaces {
  names: (Omit<PlaceName, 'entries'> & { entries: number[] })[];
}

/** Every place in the record, at every level, with its entries; and the organisations the entries name. */
export class Gazetteer {
  readonly names: PlaceName[] = [];
  private readonly byKey = new Map<string, PlaceName[]>();
  private readonly byId = new Map<string, PlaceName>();
  /** Made on the first lookup that needs it (see lookupIndex); whatever changes `names` must drop it. */
  private index: LookupIndex | undefined;

  /** `entries` in date order (each place's entries keep that order). */
  constructor(
    entries: readonly Entry[],
    private readonly recordNames?: RecordNames,
    private readonly sweden: Sweden = defaultSweden(),
    /** From the start-up cache, made by toJSON over the same entries in the same order (the cache key says so). */
    serialised?: SerialisedPlaces,
  ) {
    if (!serialised) {
      for (const entry of entries) this.add(entry);
      return;
    }
    // Working out every entry's places again is most of half a second at 100,000 entries; this is a lookup each.
    for (const { entries: ranks, ...name } of serialised.names) {
      this.file({
        ...name,
        entries: ranks.map((rank) => {
          const entry = entries[rank];
          if (!entry) throw new Error('serialised places do not match the entries');
          return entry;
        }),
      });
    }
  }

  /** The gazetteer as plain data; `rankOf` gives an entry's position in the date-ordered list it was built from. */
  toJSON(rankOf: (entry: Entry) => number): SerialisedPlaces {
    return { names: this.names.map(({ entries, ...name }) => ({ ...name, entries: entries.map(rankOf) })) };
  }

  private file(name: PlaceName): void {
    this.byId.set(`${name.level}:${name.label}`, name);
    this.names.push(name);
    const list = this.byKey.get(name.key) ?? [];
    list.push(name);
    this.byKey.set(name.key, list);
  }

  /** Puts an entry under each of its places and organisations, in date order (an entry added while serving). */
  add(entry: Entry): void {
    this.index = undefined;
    for (const [level, located] of this.locationsOf(entry)) {
      const label = located.name;
      const id = `${level}:${label}`;
      let name = this.byId.get(id);
      if (!name) {
        name = { level, label, key: placeKey(label), place: located, entries: [] };
        this.file(name);
      }
      insertByDate(name.entries, entry);
    }
  }

  /** Takes an entry out; a place left with no entries is no longer a place of the record. */
  remove(entry: Entry): void {
    this.index = undefined;
    for (const [level, located] of this.locationsOf(entry)) {
      const id = `${level}:${located.name}`;
      const name = this.byId.get(id);
      if (!name || removeByDate(name.entries, entry) < 0 || name.entries.length > 0) continue;
      this.byId.delete(id);
      this.names.splice(this.names.indexOf(name), 1);
      const list = this.byKey.get(name.key)!.filter((n) => n !== name);
      if (list.length > 0) this.byKey.set(name.key, list);
      else this.byKey.delete(name.key);
    }
  }

  private locationsOf(entry: Entry): [PlaceLevel, Located][] {
    const out = entry.places.flatMap(placeNamesOf);
    const placeLabels = new Set(entry.places.map((p) => fold(p.name)));
    // An organisation named only in an entry's text lies where the entry's first place does.
    const first = entry.places[0];
    for (const org of this.recordNames?.organisations.get(entry) ?? []) {
      if (!placeLabels.has(fold(org))) out.push(['organisation', { name: org, municipality: first?.municipality ?? null, county: first?.county ?? '' }]);
    }
    return out;
  }

  private lookupIndex(): LookupIndex {
    this.index ??= lookupIndexOf(this.names);
    return this.index;
  }

  /**
   * The labels of the `count` names closest to the text in edits (the first in the list among equals): a did-you-mean.
   * Each comparison gives up once it is further than the ones kept, so tens of thousands of names cost little.
   */
  closest(text: string, count: number): string[] {
    const key = fold(text);
    const { folded } = this.lookupIndex();
    const kept: { at: number; d: number }[] = [];
    for (let at = 0; at < folded.length; at++) {
      const max = kept.length < count ? 99 : kept[count - 1]!.d - 1;
      if (max < 0) break;
      const d = editDistance(key, folded[at]!, max);
      if (d > max) continue;
      // After every kept one of the same distance: equals stay in list order.
      let i = kept.length;
      while (i > 0 && kept[i - 1]!.d > d) i--;
      kept.splice(i, 0, { at, d });
      if (kept.length > count) kept.pop();
    }
    return kept.map((k) => this.names[k.at]!.label);
  }

  /** The record's places a query names (see lookup), or null. */
  resolve(query: string): PlaceMatch | null {
    const found = this.lookup(query);
    return found.status === 'found' ? found.match : null;
  }

  /**
   * The places a query names. In order: the whole query is a record name; it names a Swedish place (a county,
   * municipality or land: "Norrland", "northern Sweden") that the record has; a record name stands among other
   * words ("stadsbibblan i Sundsvall"); a Swedish place the record does not have ("no activity"); then prefix
   * ("Mot"), typo ("Motla"; two typos in names of eight letters or more), a word inside a longer name.
   */
  lookup(query: string): PlaceLookup {
    const key = placeKey(query);
    if (!key) return { status: 'unknown' };
    const folded = words(fold(query));
    const order = folded.some((w) => COUNTY_WORDS.has(w)) ? COUNTY_FIRST : LEVEL_ORDER;
    const found = (match: PlaceMatch): PlaceLookup => ({ status: 'found', match });

    const exact = this.exactly(key, order);
    if (exact) return found({ quality: 'exact', places: exact });

    const mentions = this.sweden.mentions(query);
    for (const m of mentions) {
      const places = this.recordPlacesOf(m.place);
      if (places.length > 0) return found({ quality: 'exact', places, sweden: m.place });
    }

    const inner = this.among(folded, order, mentions.length === 0);
    if (inner) return found(inner);
    if (mentions.length > 0) return { status: 'no-activity', place: mentions[0]!.place };

    const tiered = this.tiers(key, order);
    return tiered ? found(tiered) : { status: 'unknown' };
  }

  /**
   * The record's places a phrase names exactly, as lookup's first step finds them (no Swedish place, no typo, no
   * trailing-s variant), or null: a question's words of several words are a place only as a whole name.
   */
  named(phrase: string): PlaceName[] | null {
    const key = placeKey(phrase);
    if (!key || !this.byKey.has(key)) return null;
    return this.exactly(key, words(fold(phrase)).some((w) => COUNTY_WORDS.has(w)) ? COUNTY_FIRST : LEVEL_ORDER);
  }

  private exactly(key: string, order: PlaceLevel[]): PlaceName[] | null {
    const hits = this.byKey.get(key) ?? this.byKey.get(key.replace(/s$/, ''));
    if (!hits) return null;
    // Same name at several levels (Stockholm the city and Stockholms län): keep the preferred level.
    const best = order.find((level) => hits.some((n) => n.level === level))!;
    return hits.filter((n) => n.level === best);
  }

  /** The record's names for a Swedish place: its municipality, its county, or a land's counties. */
  private recordPlacesOf(place: SwedishPlace): PlaceName[] {
    if (place.level === 'municipality') return (this.byKey.get(placeKey(place.name)) ?? []).filter((n) => n.level === 'municipality');
    const counties = new Set(place.level === 'county' ? [place.name] : place.counties);
    const { countyByLabel } = this.lookupIndex();
    const positions = [...counties].flatMap((label) => countyByLabel.get(label) ?? []);
    return positions.sort((a, b) => a - b).map((i) => this.names[i]!);
  }

  /** A record name among the query's words, longest phrase first; typos too when no Swedish place was named. */
  private among(folded: string[], order: PlaceLevel[], typos: boolean): PlaceMatch | null {
    const content = folded.filter((w) => !STOPWORDS.has(w) && !COUNTY_WORDS.has(w) && !MUNICIPALITY_WORDS.has(w));
    if (content.length < 2) return null;
    for (let n = content.length - 1; n >= 1; n--) {
      for (let i = 0; i + n <= content.length; i++) {
        const phrase = content.slice(i, i + n);
        if (n === 1 && isGenericWord(phrase[0]!)) continue;
        const hits = this.exactly(placeKey(phrase.join(' ')), order);
        if (hits) return { quality: 'exact', places: hits };
      }
    }
    if (!typos) return null;
    for (const w of content) {
      if (isGenericWord(w)) continue;
      const fuzzy = this.tiers(w, order, ['fuzzy']);
      if (fuzzy) return fuzzy;
    }
    return null;
  }

  /**
   * The names a key reaches by prefix ("Mot"), by typo of the whole name or one of its words ("Motla" → "motala
   * bibliotek"), or as a word inside a longer name — each name in the first of these it reaches; the first tier
   * (of `qualities`) that has any wins, in level order, the place with more entries first.
   */
  private tiers(key: string, order: PlaceLevel[], qualities: readonly MatchQuality[] = ['prefix', 'fuzzy', 'contains']): PlaceMatch | null {
    const taken = new Set<number>();
    const take = (positions: Iterable<number>) => {
      const out: number[] = [];
      for (const i of positions) {
        if (!taken.has(i)) {
          out.push(i);
          taken.add(i);
        }
      }
      return out;
    };
    const { positionsByKey, positionsByWord, keys: allKeys, keyWords } = this.lookupIndex();
    const byKeys = (keys: string[]) => keys.flatMap((k) => positionsByKey.get(k)!);
    const byWords = (ws: string[]) => ws.flatMap((w) => positionsByWord.get(w)!);
    const edits = allowedEdits(key.length);
    const tiers: [MatchQuality, () => number[]][] = [
      ['prefix', () => (key.length >= 2 ? take(byKeys(allKeys.withPrefix(key))) : [])],
      // A word spelled right ("bibliotek") is only a word inside a longer name: the contains tier below.
      ['fuzzy', () => (edits > 0 ? take([...byKeys(allKeys.near(key, edits)), ...byWords(keyWords.near(key, edits).filter((w) => w !== key))]) : [])],
      ['contains', () => (key.length >= 3 ? take(byWords(keyWords.filter((w) => w.startsWith(key) || (key.length >= 4 && w.includes(key))))) : [])],
    ];
    for (const [quality, find] of tiers) {
      const positions = find();
      if (positions.length === 0 || !qualities.includes(quality)) continue;
      // "bibliotek" reaches thousands of names: each one's level rank and size are read once, not per comparison.
      const found = Array.from(Int32Array.from(positions).sort(), (i) => {
        const n = this.names[i]!;
        return { n, rank: order.indexOf(n.level), size: n.entries.length };
      });
      const sorted = found.sort((a, b) => a.rank - b.rank || b.size - a.size).map((f) => f.n);
      const seen = new Set<string>();
      return { quality, places: sorted.filter((n) => (seen.has(n.key) ? false : (seen.add(n.key), true))) };
    }
    return null;
  }
}
