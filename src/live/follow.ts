import type { Logger } from 'pino';
import { lowerBound } from '../search/order.js';
import type { StoreChange } from '../store/types.js';
import type { Loaded, LiveRecord } from './record.js';

/**
 * Keeps a loaded record in step with its store: every change — this process's at once, another process's (the
 * other door) on the store's next poll — goes into the index as one entry added, replaced or removed, and the
 * autocomplete lists are rebuilt on their next use. No restart and no rebuild.
 */
export function applyChange(loaded: Loaded, change: StoreChange, positionOf: (id: string) => number): void {
  const { index } = loaded;
  switch (change.action) {
    case 'add':
    case 'restore': {
      // Record order is the store's position; a restored entry goes back where it was.
      const position = change.meta.position;
      const at = lowerBound(index.entries.length, (i) => positionOf(index.entries[i]!.id) < position);
      index.add(change.entry, at);
      break;
    }
    case 'update':
      index.replace(change.entry);
      break;
    case 'remove':
      index.remove(change.id);
      break;
  }
  loaded.suggester.invalidate();
}

/**
 * Subscribes the live record to its store's changes. A reload (SIGHUP) that is building while changes come in
 * gets them too, before it is swapped in. Returns a function that stops following.
 */
export function followStore(record: LiveRecord, logger?: Logger): () => void {
  const store = record.current.store;
  if (!store) return () => undefined;
  // Positions of the active entries, read once when first needed and kept up to date by the changes.
  let positions: Map<string, number> | null = null;
  const positionOf = (id: string) => {
    positions ??= new Map(store.stored().map((s) => [s.entry.id, s.meta.position]));
    return positions.get(id) ?? Number.MAX_SAFE_INTEGER;
  };
  return store.onChange((change) => {
    positions?.set(change.id, change.meta.position);
    // Applying a change twice is harmless (an add of an id the index has replaces; removing an id it lacks does
    // nothing), so a reload that read the store just after this change may get it again.
    record.update((loaded) => applyChange(loaded, change, positionOf));
    logger?.info({ action: change.action, entry: change.id, by: change.author.id, local: change.local }, 'record changed');
  });
}
