import type { Entry } from '../data/schema.js';
import { fold, STOPWORDS } from '../search/text.js';

/** "2017-spring", "2016-autumn", "2017-09", "2017", "2016-2017": the period part of an id, from its months. */
export function periodSlug(period: Entry['period']): string {
  const [sy, sm] = period.start.split('-');
  const [ey, em] = period.end.split('-');
  if (sy === ey) {
    if (sm === em) return period.start;
    if (sm === '01' && em === '06') return `${sy}-spring`;
    if (sm === '07' && em === '12') return `${sy}-autumn`;
    if (sm === '01' && em === '12') return `${sy}`;
    return `${period.start}-${em}`;
  }
  return `${sy}-${ey}`;
}

function slugWords(text: string, max: number): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOPWORDS.has(w))
    .slice(0, max);
}

/**
 * A readable, unused id in the record's style: period, kind, then what it was about (the contact's organisation or
 * the first place), e.g. "2018-spring-email-skogas-bibliotek". A taken id gets "-2", "-3", ….
 */
export function newEntryId(entry: Omit<Entry, 'id'>, taken: (id: string) => boolean): string {
  const about = entry.people[0]?.organisation ?? entry.places[0]?.name ?? entry.title;
  const base = [periodSlug(entry.period), entry.kind, ...slugWords(about, 3)].join('-');
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}
