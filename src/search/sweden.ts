import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { fold, words } from './text.js';

/**
 * Sweden's counties, municipalities and lands (data/sweden.json), so that any Swedish place in a query is known
 * as a place: placed in its county, told apart from ordinary words, and told apart from the places the record
 * has. A place in Sweden but not in the record is "no activity there", never the nearest record place.
 */

export const SWEDEN_FILE = fileURLToPath(new URL('../../data/sweden.json', import.meta.url));

const code = z.string().regex(/^\d{2}$/, 'must be a two-digit county code');
const name = z.string().trim().min(1, 'must not be empty');
const swedenSchema = z
  .object({
    _about: z.string(),
    counties: z.array(z.object({ code, name: name.regex(/ län$/, 'must end in " län"'), short: name, aliases: z.array(name) }).strict()),
    municipalities: z.array(z.object({ name, county: code, aliases: z.array(name).optional(), ordinaryWord: z.boolean().optional() }).strict()),
    regions: z.array(z.object({ name, aliases: z.array(name), counties: z.array(code).min(1) }).strict()),
  })
  .strict()
  .superRefine((data, ctx) => {
    const codes = new Set(data.counties.map((c) => c.code));
    data.municipalities.forEach((m, i) => {
      if (!codes.has(m.county)) ctx.addIssue({ code: 'custom', path: ['municipalities', i, 'county'], message: `${m.name}: no county ${m.county}` });
    });
    const regionOf = new Map<string, string>();
    data.regions.forEach((r, i) =>
      r.counties.forEach((c, j) => {
        if (!codes.has(c)) ctx.addIssue({ code: 'custom', path: ['regions', i, 'counties', j], message: `${r.name}: no county ${c}` });
        const other = regionOf.get(c);
        if (other) ctx.addIssue({ code: 'custom', path: ['regions', i, 'counties', j], message: `county ${c} is in both ${other} and ${r.name}` });
        regionOf.set(c, r.name);
      }),
    );
    for (const c of data.counties) {
      if (!regionOf.has(c.code)) ctx.addIssue({ code: 'custom', path: ['counties'], message: `${c.name} is in no region` });
    }
  });
export type SwedenFile = z.infer<typeof swedenSchema>;

export type SwedishPlace =
  | { level: 'municipality'; name: string; county: string; region: string }
  | { level: 'county'; name: string; short: string; region: string }
  | { level: 'region'; name: string; counties: string[] };

/** A Swedish place named in a text: which words (indices into words(text)) named it. */
export interface PlaceMention {
  place: SwedishPlace;
  /** The naming words, folded and joined by spaces. */
  matched: string;
  start: number;
  end: number;
}

/** Folded words joined by spaces; hyphens split ("Upplands-Bro" → "upplands bro"). */
export const swedenKey = (text: string) => words(fold(text)).join(' ');

const COUNTY_WORDS = new Set(['lan', 'county', 'lans']);
const MUNICIPALITY_WORDS = new Set(['kommun', 'kommuns', 'municipality']);
const LONGEST = 4;

export class Sweden {
  readonly places: SwedishPlace[] = [];
  /** Folded name or alias → the places it names (Stockholm: the municipality and the county). */
  private readonly byKey = new Map<string, SwedishPlace[]>();
  /** Municipality names that are also everyday words ("mark", "lund"): places only when capitalised or "kommun". */
  private readonly ordinary = new Set<string>();

  constructor(data: SwedenFile) {
    const regionOf = new Map(data.regions.flatMap((r) => r.counties.map((c) => [c, r.name] as const)));
    const countyName = new Map(data.counties.map((c) => [c.code, c.name]));
    for (const r of data.regions) {
      this.add({ level: 'region', name: r.name, counties: r.counties.map((c) => countyName.get(c)!) }, [r.name, ...r.aliases]);
    }
    for (const c of data.counties) {
      this.add({ level: 'county', name: c.name, short: c.short, region: regionOf.get(c.code)! }, [c.name, c.short, ...c.aliases]);
    }
    for (const m of data.municipalities) {
      this.add({ level: 'municipality', name: m.name, county: countyName.get(m.county)!, region: regionOf.get(m.county)! }, [m.name, ...(m.aliases ?? [])]);
      if (m.ordinaryWord) this.ordinary.add(swedenKey(m.name));
    }
  }

