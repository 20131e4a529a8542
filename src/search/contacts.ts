import type { Entry } from '../data/schema.js';
import type { AsPlainObject } from 'minisearch';
import type { Analyzer } from './analyze.js';
import type { RecordNames } from './names.js';
import { isGenericWord } from './places.js';
import { queryGroups, type QueryGroup } from './query.js';
import { type FieldSpec, forEachSet, TextIndex } from './text-index.js';
import { fold, foldOnce, words } from './text.js';

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

/** What a contact query found, and, when a person's name was typed with a surname the record does not have, who was meant. */
export interface ContactLookup {
  hits: ContactHit[];
  /** "Julia Svensson" → Julia Larsson: a suggestion, not a match. */
  didYouMean: Contact | null;
}

function collectContacts(entries: readonly Entry[], names?: RecordNames): Contact[] {
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
  if (names) addOrganisations(entries, names, byKey);
  return [...byKey.values()];
}

/**
 * Organisations the entries name where no contact stands for them (Teknikpunkten, Arbetsförmedlingen, Botkyrka
 * kommun), as contacts of their own. One already covered by a contact's organisation ("Nykvarns bibliotek" by
 * "Nykvarns bibliotek och kundcenter") is not repeated.
 */
function addOrganisations(entries: readonly Entry[], names: RecordNames, byKey: Map<string, Contact>): void {
  const covered = [...new Set([...byKey.values()].map((c) => c.organisation))].map((o) => new Set(words(fold(o))));
  // The covering organisations by word, so a check reads those sharing the org's rarest word, not all of them.
  const coveredBy = new Map<string, Set<string>[]>();
  for (const c of covered) {
    for (const w of c) {
      const list = coveredBy.get(w);
      if (list) list.push(c);
      else coveredBy.set(w, [c]);
    }
  }
  const isCovered = (org: string) => {
    const ws = words(fold(org));
    if (ws.length === 0) return covered.length > 0;
    const lists = ws.map((w) => coveredBy.get(w) ?? []);
    const fewest = lists.reduce((a, b) => (b.length < a.length ? b : a));
    return fewest.some((c) => ws.every((w) => c.has(w)));
  };
  const folded = foldOnce();
  const coveredOrgs = new Map<string, boolean>();
  for (const entry of entries) {
    for (const org of names.organisations.get(entry) ?? []) {
      const key = `\u0000${folded(org)}`;
      let contact = byKey.get(key);
      if (!contact) {
        let skip = coveredOrgs.get(org);
        if (skip === undefined) coveredOrgs.set(org, (skip = org.includes(',') || isCovered(org)));
        if (skip) continue;
        contact = { name: null, role: null, organisation: org, entries: [] };
        byKey.set(key, contact);
      }
      if (contact.entries[contact.entries.length - 1] !== entry) contact.entries.push(entry);
    }
  }
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
    names?: RecordNames,
  ) {
    this.contacts = collectContacts(entries, names);
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

  /** Contacts matching the query's concepts (see lookup for the rules), best first. */
  find(groups: readonly QueryGroup[]): ContactHit[] {
    return this.search(groups).hits;
  }

  /** find() from text, with a did-you-mean for a person's name with a surname the record does not have. */
  lookup(text: string): ContactLookup {
    return this.search(queryGroups(text));
  }

  /**
   * Words that say what kind of body ("kommun", "bibliotek") do not decide while a distinctive word is there:
   * "Botkyrka kommun" is about Botkyrka. A person's name matches on all its typed words: "Julia Svensson" is not
   * Julia Larsson (she is the suggestion).
   */
  private search(groups: readonly QueryGroup[]): ContactLookup {
    const distinctive = groups.filter((g) => !words(g.typed).every(isGenericWord));
    const asked = distinctive.length > 0 ? distinctive : groups;
    const found = this.index.search(asked);
    let hits: ContactHit[];
    if (found.unranked) {
      // Only common words (a role thousands hold): every contact that has them, in the book's order.
      const { bits, filter } = found.unranked;
      hits = [];
      forEachSet(bits, (i) => void ((!filter || filter(i)) && hits.push({ contact: this.contacts[i]!, score: 0, exact: true })));
    } else {
      hits = found.hits.map((hit) => ({ contact: this.contacts[hit.index]!, score: hit.score, exact: hit.exact }));
    }
    const namesPerson = asked.some((g) => this.nameWords.has(g.typed));
    if (namesPerson && (found.dropped.length > 0 || found.combined === 'OR')) {
      const person = hits.find((h) => h.contact.name !== null)?.contact ?? null;
      return { hits: [], didYouMean: person };
    }
    hits.sort(
      (a, b) =>
        Number(b.exact) - Number(a.exact) ||
        Number(b.contact.name !== null) - Number(a.contact.name !== null) ||
        b.score - a.score ||
        a.contact.entries[0]!.period.start.localeCompare(b.contact.entries[0]!.period.start),
    );
    return { hits, didYouMean: null };
  }
}
