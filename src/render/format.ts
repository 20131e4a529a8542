import type { Reply } from '../commands/reply.js';
import type { CommandSpec } from '../commands/spec.js';
import type { Entry, Person, Place } from '../data/schema.js';
import { KIND_LABELS, type Locale, periodLabel, t } from '../i18n.js';
import type { Contact } from '../search/contacts.js';

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

/** "Våren 2017 · Besök: Besök på Vårsta bibliotek och medborgarservice" — one activity in a list. */
export function summaryLine(entry: Entry, locale: Locale): string {
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

/** "Julia Larsson, projektledare – Digidelcenter Motala bibliotek"; unnamed contacts show their organisation. */
export function personText(person: Pick<Person, 'name' | 'role' | 'organisation'>): string {
  const who = [person.name, person.role].filter(Boolean).join(', ');
  return who ? `${who} – ${person.organisation}` : person.organisation;
}

export function contactHeadline(contact: Contact, locale: Locale): string {
  return contact.name ? personText(contact) : `${personText(contact)} (${t(locale).noName})`;
}

/** "Våren 2017 · Telefonintervju: Telefonintervju med Digidelcenter Motala bibliotek" */
export const contactEntryLine = summaryLine;

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
