import type { Entry } from '../data/schema.js';

/**
 * Each entry's position in its record's order (record.entries), the date order's tie-break: kept on the entry under
 * a symbol no one else reads, not in a WeakMap: numbering a reloaded record's 100,000 entries in a WeakMap held the
 * event loop 86 ms (the table grows by rehashing all of it at once, and holds the old record's entries too).
 */
const POSITION = Symbol('record position');
type Numbered = Entry & { [POSITION]?: number };

/** An entry's position in its record's order (Infinity for one never numbered). */
export function recordPositionOf(entry: Entry): number {
  return (entry as Numbered)[POSITION] ?? Infinity;
}

/** Numbers the entries of a record-ordered list from `from` to `to` (all of them by default). */
export function numberInRecordOrder(entries: readonly Entry[], from = 0, to = entries.length): void {
  for (let i = from; i < to; i++) {
    const entry = entries[i] as Numbered;
    // Not enumerable: the entry stays equal to one never numbered, and copies (JSON, spreads) leave the number behind.
    if (POSITION in entry) entry[POSITION] = i;
    else Object.defineProperty(entry, POSITION, { value: i, writable: true, configurable: true });
  }
}

/**
 * Date order; entries of the same period keep the record's order (the team wrote a season's lines in the order
 * things happened), never the order of their ids. Entries never numbered fall back to their ids.
 */
export const byDate = (a: Entry, b: Entry) =>
  a.period.start.localeCompare(b.period.start) ||
  a.period.end.localeCompare(b.period.end) ||
  recordPositionOf(a) - recordPositionOf(b) ||
  a.id.localeCompare(b.id);

/** The first position in [0, length) for which `before` is false, given that it is true up to some point and false after. */
export function lowerBound(length: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Puts an entry into a date-ordered list at its place (once: an entry already there is not added again). Appending
 * in date order, as a full build does, costs one comparison; an entry added later is one binary search away.
 */
export function insertByDate(list: Entry[], entry: Entry): number {
  const last = list[list.length - 1];
  if (last === entry) return list.length - 1;
  if (!last || byDate(last, entry) < 0) {
    list.push(entry);
    return list.length - 1;
  }
  const at = lowerBound(list.length, (i) => byDate(list[i]!, entry) < 0);
  if (list[at] !== entry) list.splice(at, 0, entry);
  return at;
}

/** Where an entry is in a date-ordered list, or -1 when it is not there. */
export function indexByDate(list: readonly Entry[], entry: Entry): number {
  const at = lowerBound(list.length, (i) => byDate(list[i]!, entry) < 0);
  // Entries equal in date order are only the same entry (ids differ), but a replaced entry may have moved, or the
  // positions be another index's: scan.
  return list[at] === entry ? at : list.indexOf(entry);
}

/** Takes an entry out of a date-ordered list: where it was, or -1 when it was not there. */
export function removeByDate(list: Entry[], entry: Entry): number {
  const at = indexByDate(list, entry);
  if (at >= 0) list.splice(at, 1);
  return at;
}
