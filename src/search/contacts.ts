import { Pacer } from './pace.js';
import type { Entry } from '../data/schema.js';
import type { Analyzer } from './analyze.js';
import type { RecordNames } from './names.js';
import { isGenericWord } from './places.js';
import { queryGroups, type QueryGroup } from './query.js';
import { insertByDate, removeByDate } from './order.js';
import { monthNumber } from './period.js';
import { type FieldSpec, forEachSet, type SerialisedText, TextIndex } from './text-index.js';
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

/** What a contact query found, and, when a person's name was typed with a surname the record does not have, who was meant. */
export interface ContactLookup {
  hits: ContactHit[];
  /** "Julia Svensson" → Julia Larsson: a suggestion, not a match. */
  didYouMean: Contact | null;
}

const personKey = (person: Entry['people'][number]) => `${person.name ?? ''}\u0000${person.organisation}`;
const organisationKey = (org: string) => `\u0000${fold(org)}`;

/**
 * Puts an entry under each person it names (no `isCovered`), or under each organisation it names where no
 * contact stands for it (Teknikpunkten, Arbetsförmedlingen, Botkyrka kommun): one already covered by a person's
 * organisation ("Nykvarns bibliotek" by "Nykvarns bibliotek och kundcenter") is not repeated. People go first over
 * the whole record, so a person met later still covers an organisation. Returns the contacts it touched.
 */
function fileEntry(entry: Entry, byKey: Map<string, Contact>, names: RecordNames | undefined, isCovered: ((org: string) => boolean) | null): Contact[] {
  const touched: Contact[] = [];
  if (!isCovered) {
    for (const person of entry.people) {
      const key = personKey(person);
      let contact = byKey.get(key);
      if (!contact) {
        contact = { name: person.name, role: person.role, organisation: person.organisation, entries: [] };
        byKey.set(key, contact);
      }
      contact.role ??= person.role;
      insertByDate(contact.entries, entry);
      touched.push(contact);
    }
    return touched;
  }
  for (const org of names?.organisations.get(entry) ?? []) {
    const key = organisationKey(org);
    let contact = byKey.get(key);
    if (!contact) {
      if (org.includes(',') || isCovered(org)) continue;
      contact = { name: null, role: null, organisation: org, entries: [] };
      organisationContacts.add(contact);
      byKey.set(key, contact);
    }
    insertByDate(contact.entries, entry);
    touched.push(contact);
  }
  return touched;
}

/** Whether a person's organisation already stands for an organisation an entry names (all its words). */
function coveredBy(contacts: Iterable<Contact>): (org: string) => boolean {
  const covered = [...new Set([...contacts].filter((c) => !isOrganisationOnly(c)).map((c) => c.organisation))].map((o) => new Set(words(fold(o))));
  // The covering organisations by word, so a check reads those sharing the org's rarest word, not all of them.
  const byWord = new Map<string, Set<string>[]>();
  for (const c of covered) {
    for (const w of c) {
      const list = byWord.get(w);
      if (list) list.push(c);
      else byWord.set(w, [c]);
    }
  }
  return (org) => {
    const ws = words(fold(org));
    if (ws.length === 0) return covered.length > 0;
    const lists = ws.map((w) => byWord.get(w) ?? []);
    const fewest = lists.reduce((a, b) => (b.length < a.length ? b : a));
    return fewest.some((c) => ws.every((w) => c.has(w)));
  };
}

const NO_CONTACTS: ReadonlySet<Contact> = new Set();
const organisationContacts = new WeakSet<Contact>();
const isOrganisationOnly = (c: Contact) => organisationContacts.has(c);

/** The fields a contact is found by. Defined here, not in a constructor, so no closure keeps more than it needs. */
const CONTACT_FIELDS: FieldSpec<Contact>[] = [
  { name: 'name', boost: 4, extract: (c) => c.name ?? '' },
  { name: 'role', boost: 3, extract: (c) => c.role ?? '' },
  { name: 'organisation', boost: 2, extract: (c) => c.organisation },
  { name: 'where', boost: 1, extract: (c) => placesReady.get(c) ?? placesOf(c.entries) },
];

/** A contact's places as one text: every place, municipality, district and county of its entries, once each. */
function placesOf(entries: readonly Entry[], from = 0, to = entries.length, seen = new Set<string>()): string {
  for (let i = from; i < to; i++) {
    for (const p of entries[i]!.places) for (const name of [p.name, p.municipality ?? '', p.district ?? '', p.county]) seen.add(name);
  }
  return [...seen].join(' ');
}

