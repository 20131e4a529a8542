import type { Entry } from '../data/schema.js';
import type { Store } from '../store/store.js';
import type { Author, StoredEntry } from '../store/types.js';
import { parseRecordText, type ParsedText, type ParseOptions } from './parse.js';
import { knownPlaces, placeFinder, STOCKHOLM_COUNTY_MUNICIPALITIES, type Municipality, type PlaceFinder } from './places.js';
import { planImport, type Planned } from './plan.js';

export interface ImportResult {
  parsed: ParsedText;
  plan: Planned[];
  /** What was added: empty unless `apply`. */
  added: StoredEntry[];
}

/**
 * A place finder that knows the places of the given entries (the record's own, e.g. the seed's) and the
 * municipalities given (default: the home county's). Swap in a fuller municipality list when there is one.
 */
export function recordPlaceFinder(entries: readonly Entry[], municipalities: readonly Municipality[] = STOCKHOLM_COUNTY_MUNICIPALITIES): PlaceFinder {
  return placeFinder(knownPlaces(entries), municipalities);
}

export interface ImportOptions extends Partial<ParseOptions> {
  apply: boolean;
  author: Author;
  /** The text's file name, kept as the record's `file` when the import starts the record. */
  fileName?: string;
  /** Entries whose places and topics the parser may recognise, beyond the store's own (e.g. the seed file's). */
  reference?: readonly Entry[];
}

/**
 * Reads record text against a store: what it would add, and (with `apply`) adds it in one transaction. An import
 * into an empty store also gives the store the text's title and headings; into a store with a record, any new
 * headings are added to its sections.
 */
export function importRecordText(store: Store, text: string, options: ImportOptions): ImportResult {
  const current = store.entries();
  const info = store.info();
  const defaultSection = options.defaultSection ?? info?.sections.at(-1);
  const known = [...current, ...(options.reference ?? [])];
  const parsed = parseRecordText(text, {
    findPlaces: options.findPlaces ?? recordPlaceFinder(known),
    topics: options.topics ?? [...new Set(known.flatMap((e) => e.topics))],
    ...(options.homeCounty !== undefined ? { homeCounty: options.homeCounty } : {}),
    // Text above its first heading continues the record where it ends.
    ...(defaultSection ? { defaultSection } : {}),
  });
  const plan = planImport(parsed.drafts, current);
  const fresh = plan.filter((p) => !p.existing).map((p) => p.entry);
  if (!options.apply || fresh.length === 0) return { parsed, plan, added: [] };
  const sections = [...new Set([...(info?.sections ?? []), ...parsed.sections, ...fresh.map((e) => e.section)])];
  const title = info?.title ?? parsed.title ?? sections[0]!;
  const file = info ? info.file : options.fileName;
  store.setInfo({ title, ...(file ? { file } : {}), sections });
  return { parsed, plan, added: store.addAll(fresh, options.author) };
}
