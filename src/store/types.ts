import type { Entry } from '../data/schema.js';

/** Who made a change: a Discord user (id and display name), or a tool ("import", "seed"). */
export interface Author {
  id: string;
  name: string;
}

/** Store metadata kept beside an entry (not part of the entry itself, so the entry schema stays as it is). */
export interface EntryMeta {
  /** Place in record order (larger is later). */
  position: number;
  addedBy: Author;
  /** ISO 8601 timestamps. */
  addedAt: string;
  updatedBy: Author;
  updatedAt: string;
  /** Set while the entry is removed; removal is soft and restore() undoes it. */
  removedBy: Author | null;
  removedAt: string | null;
}

export interface StoredEntry {
  entry: Entry;
  meta: EntryMeta;
}

export type ChangeAction = 'add' | 'update' | 'remove' | 'restore';

/** One state in an entry's history: the entry as it was after the action. */
export interface HistoryItem {
  seq: number;
  action: ChangeAction;
  entry: Entry;
  author: Author;
  at: string;
}

/**
 * A change as listeners see it. For the search index: add/restore → put `entry` in, update → replace the entry
 * with this id, remove → take the entry with this id out.
 */
export interface StoreChange extends HistoryItem {
  id: string;
  meta: EntryMeta;
  /** True when this process made the change; false when it was seen in the database (another process). */
  local: boolean;
}

export type ChangeListener = (change: StoreChange) => void;
