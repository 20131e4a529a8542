import type { Reply } from '../commands/reply.js';
import type { CommandSpec } from '../commands/spec.js';
import type { Entry, Person, Place } from '../data/schema.js';
import { inSentence, KIND_LABELS, type Locale, periodLabel, t } from '../i18n.js';
import type { Contact } from '../search/contacts.js';
import type { MonthSpan } from '../search/period.js';

/**
 * The one owner of display strings: places, kinds, an entry's one-line forms, a reply's title and description.
 * The Discord, terminal and JSON renderers all word things through here, so every door says the same thing.
 */

type Located = Pick<Place, 'name' | 'district' | 'municipality' | 'county'>;

export function kindLabel(entry: Pick<Entry, 'kind'>, locale: Locale): string {
  return KIND_LABELS[entry.kind][locale];
}

/** "Hösten 2017 · Studieresa" */
export function entryHeadline(entry: Entry, locale: Locale): string {
  return `${periodLabel(entry.period, locale)} · ${kindLabel(entry, locale)}`;
}

/** "Våren 2017 · Telefonintervju: Telefonintervju med Digidelcenter Motala bibliotek" — one of a contact's entries. */
export function contactEntryLine(entry: Entry, locale: Locale): string {
  return `${entryHeadline(entry, locale)}: ${entry.title}`;
}

/** Where a place lies, most local first, leaving out the levels that are the place itself: "Motala, Östergötlands län". */
export function placeWithin(place: Located): string {
  const levels = [place.district, place.municipality, place.county].filter((level) => level && level !== place.name);
  return levels.join(', ');
}

/** "Motala bibliotek (Motala, Östergötlands län)" */
export function placeText(place: Located): string {
  const within = placeWithin(place);
  return within ? `${place.name} (${within})` : place.name;
}

/** "Julia Larsson, projektledare – Digidelcenter Motala bibliotek" (a named person). */
export function personText(person: Pick<Person, 'name' | 'role' | 'organisation'>, locale: Locale = 'sv'): string {
  const who = [person.name, person.role && roleLabel(person.role, locale)].filter(Boolean).join(', ');
  return who ? `${who} – ${person.organisation}` : person.organisation;
}

// The record's roles in English; the record's own words (Swedish) everywhere else.
const ROLES_EN: Record<string, string> = { projektledare: 'project lead', projektsamordnare: 'project coordinator', samordnare: 'coordinator' };

/** A role as the reader's language says it: "projektledare" is "project lead" in English. */
export function roleLabel(role: string, locale: Locale): string {
  return locale === 'en' ? (ROLES_EN[role.toLowerCase()] ?? role) : role;
}

/**
 * A contact the record names no person for is the organisation itself: "Bibblerian", or with the role the record
 * gives, "Lärcentrum, Malmö stadsbibliotek (samordnare)".
 */
export function organisationText(contact: Pick<Person, 'role' | 'organisation'>): string {
  return contact.role ? `${contact.organisation} (${contact.role})` : contact.organisation;
}

export const isPerson = (contact: Pick<Person, 'name'>): boolean => contact.name !== null;

export function contactHeadline(contact: Contact): string {
  return isPerson(contact) ? personText(contact) : organisationText(contact);
}

/**
 * Whom an entry was with: named people, and organisations (the contacts with no person named; in full, also every
 * organisation the record names for the entry, once each).
 */
export function entryContacts(entry: Entry, full = false): { people: string[]; organisations: string[] } {
  const people = entry.people.filter(isPerson).map((p) => personText(p));
  const unnamed = entry.people.filter((p) => !isPerson(p));
  const organisations = unnamed.map(organisationText);
  if (full) for (const name of entry.organisations) if (!unnamed.some((p) => p.organisation === name)) organisations.push(name);
  return { people, organisations: [...new Set(organisations)] };
}

/** "Besök: Besök på Bibblerian i Hässelby gård" — one activity under a heading that gives its period. */
export function activityLine(entry: Entry, locale: Locale): string {
  return `${kindLabel(entry, locale)}: ${entry.title}`;
}

/**
 * What a reader of a period must know about an entry's date: that the record dates it only more coarsely than the
 * period asked for (a season-dated study trip in "September 2017"), or that it runs past the period. Otherwise
 * nothing.
 */
export function datingNote(entry: Entry, span: MonthSpan | undefined, locale: Locale): string | undefined {
  if (!span) return undefined;
  const { start, end } = entry.period;
  if (start >= span.start && end <= span.end) return undefined;
  const m = t(locale);
  const own = inSentence(periodLabel(entry.period, locale), locale);
  if (start <= span.start && end >= span.end) {
    const isSeason = start.slice(0, 4) === end.slice(0, 4) && ['01-06', '07-12'].includes(`${start.slice(5)}-${end.slice(5)}`);
    return isSeason ? m.datedBySeason(own) : m.datedOnly(own);
  }
  return m.runsOutside(own);
}

/** A command's help line, with its example written the way the reader's client names the command. */
export function helpLine(spec: Pick<CommandSpec, 'help'>, locale: Locale): string {
  return spec.help[locale];
}

/** The reply's title, with the /search kind filter named in the reader's language. */
export function titleOf(reply: Reply): string {
  return reply.type === 'entries' && reply.kind ? `${reply.title} · ${KIND_LABELS[reply.kind][reply.locale]}` : reply.title;
}

/** The lines under the title: the reply's own (how /ask read a question…), then the places a /visit matched. */
export function describeReply(reply: Reply): string | undefined {
  const places = reply.type === 'entries' && reply.places ? reply.places.slice(0, 10).map((p) => placeText(p.place)).join(' · ') : '';
  return [reply.description, places].filter(Boolean).join('\n') || undefined;
}
