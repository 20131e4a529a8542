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

// Våren = January–June, hösten = July–December (the record's own convention, as terms: vt/ht). Summer, winter and
// quarters cut across that calendar, so they are reported as unsupported, never widened to the year.
const SPRING = ['varen', 'var', 'vt', 'varterminen', 'vartermin', 'spring'];
const AUTUMN = ['hosten', 'host', 'ht', 'hostterminen', 'hosttermin', 'autumn', 'fall'];
// Words after which a two-digit year is read ("vt17", "hösten 16", "våren -17"); "var 17" is not a spring.
const SHORT_YEAR_AFTER = new Set(['vt', 'ht', 'varen', 'hosten', 'varterminen', 'hostterminen', 'vartermin', 'hosttermin']);

const pad = (m: number) => String(m).padStart(2, '0');
const ym = (y: number, m: number) => `${y}-${pad(m)}`;

const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const SEASON_NAMES = [...SPRING, ...AUTUMN].sort((a, b) => b.length - a.length).join('|');
const YEAR = '((?:19|20)\\d{2})';
// One point in time: "varen 2017", "vt17", "ht-17", "september 2017", "2017-09", "2017". Year is optional after a
// season or month only inside a range ("hosten 2016-varen 2017" needs both years; "jan-mar 2017" borrows the last).
const POINT = `(?:(?:(${SEASON_NAMES})|(${MONTH_NAMES}))\\.?(?:\\s*[-'’]?\\s*(?:${YEAR}|(\\d{2}))(?!\\d))?|${YEAR}-(0[1-9]|1[0-2])|${YEAR})`;
const GROUPS_PER_POINT = 7;
const RANGE = new RegExp(`(?<![\\p{L}\\p{N}])${POINT}(?:\\s*(?:-|–|—|to|till|until|through)\\s*${POINT})?(?![\\p{L}\\p{N}])`, 'giu');

// "i början av 2017" is the spring term, "i slutet av 2017" the autumn term; "early/late 2017" the same.
const EDGE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:i\\s+)?(borjan|slutet)\\s+(?:av|pa)\\s+|(?:(?:in|at|by)\\s+)?(?:the\\s+)?(beginning|start|end)\\s+of\\s+|(early|late)\\s+)${YEAR}(?![\\p{L}\\p{N}])`,
  'iu',
);
const FIRST_HALF = new Set(['borjan', 'beginning', 'start', 'early']);

export type UnsupportedKind = 'summer' | 'winter' | 'quarter';

/** A period the record's calendar (years, terms, months) cannot express: "sommaren 2017", "Q1 2017". */
export interface UnsupportedPeriod {
  unsupported: UnsupportedKind;
  /** The words that named it, folded. */
  matched: string;
  rest: string;
}

const UNSUPPORTED = new RegExp(
  '(?<![\\p{L}\\p{N}])(?:(sommaren|sommar|summer|midsommar)|(vintern|vinter|winter)|' +
    '(q[1-4]|kvartal\\s*[1-4]|(?:forsta|andra|tredje|fjarde|sista|first|second|third|fourth|last)\\s+(?:kvartalet|quarter|kvartal)|quarter\\s*[1-4]?|kvartalet))' +
    "\\s*(?:of\\s+|av\\s+)?[-'’]?\\s*(?:(?:19|20)\\d{2}|\\d{2})(?![\\p{L}\\p{N}])",
  'iu',
);

interface Point {
  kind: 'season' | 'month' | 'year';
  year?: number;
  from: number;
  to: number;
}

function point(groups: (string | undefined)[]): Point | null | 'invalid' {
  const [season, month, yearAfterName, shortYear, ymYear, ymMonth, year] = groups;
  if (season || month) {
    const name = (season ?? month)!.toLowerCase();
    if (shortYear !== undefined && !SHORT_YEAR_AFTER.has(name)) return 'invalid';
    const y = yearAfterName ? Number(yearAfterName) : shortYear ? 2000 + Number(shortYear) : undefined;
    if (season) {
      const spring = SPRING.includes(name);
      return { kind: 'season', year: y, from: spring ? 1 : 7, to: spring ? 6 : 12 };
    }
    const m = MONTHS[name]!;
    return { kind: 'month', year: y, from: m, to: m };
  }
  if (ymYear) return { kind: 'month', year: Number(ymYear), from: Number(ymMonth), to: Number(ymMonth) };
  if (year) return { kind: 'year', year: Number(year), from: 1, to: 12 };
  return null;
}

const without = (folded: string, index: number, length: number) =>
  (folded.slice(0, index) + ' ' + folded.slice(index + length)).replace(/\s+/g, ' ').trim();

/**
 * Reads the first period named in free text, Swedish or English: "2017", "våren 2017", "vt17", "ht-17",
 * "hösten 16", "våren -17", "spring 2017", "autumn/fall 2016", "september 2017", "sept 2017", "2017-09",
 * "i början/slutet av 2017", "the beginning/end of 2017", and ranges such as "2016–2017" or
 * "hösten 2016-våren 2017". A summer, winter or quarter is reported as unsupported (the record counts in terms
 * and months). Returns null when the text names no period.
 */
export function readPeriod(text: string): ParsedPeriod | UnsupportedPeriod | null {
  const folded = fold(text);
  const odd = UNSUPPORTED.exec(folded);
  if (odd) {
    const unsupported: UnsupportedKind = odd[1] ? 'summer' : odd[2] ? 'winter' : 'quarter';
    return { unsupported, matched: odd[0], rest: without(folded, odd.index, odd[0].length) };
  }
  const edge = EDGE.exec(folded);
  if (edge) {
    const y = Number(edge[4]);
    const first = FIRST_HALF.has((edge[1] ?? edge[2] ?? edge[3])!.toLowerCase());
    return { start: ym(y, first ? 1 : 7), end: ym(y, first ? 6 : 12), matched: edge[0], rest: without(folded, edge.index, edge[0].length) };
  }
  RANGE.lastIndex = 0;
  for (let m = RANGE.exec(folded); m; m = RANGE.exec(folded)) {
    const a = point(m.slice(1, 1 + GROUPS_PER_POINT));
    const b = point(m.slice(1 + GROUPS_PER_POINT, 1 + 2 * GROUPS_PER_POINT));
    if (!a || a === 'invalid' || b === 'invalid') continue;
    // A bare season or month word with no year anywhere ("var" is also a Swedish word) is not a period.
    const aYear = a.year ?? b?.year;
    const bYear = b ? (b.year ?? a.year) : aYear;
    if (aYear === undefined || bYear === undefined) continue;
    const start = ym(aYear, a.from);
    const end = b ? ym(bYear, b.to) : ym(aYear, a.to);
    if (start > end) continue;
    return { start, end, matched: m[0], rest: without(folded, m.index, m[0].length) };
  }
  return null;
}

export function isUnsupported(period: ParsedPeriod | UnsupportedPeriod | null): period is UnsupportedPeriod {
  return period !== null && 'unsupported' in period;
}

/**
 * The period named in free text, or null — also for a summer, winter or quarter, which the record's calendar
 * cannot express (readPeriod says which; a caller that explains accepted forms should use it).
 */
export function parsePeriod(text: string): ParsedPeriod | null {
  const period = readPeriod(text);
  return isUnsupported(period) ? null : period;
}

export function overlaps(a: MonthSpan, b: MonthSpan): boolean {
  return a.start <= b.end && b.start <= a.end;
}
