import type { Entry, Person, Place } from '../data/schema.js';
import { KIND_LABELS, type Locale, periodLabel, t } from '../i18n.js';
import type { Contact } from '../search/contacts.js';

/** Formatting shared by the Discord and terminal renderers, so both doors say the same thing. */

export function kindLabel(entry: Entry, locale: Locale): string {
  return KIND_LABELS[entry.kind][locale];
}

/** "Hösten 2017 · Studieresa" */
export function entryHeadline(entry: Entry, locale: Locale): string {
  return `${periodLabel(entry.period, locale)} · ${kindLabel(entry, locale)}`;
}

/** "Motala bibliotek (Motala, Östergötlands län)" */
export function placeText(place: Place): string {
  const within = [place.district, place.municipality !== place.name ? place.municipality : null, place.county !== place.name ? place.county : null].filter(Boolean);
  return within.length > 0 ? `${place.name} (${within.join(', ')})` : place.name;
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
export function contactEntryLine(entry: Entry, locale: Locale): string {
  return `${entryHeadline(entry, locale)}: ${entry.title}`;
}