/**
 * Places texts worked out ahead of a paced build (warmAsync), taken once by the index: a contact met in thousands of
 * entries (4,500 in the bench's replicate record of 100,000) is one document whose text reads all their places.
 */
const placesReady = new WeakMap<Contact, string>();
const PLACES_STEP = 256;

/** People and organisations, searchable by name, role, organisation and where they are. */
export class ContactBook {
  /** In the book's order: as first met, in date order (contacts met in entries added later come last). */
  readonly contacts: Contact[];
  /** Every word of every person's name, folded: "is a person named here?" without scanning all contacts. */
  readonly nameWords: Set<string>;
  private readonly byKey: Map<string, Contact>;
  private built: TextIndex<Contact> | undefined;
  /** Each contact's slot in the built index. */
  private slots = new Map<Contact, number>();
  /**
   * Each slot's contact's first month as a number (YYYY-MM compares as it): a role thousands of contacts hold orders
   * them all by it, and reading it through each contact's first entry was most of that. Dropped on any change.
   */
  private firstMonths: Int32Array | undefined;
  private unrankedOrder: Int32Array | undefined;
  /**
   * See namedExactly: the one contact named so, or a list. Not a set each, and no keys kept per contact: at 100,000
   * entries those were 8 MB after the bench's queries, for what one look-up a query needs.
   */
  private byName: Map<string, Contact | Contact[]> | undefined;
  /** The cached index to load from, dropped once loaded (or once the contacts changed: it no longer fits). */
  private serialised: SerialisedText | undefined;

  /** `entries` in date order. */
  constructor(
    entries: readonly Entry[],
    private readonly analyzer: Analyzer,
    serialised?: SerialisedText,
    private readonly names?: RecordNames,
    /** The entries already filed under their contacts (buildAsync), in place of `entries`. */
    filed?: Map<string, Contact>,
    /** Their name words, gathered in the same steps. */
    nameWords?: Set<string>,
  ) {
    this.byKey = filed ?? new Map<string, Contact>();
    // People first over all entries, then organisations: an organisation a person of a later entry stands for
    // is covered by that person.
    if (!filed) {
      for (const entry of entries) fileEntry(entry, this.byKey, names, null);
      if (names) {
        const isCovered = coveredBy(this.byKey.values());
        for (const entry of entries) fileEntry(entry, this.byKey, names, isCovered);
      }
    }
    // At its size in one allocation, not grown from an iterator (see mapSteps in suggest.ts).
    this.contacts = new Array<Contact>(this.byKey.size);
    let at = 0;
    for (const contact of this.byKey.values()) this.contacts[at++] = contact;
    this.nameWords = nameWords ?? new Set(this.contacts.flatMap((c) => (c.name ? words(fold(c.name)) : [])));
    this.serialised = serialised;
  }

  /**
   * The same book, with the entries filed in chunks and a pause between them, so a serving door keeps answering
   * (at 100,000 entries filing them all takes about half a second).
   */
  static async buildAsync(entries: readonly Entry[], analyzer: Analyzer, serialised?: SerialisedText, names?: RecordNames): Promise<ContactBook> {
    const byKey = new Map<string, Contact>();
    const pacer = new Pacer();
    const chunked = async (isCovered: ((org: string) => boolean) | null) => {
      for (let i = 0; i < entries.length; i++) {
        fileEntry(entries[i]!, byKey, names, isCovered);
        if (pacer.due()) await pacer.pause();
      }
    };
    await chunked(null);
    if (names) await chunked(coveredBy(byKey.values()));
    const nameWords = new Set<string>();
    for (const contact of byKey.values()) {
      if (contact.name) for (const w of words(fold(contact.name))) nameWords.add(w);
      if (pacer.due()) await pacer.pause();
    }
    return new ContactBook(entries, analyzer, serialised, names, byKey, nameWords);
  }

  /** Files an entry added while serving under its contacts; their index documents are replaced, one each. */
  add(entry: Entry): void {
    const touched = fileEntry(entry, this.byKey, this.names, null);
    if (this.names) touched.push(...fileEntry(entry, this.byKey, this.names, coveredBy(this.byKey.values())));
    for (const contact of touched) {
      if (!this.contacts.includes(contact)) {
        this.contacts.push(contact);
        if (contact.name) for (const w of words(fold(contact.name))) this.nameWords.add(w);
      }
    }
    this.reindex(touched);
  }

