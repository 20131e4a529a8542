import type { Entry, Place } from '../data/schema.js';
import { allowedEdits, editDistance } from './fuzzy.js';
import { fold, words } from './text.js';

export type PlaceLevel = 'library' | 'district' | 'municipality' | 'county';

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
}

// Words that name the level rather than the place; they steer which level is meant.
const COUNTY_WORDS = new Set(['lan', 'county', 'region']);
const MUNICIPALITY_WORDS = new Set(['kommun', 'kommuns', 'municipality', 'stad', 'city']);
const LEVEL_ORDER: PlaceLevel[] = ['municipality', 'library', 'district', 'county'];
const COUNTY_FIRST: PlaceLevel[] = ['county', 'municipality', 'library', 'district'];

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

/** Every place in the record, at every level, with its entries. */
export class Gazetteer {
  readonly names: PlaceName[];

  constructor(entries: readonly Entry[]) {
    const byKey = new Map<string, PlaceName>();
    for (const entry of entries) {
      for (const place of entry.places) {
        for (const [level, located] of placeNamesOf(place)) {
          const label = located.name;
          const id = `${level}:${label}`;
          let name = byKey.get(id);
          if (!name) {
            name = { level, label, key: placeKey(label), place: located, entries: [] };
            byKey.set(id, name);
          }
          if (name.entries[name.entries.length - 1] !== entry) name.entries.push(entry);
        }
      }
    }
    this.names = [...byKey.values()];
  }

  /**
   * The places a query names, best match quality first: exact, then prefix ("Mot"), then typo ("Motla"), then
   * a word inside a longer name ("bibliotek"). A tie between levels goes to the municipality ("Stockholm" means
   * the city) unless the query says "län" or "county".
   */
  resolve(query: string): PlaceMatch | null {
    const key = placeKey(query);
    if (!key) return null;
    const folded = words(fold(query));
    const wantsCounty = folded.some((w) => COUNTY_WORDS.has(w));
    const keyNoS = key.replace(/s$/, '');

    const tiers: Record<MatchQuality, PlaceName[]> = { exact: [], prefix: [], fuzzy: [], contains: [] };
    const edits = allowedEdits(key.length);
    for (const name of this.names) {
      if (name.key === key || name.key === keyNoS) tiers.exact.push(name);
      else if (key.length >= 2 && name.key.startsWith(key)) tiers.prefix.push(name);
      // A typo of the whole name, or of one of its words ("Motla" → "motala bibliotek"); a word spelled right
      // ("bibliotek") is only a word inside a longer name, the contains tier below.
      else if (edits > 0 && (editDistance(key, name.key, edits) <= edits || name.key.split(' ').some((w) => w !== key && editDistance(key, w, edits) <= edits))) tiers.fuzzy.push(name);
      else if (key.length >= 3 && name.key.split(' ').some((w) => w.startsWith(key) || (key.length >= 4 && w.includes(key)))) tiers.contains.push(name);
    }
    for (const quality of ['exact', 'prefix', 'fuzzy', 'contains'] as const) {
      const found = tiers[quality];
      if (found.length === 0) continue;
      const order = wantsCounty ? COUNTY_FIRST : LEVEL_ORDER;
      // Same name at several levels (Stockholm the city and Stockholms län): keep the preferred level.
      if (quality === 'exact') {
        const best = order.find((level) => found.some((n) => n.level === level))!;
        return { quality, places: found.filter((n) => n.level === best) };
      }
      const sorted = found.sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level) || b.entries.length - a.entries.length);
      const seen = new Set<string>();
      return { quality, places: sorted.filter((n) => (seen.has(n.key) ? false : (seen.add(n.key), true))) };
    }
    return null;
  }
}
