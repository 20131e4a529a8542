import type { Reply } from '../commands/reply.js';
import { localName } from '../commands/spec.js';
import type { Entry } from '../data/schema.js';
import { KIND_LABELS, type Locale, periodLabel, t } from '../i18n.js';
import type { Contact } from '../search/contacts.js';
import type { MonthSpan } from '../search/period.js';
import {
  activityLine,
  contactEntryLine,
  contactHeadline,
  datingNote,
  describeReply,
  entryContacts,
  entryHeadline,
  helpLine,
  isPerson,
  organisationText,
  personText,
  placeText,
  titleOf,
} from './format.js';
import { answerText, readingLine } from './answer.js';
import { reportText } from '../report/text.js';
import { provenanceLine } from './living-format.js';

/*
 * The terminal prints every item of every list: a terminal scrolls, and `| less` or `| head` (which ends quietly)
 * are there for long answers. Caps and pages are for Discord's message limits, not for a terminal.
 */

function entryBlock(entry: Entry, locale: Locale, span: MonthSpan | undefined, full = false): string[] {
  const m = t(locale);
  const note = datingNote(entry, span, locale);
  const lines = [`■ ${entry.title}`, `  ${entryHeadline(entry, locale)}${note ? ` (${note})` : ''}`];
  const { people, organisations } = entryContacts(entry, full);
  if (entry.places.length > 0) lines.push(`  ${m.places}: ${entry.places.map(placeText).join('; ')}`);
  if (people.length > 0) lines.push(`  ${m.people}: ${people.join('; ')}`);
  if (organisations.length > 0) lines.push(`  ${m.organisations}: ${organisations.join('; ')}`);
  if (full && entry.topics.length > 0) lines.push(`  ${m.topics}: ${entry.topics.join(', ')}`);
  if (locale === 'en') lines.push(`  ${entry.summary}`);
  lines.push(`  ${m.record}: “${entry.source}”`, `  ${m.entryId}: ${entry.id}`);
  return lines;
}

function contactBlocks(heading: string, contacts: Contact[], locale: Locale): string[] {
  if (contacts.length === 0) return [];
  return [`${heading}:`, ...contacts.flatMap((c) => [`■ ${contactHeadline(c)}`, ...c.entries.map((e) => `  ${contactEntryLine(e, locale)}`), ''])];
}

/** The activities under their period headings, as in Discord's summary. */
function activityLines(entries: Entry[], span: MonthSpan | undefined, locale: Locale): string[] {
  const out: string[] = [];
  let heading = '';
  for (const entry of entries) {
    const label = periodLabel(entry.period, locale);
    if (label !== heading) out.push(...(heading ? [''] : []), `${label}:`);
    heading = label;
    const note = datingNote(entry, span, locale);
    out.push(`  • ${activityLine(entry, locale)}${note ? ` (${note})` : ''}`);
  }
  return out;
}

/** The reply as plain text for the terminal: the same content the bot posts, without Discord's markup. */
export function renderText(reply: Reply): string {
  const { locale } = reply;
  const m = t(locale);
  const description = describeReply(reply);
  // A question's reply opens with its answer and how it was read; the title would only repeat the question.
  const opening = reply.answer ? [answerText(reply), ...(reply.answer.reading ? [readingLine(reply.answer.reading, locale)] : [titleOf(reply)])] : [titleOf(reply)];
  const head = [...opening, ...(description ? [description] : []), ''];
  switch (reply.type) {
    case 'notice':
      return reply.answer ? opening.join('\n') : reply.title;
    case 'help':
      return [...head, ...reply.commands.map((spec) => `  ${localName(spec, locale).padEnd(15)} ${helpLine(spec, locale)}`)].join('\n');
    case 'entry':
      // The entry's own block starts with its title; the answer line ("Hösten 2017: …") goes first, like everywhere.
      return [answerText(reply), ...(description ? [description] : []), '', ...entryBlock(reply.entry, locale, undefined, true), ...(reply.provenance ? [`  ${provenanceLine(reply.provenance, locale)}`] : [])].join('\n');
    case 'report':
      return reportText(reply.report).trimEnd();
    case 'entries':
      return [...head, ...reply.entries.flatMap((e) => [...entryBlock(e, locale, reply.span), ''])].join('\n').trimEnd();
    case 'contacts':
      return [...head, ...contactBlocks(m.people, reply.contacts.filter(isPerson), locale), ...contactBlocks(m.organisations, reply.contacts.filter((c) => !isPerson(c)), locale)]
        .join('\n')
        .trimEnd();
    case 'summary': {
      const f = reply.facts;
      const list = (name: string, items: string[], separator: string) => (items.length > 0 ? [`${name}: ${items.join(separator)}`] : []);
      return [
        ...head,
        `${m.byKind}:`,
        ...f.byKind.map((k) => `  ${KIND_LABELS[k.kind][locale]}: ${k.count}`),
        '',
        ...list(m.counties, f.counties.map((c) => `${c.label} (${c.count})`), ', '),
        ...list(m.places, f.places.map((p) => `${p.place.name} (${p.count})`), ', '),
        ...list(m.people, f.people.map((p) => personText(p, locale)), '; '),
        ...list(m.organisations, f.organisations.map(organisationText), '; '),
        '',
        `${m.activities}:`,
        ...activityLines(reply.entries, reply.span, locale),
      ]
        .join('\n')
        .trimEnd();
    }
  }
}
