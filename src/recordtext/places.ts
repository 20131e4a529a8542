import type { Place } from '../data/schema.js';

/** Every place a text names, most specific first within each, in the order the text names them. */
export type PlaceFinder = (text: string) => Place[];

/** A municipality and the county it lies in: "Huddinge", "Stockholms län". */
export interface Municipality {
  name: string;
  county: string;
}

/** Sweden's 21 counties as they are written with "län". */
export const COUNTIES = [
  'Blekinge län', 'Dalarnas län', 'Gotlands län', 'Gävleborgs län', 'Hallands län', 'Jämtlands län',
  'Jönköpings län', 'Kalmar län', 'Kronobergs län', 'Norrbottens län', 'Skåne län', 'Stockholms län',
  'Södermanlands län', 'Uppsala län', 'Värmlands län', 'Västerbottens län', 'Västernorrlands län',
  'Västmanlands län', 'Västra Götalands län', 'Örebro län', 'Östergötlands län',
];

/**
 * The project's own county's 26 municipalities: records like this one mostly name places at home. The full list
 * of 290 can be passed to placeFinder() instead, once the project ships it.
 */
export const STOCKHOLM_COUNTY_MUNICIPALITIES: Municipality[] = [
  'Botkyrka', 'Danderyd', 'Ekerö', 'Haninge', 'Huddinge', 'Järfälla', 'Lidingö', 'Nacka', 'Norrtälje', 'Nykvarn',
  'Nynäshamn', 'Salem', 'Sigtuna', 'Sollentuna', 'Solna', 'Stockholm', 'Sundbyberg', 'Södertälje', 'Tyresö', 'Täby',
  'Upplands Väsby', 'Upplands-Bro', 'Vallentuna', 'Vaxholm', 'Värmdö', 'Österåker',
].map((name) => ({ name, county: 'Stockholms län' }));

/** The record's home county: activities whose text names no place are placed here (and flagged). */
export const HOME_COUNTY = 'Stockholms län';

const LIBRARY_WORDS = '(?:stads|folk|huvud|kommun|lans|läns|region|skol|sjukhus)?bibliotek(?:et)?';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Word boundaries that know å, ä and ö (\b does not).
const before = '(?<![\\p{L}\\p{N}])';
const after = '(?![\\p{L}\\p{N}])';

interface Hit {
  place: Place;
  index: number;
}

/**
 * A place finder from places already known (a record's own entries: libraries, districts, centres) and a list of
 * municipalities. It finds, in this order of trust: a known place's name; "<municipality> kommun"; "<county>"
 * ("Stockholms län"); a municipality's name (or its genitive) right before a library word ("Motala bibliotek",
 * "Sundsvalls stadsbibliotek"). A municipality or county that holds another place found is dropped: "Skogås
 * bibliotek i Huddinge kommun" is one place, Skogås bibliotek, in Huddinge.
 */
export function placeFinder(known: readonly Place[], municipalities: readonly Municipality[]): PlaceFinder {
  const byName = new Map<string, Place>();
  for (const place of known) if (!byName.has(place.name.toLowerCase())) byName.set(place.name.toLowerCase(), place);
  const munis = new Map<string, Municipality>();
  for (const m of municipalities) munis.set(m.name.toLowerCase(), m);
  for (const place of known) {
    if (place.municipality && !munis.has(place.municipality.toLowerCase())) munis.set(place.municipality.toLowerCase(), { name: place.municipality, county: place.county });
  }
  const longestFirst = (names: Iterable<string>) => [...names].sort((a, b) => b.length - a.length).map(escape).join('|');
  const knownPattern = byName.size > 0 ? new RegExp(`${before}(${longestFirst(byName.keys())})${after}`, 'giu') : null;
  const muniNames = longestFirst(munis.keys());
  const kommunPattern = new RegExp(`${before}(${muniNames})s? kommun${after}`, 'giu');
  const libraryPattern = new RegExp(`${before}(${muniNames})s? ${LIBRARY_WORDS}${after}`, 'giu');
  const countyPattern = new RegExp(`${before}(${longestFirst(COUNTIES.map((c) => c.toLowerCase()))})${after}`, 'giu');

  return (text) => {
    const hits: Hit[] = [];
    const taken: [number, number][] = [];
    const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
    const scan = (pattern: RegExp | null, toPlace: (m: RegExpExecArray) => Place) => {
      if (!pattern) return;
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        if (!free(m.index, m.index + m[0].length)) continue;
        taken.push([m.index, m.index + m[0].length]);
        hits.push({ place: toPlace(m), index: m.index });
      }
    };
    scan(knownPattern, (m) => byName.get(m[1]!.toLowerCase())!);
    scan(kommunPattern, (m) => {
      const muni = munis.get(m[1]!.toLowerCase())!;
      return { name: muni.name, municipality: muni.name, county: muni.county };
    });
    scan(countyPattern, (m) => {
      const county = COUNTIES.find((c) => c.toLowerCase() === m[1]!.toLowerCase())!;
      return { name: county, municipality: null, county };
    });
    scan(libraryPattern, (m) => {
      const muni = munis.get(m[1]!.toLowerCase())!;
      return { name: m[0], municipality: muni.name, county: muni.county };
    });
    hits.sort((a, b) => a.index - b.index);
    const places = hits.map((h) => h.place);
    const seen = new Set<string>();
    return places.filter((place) => {
      if (seen.has(place.name)) return false;
      seen.add(place.name);
      const isMunicipality = place.municipality !== null && place.name === place.municipality;
      const isCounty = place.municipality === null && place.name === place.county;
      if (isMunicipality) return !places.some((p) => p !== place && p.municipality === place.municipality && p.name !== place.name);
      if (isCounty) return !places.some((p) => p !== place && p.county === place.county && p.name !== place.name);
      return true;
    });
  };
}

/** The places of a record's entries, each name once: the known places for placeFinder(). */
export function knownPlaces(entries: readonly { places: readonly Place[] }[]): Place[] {
  const byName = new Map<string, Place>();
  for (const entry of entries) for (const place of entry.places) if (!byName.has(place.name)) byName.set(place.name, place);
  return [...byName.values()];
}
