import type { Entry } from '../data/schema.js';

/** Date order: start, then end, then id (so two entries of one month keep a stable order). */
export const byDate = (a: Entry, b: Entry) =>
  a.period.start.localeCompare(b.period.start) || a.period.end.localeCompare(b.period.end) || a.id.localeCompare(b.id);

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
export function insertByDate(list: Entry[], entry: Entry): void {
  const last = list[list.length - 1];
  if (last === entry) return;
  if (!last || byDate(last, entry) < 0) {
    list.push(entry);
    return;
  }
  const at = lowerBound(list.length, (i) => byDate(list[i]!, entry) < 0);
  if (list[at] !== entry) list.splice(at, 0, entry);
}

/** Takes an entry out of a date-ordered list; false when it was not there. */
export function removeByDate(list: Entry[], entry: Entry): boolean {
  let at = lowerBound(list.length, (i) => byDate(list[i]!, entry) < 0);
  // Entries equal in date order are only the same entry (ids differ), but a replaced entry may have moved: scan.
  if (list[at] !== entry) at = list.indexOf(entry);
  if (at < 0) return false;
  list.splice(at, 1);
  return true;
}
