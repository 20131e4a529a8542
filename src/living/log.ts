import type { Kind } from '../data/schema.js';
import type { Locale } from '../i18n.js';
import type { RecordIndex } from '../search/engine.js';
import { EntryError, StoreError } from '../store/errors.js';
import type { Store } from '../store/store.js';
import type { Author, StoredEntry } from '../store/types.js';
import type { Drafts } from './drafts.js';
import { entryFromForm, type FieldProblem, formOf, type LogForm, newForm } from './form.js';
import { type Actor, canEdit } from './permissions.js';

/**
 * The write path of the living record: check who asks, read the form, write to the store, and say what happened
 * as a reply model (src/render/living.ts turns it into a modal or a message). The store tells the live index
 * (src/live/follow.ts), so an entry is found by every command the moment store.add returns.
 */
export type LivingReply = { locale: Locale } & (
  /** Show the form (a Discord modal), filled in. */
  | { type: 'form'; form: LogForm }
  | { type: 'saved'; action: 'add' | 'update' | 'restore'; stored: StoredEntry }
  | { type: 'removed'; stored: StoredEntry }
  /** Not saved: what is wrong, field by field, and the token of the kept form (null when nothing was typed yet). */
  | { type: 'invalid'; problems: FieldProblem[]; draft: string | null }
  | { type: 'refused'; reason: 'not-editor' | 'read-only' | 'not-found' | 'removed' | 'not-removed' | 'draft-expired'; id?: string }
);

export interface LivingContext {
  /** Absent when the record is read from a JSON file: nothing can be written. */
  store: Store | undefined;
  index: RecordIndex;
  editorRoleId: string | null;
  actor: Actor | undefined;
  locale: Locale;
  drafts: Drafts;
}

/** What /log's slash options carry. */
export interface LogOptions {
  kind?: Kind;
  when?: string;
  where?: string;
  /** Correct this entry. */
  entry?: string;
  /** Put this removed entry back. */
  restore?: string;
}

type Checked = { ok: true; store: Store; author: Author } | { ok: false; reply: LivingReply };

function check(ctx: LivingContext): Checked {
  const { locale } = ctx;
  if (!ctx.store) return { ok: false, reply: { type: 'refused', reason: 'read-only', locale } };
  if (!canEdit(ctx.actor, ctx.editorRoleId)) return { ok: false, reply: { type: 'refused', reason: 'not-editor', locale } };
  return { ok: true, store: ctx.store, author: { id: ctx.actor!.userId, name: ctx.actor!.name } };
}

function storeFailure(error: unknown, id: string, locale: Locale): LivingReply {
  if (error instanceof StoreError) {
    const reason = error.code === 'exists' ? 'not-removed' : error.code;
    return { type: 'refused', reason, id, locale };
  }
  throw error;
}

/** `/log`: the form to fill in (new, or a correction pre-filled), or — with `restore` — the entry put back at once. */
export function openLog(ctx: LivingContext, options: LogOptions): LivingReply {
  const checked = check(ctx);
  if (!checked.ok) return checked.reply;
  const { locale } = ctx;
  if (options.restore) return restoreEntry(ctx, options.restore.trim());
  if (options.entry) {
    const id = options.entry.trim();
    const stored = checked.store.get(id);
    if (!stored) return { type: 'refused', reason: 'not-found', id, locale };
    if (stored.meta.removedAt) return { type: 'refused', reason: 'removed', id, locale };
    const form = formOf(stored.entry);
    return { type: 'form', form: { ...form, kind: options.kind ?? form.kind }, locale };
  }
  if (!options.kind) return { type: 'invalid', problems: [{ field: 'what', code: 'empty' }], draft: null, locale };
  return { type: 'form', form: newForm(options.kind, { when: options.when ?? '', where: options.where ?? '' }), locale };
}

/** The submitted form: saved (added or corrected), or refused field by field with the form kept for another try. */
export function submitLog(ctx: LivingContext, form: LogForm): LivingReply {
  const checked = check(ctx);
  if (!checked.ok) return checked.reply;
  const { store, author } = checked;
  const { locale } = ctx;
  const existing = form.entryId ? store.get(form.entryId) : null;
  if (form.entryId && !existing) return { type: 'refused', reason: 'not-found', id: form.entryId, locale };
  const result = entryFromForm(form, ctx.index, (id) => store.get(id) !== null, existing?.entry ?? null);
  if (!result.ok) return { type: 'invalid', problems: result.problems, draft: ctx.drafts.keep(form), locale };
  try {
    const stored = existing ? store.update(existing.entry.id, result.entry, author) : store.add(result.entry, author);
    return { type: 'saved', action: existing ? 'update' : 'add', stored, locale };
  } catch (error) {
    if (error instanceof EntryError) {
      const problems = error.fields.map((field): FieldProblem => ({ field: 'text', code: 'invalid', message: `${field}: ${error.problems.join('; ')}` }));
      return { type: 'invalid', problems, draft: ctx.drafts.keep(form), locale };
    }
    return storeFailure(error, form.entryId ?? result.entry.id, locale);
  }
}

/** Undo: the entry leaves the record (soft: kept in its history, restorable). */
export function undoEntry(ctx: LivingContext, id: string): LivingReply {
  const checked = check(ctx);
  if (!checked.ok) return checked.reply;
  try {
    return { type: 'removed', stored: checked.store.remove(id, checked.author), locale: ctx.locale };
  } catch (error) {
    return storeFailure(error, id, ctx.locale);
  }
}

export function restoreEntry(ctx: LivingContext, id: string): LivingReply {
  const checked = check(ctx);
  if (!checked.ok) return checked.reply;
  try {
    return { type: 'saved', action: 'restore', stored: checked.store.restore(id, checked.author), locale: ctx.locale };
  } catch (error) {
    return storeFailure(error, id, ctx.locale);
  }
}

/** "Open the form again": the kept form, or a polite note that it is gone. */
export function reopenForm(ctx: LivingContext, token: string): LivingReply {
  const checked = check(ctx);
  if (!checked.ok) return checked.reply;
  const form = ctx.drafts.take(token);
  return form ? { type: 'form', form, locale: ctx.locale } : { type: 'refused', reason: 'draft-expired', locale: ctx.locale };
}
