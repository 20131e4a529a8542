import { ButtonStyle, ComponentType, TextInputStyle } from 'discord-api-types/v10';
import type { LivingReply } from '../living/log.js';
import { encodeLiving } from '../living/custom-ids.js';
import { FIELD_MAX, FORM_FIELDS, type FieldProblem, type FormField, type LogForm } from '../living/form.js';
import { provenanceOf } from '../living/provenance.js';
import { living } from '../living/text.js';
import type { Locale } from '../i18n.js';
import { renderDiscord } from './discord.js';
import { escapeDiscord as esc } from './escape.js';
import { type ActionRow, type Button, fitMessage, type MessagePayload, truncate } from './fit.js';

/** Discord's limits for a modal (API reference, "Modal" and "Text Input"), enforced here like fit.ts does for messages. */
export const MODAL_LIMITS = { title: 45, rows: 5, customId: 100, label: 45, value: 4000, placeholder: 100 } as const;

export interface TextInput {
  type: ComponentType.TextInput;
  custom_id: string;
  label: string;
  style: TextInputStyle;
  required: boolean;
  max_length: number;
  value?: string;
  placeholder?: string;
}

/** The INTERACTION_CALLBACK type 9 data: a modal with up to five rows of one text input each. */
export interface ModalPayload {
  custom_id: string;
  title: string;
  components: { type: ComponentType.ActionRow; components: [TextInput] }[];
}

/** What a living reply becomes at a door: a modal to show, a new message, or the message the button was on, replaced. */
export type LivingOutput = { kind: 'modal'; modal: ModalPayload } | { kind: 'message'; payload: MessagePayload; private: boolean } | { kind: 'update'; payload: MessagePayload };

const LABELS: Record<FormField, 'fieldWhen' | 'fieldWhere' | 'fieldWho' | 'fieldTitle' | 'fieldText'> = {
  when: 'fieldWhen',
  where: 'fieldWhere',
  who: 'fieldWho',
  title: 'fieldTitle',
  text: 'fieldText',
};
const PLACEHOLDERS = { when: 'placeholderWhen', where: 'placeholderWhere', who: 'placeholderWho', title: 'placeholderTitle', text: 'placeholderText' } as const;

/** The form as a modal, filled in; the modal's id carries the kind and the entry being corrected. */
export function modalOf(form: LogForm, locale: Locale, customId: string): ModalPayload {
  const m = living(locale);
  return {
    custom_id: customId,
    title: truncate(form.entryId ? m.formTitleCorrect : m.formTitle, MODAL_LIMITS.title),
    components: FORM_FIELDS.map((field) => ({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          custom_id: field,
          label: truncate(m[LABELS[field]], MODAL_LIMITS.label),
          style: field === 'text' || field === 'who' || field === 'where' ? TextInputStyle.Paragraph : TextInputStyle.Short,
          required: field === 'when' || field === 'title' || field === 'text',
          max_length: Math.min(FIELD_MAX[field], MODAL_LIMITS.value),
          ...(form.values[field] ? { value: form.values[field].slice(0, MODAL_LIMITS.value) } : {}),
          placeholder: truncate(m[PLACEHOLDERS[field]], MODAL_LIMITS.placeholder),
        },
      ],
    })),
  };
}

function problemText(p: FieldProblem, locale: Locale): string {
  const m = living(locale);
  const text = (() => {
    switch (p.code) {
      case 'empty':
        return m.problem.empty;
      case 'period':
        return m.problem.period(p.typed ?? '');
      case 'place':
        return m.problem.place(p.typed ?? '');
      case 'region':
        return m.problem.region(p.typed ?? '');
      case 'person':
        return m.problem.person(p.typed ?? '');
      case 'too-long':
        return m.problem.tooLong(p.max ?? 0);
      case 'invalid':
        return m.problem.invalid(p.message ?? p.typed ?? '');
    }
  })();
  return `• **${m.fieldNames[p.field] ?? p.field}**: ${esc(text)}`;
}

const button = (style: Button['style'], label: string, custom_id: string | null): Button[] => (custom_id ? [{ type: ComponentType.Button, style, label, custom_id }] : []);
const row = (buttons: Button[]): ActionRow[] => (buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : []);

/**
 * A living reply as what the door sends. `from` is what was answered: a button's answer replaces the message it
 * is on (Undo → "removed, Restore"; Restore → the entry again, Undo).
 */
export function renderLiving(reply: LivingReply, from: 'command' | 'modal' | 'button'): LivingOutput {
  const { locale } = reply;
  const m = living(locale);
  const notice = (text: string, components: ActionRow[] = []): LivingOutput => ({
    kind: 'message',
    payload: fitMessage({ allowed_mentions: { parse: [] }, content: text, embeds: [], components }),
    private: true,
  });
  switch (reply.type) {
    case 'form': {
      const customId = encodeLiving({ action: 'submit', locale, kind: reply.form.kind, entryId: reply.form.entryId });
      if (!customId) return notice(esc(m.notFound(reply.form.entryId ?? '')));
      return { kind: 'modal', modal: modalOf(reply.form, locale, customId) };
    }
    case 'invalid':
      return notice(
        [m.invalid, ...reply.problems.map((p) => problemText(p, locale))].join('\n'),
        row(reply.draft ? button(ButtonStyle.Primary, m.reopen, encodeLiving({ action: 'reopen', locale, token: reply.draft })) : []),
      );
    case 'refused': {
      const id = reply.id ?? '';
      const text = { 'not-editor': m.notEditor, 'read-only': m.readOnly, 'not-found': m.notFound(id), removed: m.isRemoved(id), 'not-removed': m.notRemoved(id), 'draft-expired': m.draftExpired }[reply.reason];
      return notice(esc(text));
    }
    case 'saved': {
      const { entry, meta } = reply.stored;
      const who = reply.action === 'add' ? meta.addedBy.name : meta.updatedBy.name;
      const lead = reply.action === 'add' ? m.added(who) : reply.action === 'update' ? m.updated(who) : m.restored(who);
      const shown = renderDiscord({ type: 'entry', command: 'entry', query: entry.id, locale, title: entry.title, entry, provenance: provenanceOf(meta), private: false });
      const payload = fitMessage({
        ...shown,
        content: `${esc(lead)}\n${shown.content ?? ''}`,
        components: row(button(ButtonStyle.Secondary, m.undo, encodeLiving({ action: 'undo', locale, entryId: entry.id }))),
      });
      return from === 'button' ? { kind: 'update', payload } : { kind: 'message', payload, private: false };
    }
    case 'removed': {
      const { entry, meta } = reply.stored;
      const payload = fitMessage({
        allowed_mentions: { parse: [] },
        content: esc(m.removed(entry.title, meta.removedBy?.name ?? '')),
        embeds: [],
        components: row(button(ButtonStyle.Primary, m.restore, encodeLiving({ action: 'restore', locale, entryId: entry.id }))),
      });
      return from === 'button' ? { kind: 'update', payload } : { kind: 'message', payload, private: false };
    }
  }
}
