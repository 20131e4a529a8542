import type { Provenance, Reply } from '../commands/reply.js';
import type { Store } from '../store/store.js';
import type { EntryMeta } from '../store/types.js';

export function provenanceOf(meta: EntryMeta): Provenance {
  const corrected = meta.updatedAt !== meta.addedAt || meta.updatedBy.id !== meta.addedBy.id;
  return { addedBy: meta.addedBy.name, addedAt: meta.addedAt, ...(corrected ? { updatedBy: meta.updatedBy.name, updatedAt: meta.updatedAt } : {}) };
}

/**
 * An /entry answer with who added the entry and when (store metadata, kept beside the entry rather than in it).
 * The pure command cannot read the store; every door passes its answer through here.
 */
export function withProvenance(reply: Reply, store: Store | undefined): Reply {
  if (reply.type !== 'entry' || !store) return reply;
  const meta = store.meta(reply.entry.id);
  return meta ? { ...reply, provenance: provenanceOf(meta) } : reply;
}
