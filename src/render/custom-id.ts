import { COMMAND_SPECS } from '../commands/registry.js';
import { KINDS, type Kind } from '../data/schema.js';
import { LOCALES, type Locale } from '../i18n.js';
import { DISCORD } from '../limits.js';

/**
 * Button state lives in the custom_id itself, so Previous/Next and Share keep working after a restart and on
 * any instance: "pm1|p|v|2|sv|-|Motala" = page 2 of `visit Motala` in Swedish. The query comes last, verbatim.
 * A state that does not fit Discord's 100 characters gets no button (see encodeState).
 */
export interface ButtonState {
  action: 'page' | 'share';
  /** The command's (English) name. */
  command: string;
  page: number;
  locale: Locale;
  kind?: Kind;
  query: string;
}

const PREFIX = 'pm1';
// Each command's one-letter code comes from its spec.
const COMMAND_CODES = new Map(COMMAND_SPECS.map((s) => [s.name, s.code]));
const CODE_COMMANDS = new Map(COMMAND_SPECS.map((s) => [s.code, s.name]));
const ACTION_CODES = { page: 'p', share: 's' } as const;

/** The custom_id for a state, or null when the query is too long to fit in 100 characters. */
export function encodeState(state: ButtonState): string | null {
  const kind = state.kind ? String(KINDS.indexOf(state.kind)) : '-';
  if (!COMMAND_CODES.has(state.command)) return null;
  const id = [PREFIX, ACTION_CODES[state.action], COMMAND_CODES.get(state.command), state.page, state.locale, kind, state.query].join('|');
  return id.length <= DISCORD.customId ? id : null;
}

export function decodeState(customId: string): ButtonState | null {
  const parts = customId.split('|');
  if (parts.length < 7 || parts[0] !== PREFIX) return null;
  const [, action, command, page, locale, kind] = parts;
  const query = parts.slice(6).join('|');
  if (action !== 'p' && action !== 's') return null;
  const state: ButtonState = {
    action: action === 'p' ? 'page' : 'share',
    command: CODE_COMMANDS.get(command!) ?? '',
    page: Number(page),
    locale: locale as Locale,
    ...(kind !== '-' ? { kind: KINDS[Number(kind)] } : {}),
    query,
  };
  if (!state.command || !Number.isInteger(state.page) || state.page < 0 || !LOCALES.includes(state.locale)) return null;
  if (kind !== '-' && !state.kind) return null;
  return state;
}
