import { fold } from './text.js';

/** A span of whole months, inclusive, as YYYY-MM strings (so they compare as strings). */
export interface MonthSpan {
  start: string;
  end: string;
}

/** "2017-03" → months since year 0 (2017 × 12 + 2), so spans can be measured and compared as numbers. */
export function monthNumber(ym: string): number {
  return Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
}

/** "2017-11" + 3 → "2018-02". */
export function addMonths(ym: string, delta: number): string {
  const n = monthNumber(ym) + delta;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

export interface ParsedPeriod extends MonthSpan {
  /** The words that named the period, folded (lower case, no diacritics). */
  matched: string;
  /** The rest of the text, folded, with the period words taken out: what is left for text search. */
  rest: string;
}

const MONTHS: Record<string, number> = {};
[
  ['januari', 'january', 'jan'],
  ['februari', 'february', 'feb'],
  ['mars', 'march', 'mar'],
  ['april', 'apr'],
  ['maj', 'may'],
  ['juni', 'june', 'jun'],
  ['juli', 'july', 'jul'],
  ['augusti', 'august', 'aug'],
  ['september', 'sept', 'sep'],
  ['oktober', 'october', 'okt', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
].forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

// Våren = January–June, hösten = July–December (the record's own convention); summer and winter are not used.
const SPRING = ['varen', 'var', 'vt', 'spring'];
const AUTUMN = ['hosten', 'host', 'ht', 'autumn', 'fall'];

const pad = (m: number) => String(m).padStart(2, '0');
const ym = (y: number, m: number) => `${y}-${pad(m)}`;

const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const SEASON_NAMES = [...SPRING, ...AUTUMN].sort((a, b) => b.length - a.length).join('|');
const YEAR = '((?:19|20)\\d{2})';
// One point in time: "varen 2017", "september 2017", "2017-09", "2017". Year is optional after a season or
// month only inside a range ("hosten 2016-varen 2017" needs both years; "jan-mar 2017" borrows the last).
const POINT = `(?:(?:(${SEASON_NAMES})|(${MONTH_NAMES}))\\s*${YEAR}?|${YEAR}-(0[1-9]|1[0-2])|${YEAR})`;
const RANGE = new RegExp(`(?<![\\p{L}\\p{N}])${POINT}(?:\\s*(?:-|–|—|to|till|until|through)\\s*${POINT})?(?![\\p{L}\\p{N}])`, 'giu');

interface Point {
  kind: 'season' | 'month' | 'year';
  year?: number;
  from: number;
  to: number;
}

function point(groups: (string | undefined)[]): Point | null {
  const [season, month, yearAfterName, ymYear, ymMonth, year] = groups;
  if (season) {
    const spring = SPRING.includes(season.toLowerCase());
    return { kind: 'season', year: yearAfterName ? Number(yearAfterName) : undefined, from: spring ? 1 : 7, to: spring ? 6 : 12 };
  }
  if (month) {
    const m = MONTHS[month.toLowerCase()]!;
    return { kind: 'month', year: yearAfterName ? Number(yearAfterName) : undefined, from: m, to: m };
  }
  if (ymYear) return { kind: 'month', year: Number(ymYear), from: Number(ymMonth), to: Number(ymMonth) };
  if (year) return { kind: 'year', year: Number(year), from: 1, to: 12 };
  return null;
}

/**
 * Finds the first period named in free text, Swedish or English: "2017", "våren 2017", "hösten 2016",
 * "spring 2017", "autumn/fall 2016", "september 2017", "2017-09", and ranges such as "2016–2017" or
 * "hösten 2016-våren 2017". Returns null when the text names no period.
 */
export function parsePeriod(text: string): ParsedPeriod | null {
  const folded = fold(text);
  RANGE.lastIndex = 0;
  for (let m = RANGE.exec(folded); m; m = RANGE.exec(folded)) {
    const a = point(m.slice(1, 7));
    const b = point(m.slice(7, 13));
    if (!a) continue;
    // A bare season or month word with no year anywhere ("var" is also a Swedish word) is not a period.
    const aYear = a.year ?? b?.year;
    const bYear = b ? (b.year ?? a.year) : aYear;
    if (aYear === undefined || bYear === undefined) continue;
    const start = ym(aYear, a.from);
    const end = b ? ym(bYear, b.to) : ym(aYear, a.to);
    if (start > end) continue;
    const rest = (folded.slice(0, m.index) + ' ' + folded.slice(m.index + m[0].length)).replace(/\s+/g, ' ').trim();
    return { start, end, matched: m[0], rest };
  }
  return null;
}

export function overlaps(a: MonthSpan, b: MonthSpan): boolean {
  return a.start <= b.end && b.start <= a.end;
}
