import type { Entry } from '../data/schema.js';
import type { AsPlainObject } from 'minisearch';
import type { Analyzer } from './analyze.js';
import type { QueryGroup } from './query.js';
import { type FieldSpec, TextIndex } from './text-index.js';
import { fold, words } from './text.js';

/** Someone the team was in touch with: a named person, or an organisation where the record names nobody. */
export interface Contact {
  name: string | null;
  role: string | null;
  organisation: string;
  /** The entries where they appear, in date order. */
  entries: Entry[];
}

export interface ContactHit {
  contact: Contact;
  score: number;
  exact: boolean;
}

function collectContacts(entries: readonly Entry[]): Contact[] {
  const byKey = new Map<string, Contact>();
  for (const entry of entries) {
    for (const person of entry.people) {
      const key = `${person.name ?? ''}\u0000${person.organisation}`;
      let contact = byKey.get(key);
      if (!contact) {
        contact = { name: person.name, role: person.role, organisation: person.organisation, entries: [] };
        byKey.set(key, contact);
      }
      contact.role ??= person.role;
      contact.entries.push(entry);
    }
  }
  return [...byKey.values()];
}

/** The fields a contact is found by. Defined here, not in a constructor, so no closure keeps more than it needs. */
const CONTACT_FIELDS: FieldSpec<Contact>[] = [
  { name: 'name', boost: 4, extract: (c) => c.name ?? '' },
  { name: 'role', boost: 3, extract: (c) => c.role ?? '' },
  { name: 'organisation', boost: 2, extract: (c) => c.organisation },
  {
    name: 'where',
    boost: 1,
    extract: (c) => [...new Set(c.entries.flatMap((e) => e.places.flatMap((p) => [p.name, p.municipality ?? '', p.district ?? '', p.county])))].join(' '),
  },
];

/** People and organisations, searchable by name, role, organisation and where they are. */
export class ContactBook {
  readonly contacts: Contact[];
  /** Every word of every person's name, folded: "is a person named here?" without scanning all contacts. */
  readonly nameWords: ReadonlySet<string>;
  private built: TextIndex<Contact> | undefined;
  /** The cached index to load from, dropped once loaded. */
  private serialised: AsPlainObject | undefined;

  constructor(
    entries: readonly Entry[],
    private readonly analyzer: Analyzer,
    serialised?: AsPlainObject,
  ) {
    this.contacts = collectContacts(entries);
    this.nameWords = new Set(this.contacts.flatMap((c) => (c.name ? words(fold(c.name)) : [])));
    this.serialised = serialised;
  }

  /**
   * The search index over contacts, made on first use (or by warm(), right after the door is answering): at
   * 100,000 entries it is a fifth of a second that start-up need not wait for.
   */
  private get index(): TextIndex<Contact> {
    if (!this.built) {
      this.built = new TextIndex(this.contacts, CONTACT_FIELDS, this.analyzer, { serialised: this.serialised });
      this.serialised = undefined;
    }
    return this.built;
  }

  warm(): void {
    void this.index;
  }

  /** Builds the index in chunks (for reloads while serving); a cached one is simply loaded. */
  async warmAsync(): Promise<void> {
    if (this.built || this.serialised) return this.warm();
    const index = await TextIndex.build(this.contacts, CONTACT_FIELDS, this.analyzer);
    this.built ??= index;
  }

  toJSON(): AsPlainObject {
    return this.index.toJSON();
  }

  find(groups: readonly QueryGroup[]): ContactHit[] {
    return this.index
      .search(groups)
      .hits.map((hit) => ({ contact: this.contacts[hit.index]!, score: hit.score, exact: hit.exact }))
      .sort(
        (a, b) =>
          Number(b.exact) - Number(a.exact) ||
          Number(b.contact.name !== null) - Number(a.contact.name !== null) ||
          b.score - a.score ||
          a.contact.entries[0]!.period.start.localeCompare(b.contact.entries[0]!.period.start),
      );
  }
}
