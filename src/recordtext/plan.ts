import type { Entry } from '../data/schema.js';
import { newEntryId } from '../store/ids.js';
import type { Draft } from './parse.js';

/** One entry an import would add, or one it finds already in the record. */
export interface Planned {
  entry: Entry;
  flags: string[];
  line: number;
  /** The id of the entry in the record that says the same, or null when the entry is new. */
  existing: string | null;
}

/** What makes two entries the same fact: the words quoted, the kind, where, and with whom. */
function sameFact(a: Omit<Entry, 'id'>, b: Omit<Entry, 'id'>): boolean {
  const key = (e: Omit<Entry, 'id'>) =>
    JSON.stringify([e.source.replace(/\s+/g, ' '), e.kind, e.places.map((p) => p.name), e.people.map((p) => [p.name, p.organisation])]);
  return key(a) === key(b);
}

/** Gives each draft an unused id, and matches drafts to entries already in the record (those are not added again). */
export function planImport(drafts: readonly Draft[], record: readonly Entry[]): Planned[] {
  const taken = new Set(record.map((e) => e.id));
  return drafts.map((draft) => {
    const existing = record.find((e) => sameFact(e, draft.entry));
    if (existing) return { entry: existing, flags: draft.flags, line: draft.line, existing: existing.id };
    const id = newEntryId(draft.entry, (candidate) => taken.has(candidate));
    taken.add(id);
    return { entry: { id, ...draft.entry }, flags: draft.flags, line: draft.line, existing: null };
  });
}