  private add(place: SwedishPlace, names: string[]): void {
    this.places.push(place);
    for (const n of new Set(names.map(swedenKey))) {
      const list = this.byKey.get(n) ?? [];
      list.push(place);
      this.byKey.set(n, list);
    }
  }

  /** Every folded word that is part of a Swedish place name (for the name index), everyday words left out. */
  nameWords(): Set<string> {
    const out = new Set<string>();
    for (const [key, places] of this.byKey) {
      if (this.ordinary.has(key)) continue;
      const ws = key.split(' ');
      // In "Lilla Edet", "Östra Göinge", "Upplands-Bro" only the distinctive word is a name; single words are.
      if (ws.length === 1) out.add(key);
      else if (places.some((p) => p.level !== 'region')) out.add(ws.reduce((a, b) => (b.length > a.length ? b : a)));
    }
    // "vasternorrlands" (of "Västernorrlands län") is the genitive of a name already there.
    for (const w of out) if (w.endsWith('s') && out.has(w.slice(0, -1))) out.delete(w);
    return out;
  }

  /**
   * The Swedish place a phrase names exactly (name, alias, or genitive: "Sundsvalls"). "län"/"county" in the phrase
   * picks the county where a municipality has the same name (Stockholm); "kommun" the municipality.
   */
  place(phrase: string): SwedishPlace | null {
    const ws = words(fold(phrase));
    const wantsCounty = ws.some((w) => COUNTY_WORDS.has(w));
    const core = ws.filter((w) => !COUNTY_WORDS.has(w) && !MUNICIPALITY_WORDS.has(w));
    if (core.length === 0) return null;
    const places = this.candidates(core.join(' '));
    if (!places) return null;
    const level = wantsCounty ? 'county' : 'municipality';
    return places.find((p) => p.level === level) ?? places[0]!;
  }

  private candidates(key: string): SwedishPlace[] | undefined {
    return this.byKey.get(key) ?? (key.endsWith('s') ? this.byKey.get(key.slice(0, -1)) : undefined);
  }

  /**
   * The Swedish places named in free text, in text order, longest phrase first where phrases overlap:
   * "stadsbibblan i Sundsvall" → Sundsvall; "norra Sverige" → Norrland; "Stockholms län" → the county.
   */
  mentions(text: string): PlaceMention[] {
    const original = words(text.normalize('NFC'));
    const folded = original.map((w) => fold(w));
    const out: PlaceMention[] = [];
    for (let i = 0; i < folded.length; ) {
      let found: PlaceMention | null = null;
      for (let n = Math.min(LONGEST, folded.length - i); n >= 1 && !found; n--) {
        const key = folded.slice(i, i + n).join(' ');
        const places = this.candidates(key);
        if (!places) continue;
        const next = folded[i + n];
        if (n === 1 && this.ordinary.has(key.replace(/s$/, '')) && !/^\p{Lu}/u.test(original[i]!) && !MUNICIPALITY_WORDS.has(next ?? '')) continue;
        const level = COUNTY_WORDS.has(next ?? '') ? 'county' : 'municipality';
        const place = places.find((p) => p.level === level) ?? places[0]!;
        const end = i + n + (next !== undefined && (COUNTY_WORDS.has(next) || MUNICIPALITY_WORDS.has(next)) ? 1 : 0);
        found = { place, matched: folded.slice(i, end).join(' '), start: i, end };
      }
      if (found) {
        out.push(found);
        i = found.end;
      } else i++;
    }
    return out;
  }
}

/** Reads and checks data/sweden.json; a broken file names the field that is wrong. */
export function loadSweden(file = SWEDEN_FILE): Sweden {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const result = swedenSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || 'top level'}: ${i.message}`);
    throw new Error(`${file}: ${problems.join('; ')}`);
  }
  return new Sweden(result.data);
}

let shared: Sweden | undefined;
/** The gazetteer of Sweden, read once. */
export function sweden(): Sweden {
  shared ??= loadSweden();
  return shared;
}
