import { KINDS, type Kind } from '../data/schema.js';
import { LOCALES, type Locale } from '../i18n.js';
import { DISCORD } from '../limits.js';

/**
 * The custom_ids of the living record's modal and buttons, apart from the answers' page/share ids
 * (src/render/custom-id.ts): "pm1|L|<action>|<locale>|<rest>". Undo and Restore carry the entry id, so they keep
 * working after a restart; the form's kind and entry travel in the modal's id; only a kept draft needs memory.
 */
export type LivingAction =
  /** The form's submission: kind index and the entry it corrects (empty for a new one). */
  | { action: 'submit'; locale: Locale; kind: Kind; entryId: string | null }
  | { action: 'reopen'; locale: Locale; token: string }
  | { action: 'undo'; locale: Locale; entryId: string }
  | { action: 'restore'; locale: Locale; entryId: string };

const PREFIX = 'pm1|L|';
const CODES = { submit: 'm', reopen: 'o', undo: 'u', restore: 'r' } as const;

/** The custom_id, or null when it would not fit Discord's 100 characters (an id that long gets no button). */
export function encodeLiving(a: LivingAction): string | null {
  const rest = a.action === 'submit' ? `${KINDS.indexOf(a.kind)}|${a.entryId ?? ''}` : a.action === 'reopen' ? a.token : a.entryId;
  const id = `${PREFIX}${CODES[a.action]}|${a.locale}|${rest}`;
  return id.length <= DISCORD.customId ? id : null;
}

export function isLivingId(customId: string): boolean {
  return customId.startsWith(PREFIX);
}

export function decodeLiving(customId: string): LivingAction | null {
  if (!isLivingId(customId)) return null;
  const [code, locale, ...parts] = customId.slice(PREFIX.length).split('|');
  if (!LOCALES.includes(locale as Locale)) return null;
  const l = locale as Locale;
  const rest = parts.join('|');
  switch (code) {
    case 'm': {
      const kind = KINDS[Number(parts[0])];
      return kind && /^\d+$/.test(parts[0] ?? '') ? { action: 'submit', locale: l, kind, entryId: parts.slice(1).join('|') || null } : null;
    }
    case 'o':
      return rest ? { action: 'reopen', locale: l, token: rest } : null;
    case 'u':
      return rest ? { action: 'undo', locale: l, entryId: rest } : null;
    case 'r':
      return rest ? { action: 'restore', locale: l, entryId: rest } : null;
    default:
      return null;
  }
}