  /** Takes an entry out of its contacts; a contact left with no entries goes. */
  remove(entry: Entry): void {
    const keys = [...entry.people.map(personKey), ...(this.names?.organisations.get(entry) ?? []).map(organisationKey)];
    const touched: Contact[] = [];
    for (const key of new Set(keys)) {
      const contact = this.byKey.get(key);
      if (!contact || removeByDate(contact.entries, entry) < 0) continue;
      touched.push(contact);
      if (contact.entries.length === 0) {
        this.byKey.delete(key);
        this.contacts.splice(this.contacts.indexOf(contact), 1);
      }
    }
    this.reindex(touched);
  }

  /** A changed contact's text (its places) changed: its document is replaced. Not built yet: built when first asked. */
  private reindex(contacts: readonly Contact[]): void {
    this.serialised = undefined;
    this.firstMonths = undefined;
    this.unrankedOrder = undefined;
    this.byName = undefined;
    const index = this.built;
    if (!index) return;
    for (const contact of contacts) {
      const slot = this.slots.get(contact);
      if (slot !== undefined) index.discard(slot);
      this.slots.delete(contact);
      if (contact.entries.length > 0) this.slots.set(contact, index.add(contact));
    }
  }

  /**
   * The search index over contacts, made on first use (or by warm(), right after the door is answering): at
   * 100,000 entries it is a fifth of a second that start-up need not wait for.
   */
  private get index(): TextIndex<Contact> {
    if (!this.built) {
      this.built = new TextIndex(this.contacts, CONTACT_FIELDS, this.analyzer, { serialised: this.serialised, compact: true });
      this.slots = new Map(this.contacts.map((c, i) => [c, i]));
      this.serialised = undefined;
      this.firstMonths = undefined;
      this.unrankedOrder = undefined;
    }
    return this.built;
  }

  /**
   * Every slot in the order an answer of only common words gives its contacts (see search): named people first,
   * then by first month, then as filed. Kept per version of the book, so a role 11,000 contacts hold is not sorted
   * at every query; a counting sort (months are few) rather than a comparison sort of every contact.
   */
  private unrankedOrderBySlot(): Int32Array {
    if (!this.unrankedOrder) {
      const first = this.firstMonthsBySlot();
      const named = new Uint8Array(first.length);
      for (const [contact, slot] of this.slots) named[slot] = contact.name !== null ? 1 : 2;
      let low = Infinity;
      let high = -Infinity;
      for (let slot = 0; slot < first.length; slot++) {
        if (named[slot] === 0) continue;
        low = Math.min(low, first[slot]!);
        high = Math.max(high, first[slot]!);
      }
      const months = high >= low ? high - low + 1 : 0;
      const key = (slot: number) => (named[slot]! - 1) * months + first[slot]! - low;
      const starts = new Int32Array(2 * months + 1);
      for (let slot = 0; slot < first.length; slot++) if (named[slot] !== 0) starts[key(slot) + 1]!++;
      for (let k = 1; k < starts.length; k++) starts[k]! += starts[k - 1]!;
      const order = new Int32Array(this.slots.size);
      for (let slot = 0; slot < first.length; slot++) if (named[slot] !== 0) order[starts[key(slot)]!++] = slot;
      this.unrankedOrder = order;
    }
    return this.unrankedOrder;
  }

  private firstMonthsBySlot(): Int32Array {
    if (!this.firstMonths) {
      let slots = 0;
      for (const slot of this.slots.values()) slots = Math.max(slots, slot + 1);
      this.firstMonths = new Int32Array(slots);
      for (const [contact, slot] of this.slots) {
        this.firstMonths[slot] = monthNumber(contact.entries[0]!.period.start);
      }
    }
    return this.firstMonths;
  }

  warm(): void {
    void this.index;
  }

