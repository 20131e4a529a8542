import type { Kind } from '../data/schema.js';
import { KINDS } from '../data/schema.js';
import { localeFromDiscord, type Locale } from '../i18n.js';
import type { Loaded } from '../live/record.js';
import { decodeLiving, isLivingId } from '../living/custom-ids.js';
import { drafts } from '../living/drafts.js';
import { FORM_FIELDS, type LogForm } from '../living/form.js';
import { type LivingContext, openLog, reopenForm, restoreEntry, submitLog, undoEntry } from '../living/log.js';
import type { Actor } from '../living/permissions.js';
import { type LivingOutput, renderLiving } from '../render/living.js';

/** What the living record needs of an interaction (a subset of InteractionInput, so this file does not import answer.ts). */
export type LivingInput =
  | { kind: 'command'; command: string; options: Record<string, string | number | boolean>; locale: string | undefined; actor?: Actor }
  | { kind: 'button'; customId: string; locale: string | undefined; actor?: Actor }
  | { kind: 'modal'; customId: string; fields: Record<string, string>; locale: string | undefined; actor?: Actor };

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

function context(loaded: Loaded, actor: Actor | undefined, locale: Locale): LivingContext {
  return { store: loaded.store, index: loaded.index, editorRoleId: loaded.editorRoleId ?? null, actor, locale, drafts };
}

/**
 * The living record's share of the interaction core: /log, its modal's submission, and the Undo, Restore and
 * "open the form again" buttons. Null for everything else (the caller answers it as before).
 */
export function answerLiving(input: LivingInput, loaded: Loaded): LivingOutput | null {
  switch (input.kind) {
    case 'command': {
      if (input.command !== 'log') return null;
      const locale = localeFromDiscord(input.locale);
      const o = input.options;
      const kind = KINDS.includes(o.what as Kind) ? (o.what as Kind) : undefined;
      const reply = openLog(context(loaded, input.actor, locale), { kind, when: text(o.when), where: text(o.where), entry: text(o.entry), restore: text(o.restore) });
      return renderLiving(reply, 'command');
    }
    case 'modal': {
      const action = decodeLiving(input.customId);
      if (action?.action !== 'submit') return null;
      const values = Object.fromEntries(FORM_FIELDS.map((f) => [f, input.fields[f] ?? ''])) as LogForm['values'];
      const form: LogForm = { kind: action.kind, entryId: action.entryId, values };
      return renderLiving(submitLog(context(loaded, input.actor, action.locale), form), 'modal');
    }
    case 'button': {
      if (!isLivingId(input.customId)) return null;
      const action = decodeLiving(input.customId);
      if (!action || action.action === 'submit') return null;
      const ctx = context(loaded, input.actor, action.locale);
      const reply = action.action === 'undo' ? undoEntry(ctx, action.entryId) : action.action === 'restore' ? restoreEntry(ctx, action.entryId) : reopenForm(ctx, action.token);
      return renderLiving(reply, 'button');
    }
  }
}
