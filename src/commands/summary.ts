import { KINDS, type Entry } from '../data/schema.js';
import { formatSpan, inSentence, t } from '../i18n.js';
import { isUnsupported, type MonthSpan, readPeriod } from '../search/period.js';
import { notice, type SummaryFacts } from './reply.js';
import { type CommandSpec, localName } from './spec.js';

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

export function summarise(entries: Entry[], span: MonthSpan): SummaryFacts {
  const byKind = countBy(entries, (e) => e.kind);
  const places = new Map<string, SummaryFacts['places'][number]>();
  const counties = new Map<string, number>();
  const people = new Map<string, SummaryFacts['people'][number]>();
  const organisations = new Map<string, SummaryFacts['organisations'][number]>();
  for (const e of entries) {
    for (const p of new Map(e.places.map((p) => [p.name, p])).values()) {
      const place = places.get(p.name) ?? { place: p, count: 0 };
      place.count++;
      places.set(p.name, place);
    }
    for (const county of new Set(e.places.map((p) => p.county))) counties.set(county, (counties.get(county) ?? 0) + 1);
    for (const person of e.people) {
      // A contact the record names nobody for is the organisation itself, not a person.
      if (person.name) {
        if (!people.has(person.name)) people.set(person.name, { name: person.name, role: person.role, organisation: person.organisation });
      } else if (!organisations.has(person.organisation)) organisations.set(person.organisation, { organisation: person.organisation, role: person.role });
    }
  }
  return {
    span,
    total: entries.length,
    byKind: KINDS.filter((k) => byKind.has(k)).map((kind) => ({ kind, count: byKind.get(kind)! })),
    places: [...places.values()].sort((a, b) => b.count - a.count || a.place.name.localeCompare(b.place.name, 'sv')),
    counties: [...counties].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'sv')),
    people: [...people.values()],
    organisations: [...organisations.values()],
  };
}

/** `summary [period]`: a shareable overview — counts by kind, places, people, the period covered. */
export const summary: CommandSpec = {
  name: 'summary',
  sv: 'sammanfattning',
  code: 'u',
  description: { en: 'A shareable summary: counts by kind, places, people', sv: 'En sammanfattning att dela: antal per typ, platser, personer' },
  help: {
    en: 'A summary to share: counts by kind, places, people. `/summary 2017`',
    sv: 'Sammanfattning att dela: antal per typ, platser, personer. `/sammanfattning 2017`',
  },
  usage: '[period]',
  options: [
    {
      role: 'text',
      name: 'period',
      sv: 'period',
      description: { en: 'A period (default: the whole project)', sv: 'En period (annars hela projektet)' },
      required: false,
      autocomplete: 'period',
    },
  ],
  shareable: true,
  run: ({ text }, { index, locale }) => {
  const m = t(locale);
  const all = index.chronological;
  let span: MonthSpan = { start: all[0]!.period.start, end: all.reduce((max, e) => (e.period.end > max ? e.period.end : max), '') };
  let label = m.summaryWhole;
  if (text) {
    const read = readPeriod(text);
    if (isUnsupported(read)) return notice('summary', text, locale, m.periodUnsupported(read.unsupported), true);
    const period = read;
    if (!period) return notice('summary', text, locale, m.badPeriod(text, `/${localName(summary, locale)}`), true);
    span = { start: period.start, end: period.end };
    label = formatSpan(period.start, period.end, locale);
  }
  const entries = index.timeline(span);
  if (entries.length === 0) return notice('summary', text, locale, m.summaryNone(label));
  const facts = summarise(entries, span);
  // The sentence names the period asked for (what the picture shows too); entries that reach outside it are
  // counted, not allowed to stretch the period. With no period asked, the whole project is the record's span.
  const covered = formatSpan(span.start, span.end, locale);
  const named = text ? inSentence(label, locale) : `${label} (${inSentence(covered, locale)})`;
  // Entries dated more coarsely than the period (a season-dated trip in "december 2017") cover it; they are not
  // running past it, and their lines say how they are dated.
  const covers = (e: (typeof entries)[number]) => e.period.start <= span.start && e.period.end >= span.end;
  const beyond = entries.filter((e) => (e.period.start < span.start || e.period.end > span.end) && !covers(e)).length;
  return {
    type: 'summary',
    command: 'summary',
    query: text,
    locale,
    title: m.summaryTitle(text ? label : `${label} (${inSentence(covered, locale)})`),
    description: [m.summaryLead(facts.total, named), beyond > 0 ? m.summaryBeyond(beyond) : ''].filter(Boolean).join(' '),
    facts,
    entries,
    span,
  };
},
};