  /** Builds the index in chunks (for reloads while serving); a cached one is simply loaded. */
  async warmAsync(): Promise<void> {
    if (this.built || this.serialised) return this.warm();
    const contacts = this.contacts.slice();
    const pacer = new Pacer();
    for (const contact of contacts) {
      const seen = new Set<string>();
      for (let from = 0; from < contact.entries.length; from += PLACES_STEP) {
        placesOf(contact.entries, from, Math.min(from + PLACES_STEP, contact.entries.length), seen);
        if (pacer.due()) await pacer.pause();
      }
      placesReady.set(contact, [...seen].join(' '));
    }
    let index: TextIndex<Contact>;
    try {
      index = await TextIndex.build(contacts, CONTACT_FIELDS, this.analyzer, { compact: true });
    } finally {
      // Only for this build: a contact's places change with its entries, and a later document is worked out anew.
      for (const contact of contacts) placesReady.delete(contact);
    }
    if (!this.built && contacts.length === this.contacts.length && contacts.every((c, i) => c === this.contacts[i])) {
      this.built = index;
      this.slots = new Map(contacts.map((c, i) => [c, i]));
      this.firstMonths = undefined;
      this.unrankedOrder = undefined;
    }
  }

  toJSON(): SerialisedText {
    return this.index.toJSON();
  }

  /**
   * A contact's name and organisation as folded words ("regionbibliotek ostergotland"), for telling a query that
   * names them exactly. A contact's name and organisation never change (a change files the entry under another
   * contact).
   */
  namedAs(contact: Contact): readonly string[] {
    return [contact.name, contact.organisation].filter((n): n is string => Boolean(n)).map((n) => words(fold(n)).join(' '));
  }

  /**
   * The contacts whose name or organisation is exactly these folded words (see namedAs): a query naming no one
   * exactly ("bibliotek") then need not ask it of the thousands of contacts it finds. Made when first asked (a
   * role thousands of contacts hold would ask namedAs of them all), dropped on any change.
   */
  namedExactly(key: string): ReadonlySet<Contact> {
    if (!this.byName) {
      const byName = new Map<string, Contact | Contact[]>();
      for (const contact of this.contacts) {
        for (const name of this.namedAs(contact)) {
          const named = byName.get(name);
          if (named === undefined) byName.set(name, contact);
          // A contact named as its organisation ("Vårsta bibliotek" both) comes under that key once.
          else if (Array.isArray(named)) {
            if (named.at(-1) !== contact) named.push(contact);
          } else if (named !== contact) byName.set(name, [named, contact]);
        }
      }
      this.byName = byName;
    }
    const named = this.byName.get(key);
    return named === undefined ? NO_CONTACTS : new Set(Array.isArray(named) ? named : [named]);
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
    const namesPerson = asked.some((g) => this.nameWords.has(g.typed));
    const unmatchedName = namesPerson && (found.dropped.length > 0 || found.combined === 'OR');
    if (found.unranked) {
      // Only common words (a role thousands hold): every contact that has them, all of equal score, in the order
      // kept for that (named first, then by first month, then as filed: what sorting them below would give).
      const { bits, filter } = found.unranked;
      const has = (i: number) => (bits[i >>> 5]! & (1 << (i & 31))) !== 0 && (!filter || filter(i));
      if (unmatchedName) {
        // The first named contact as filed.
        let person: Contact | null = null;
        forEachSet(bits, (i) => {
          if (!has(i) || this.index.item(i)!.name === null) return false;
          person = this.index.item(i)!;
          return true;
        });
        return { hits: [], didYouMean: person };
      }
      const hits: ContactHit[] = [];
      for (const slot of this.unrankedOrderBySlot()) if (has(slot)) hits.push({ contact: this.index.item(slot)!, score: 0, exact: true });
      return { hits, didYouMean: null };
    }
    const hits = found.hits.map((hit) => ({ contact: this.index.item(hit.index)!, score: hit.score, exact: hit.exact }));
    if (unmatchedName) return { hits: [], didYouMean: hits.find((h) => h.contact.name !== null)?.contact ?? null };
    const slots = found.hits.map((hit) => hit.index);
    // Each hit's keys are read once, not at every comparison (thousands of hits are sorted for a word many share).
    // Months are YYYY-MM (the schema checks it), so their numbers are in date order, as localeCompare gives.
    const firstMonths = this.firstMonthsBySlot();
    const keyed = hits.map((hit, k) => ({ hit, rank: (hit.exact ? 2 : 0) + (hit.contact.name !== null ? 1 : 0), first: firstMonths[slots[k]!]! }));
    keyed.sort((a, b) => b.rank - a.rank || b.hit.score - a.hit.score || a.first - b.first);
    return { hits: keyed.map((k) => k.hit), didYouMean: null };
  }
}
