import { createHash } from 'node:crypto';
import { COMMAND_SPECS } from '../commands/registry.js';
import { localName } from '../commands/spec.js';
import { KINDS, type Kind } from '../data/schema.js';
import { LOCALES, type Locale } from '../i18n.js';
import { escapeDiscord } from './escape.js';

/**
 * Button state, kept where it survives a restart and works on any instance: nothing is held in memory.
 *
 * The custom_id carries the small, fixed-size part: "pm2|p|s|2|sv|-|3f9a1c2e" = page 2 of a `search` in Swedish,
 * no kind filter, and a key. The query — up to 500 characters, far more than Discord's 100-character custom_id —
 * is read back from the message the button belongs to: every message with buttons ends its content with a subtext
 * line naming what was asked, "-# /sök <query>", written with the same escaping as all echoed text. That escaping
 * is exactly reversible for validated input (single-line, no zero-width characters: see checkText), so the query
 * comes back as it was typed. The key, a hash of command and query, proves that what was read back is what the
 * button was made for; a message edited by hand or a line we cannot read gives "run the command again", never
 * another query's answer. Old "pm1" ids carried the query themselves and still work.
 */
export interface ButtonState {
  action: 'page' | 'share';
  /** The command's (English) name. */
  command: string;
  page: number;
  locale: Locale;
  kind?: Kind;
  /** The query when the custom_id holds it (pm1); pm2 holds the key instead and the query is on the message. */
  query?: string;
  key?: string;
}

const PREFIX = 'pm2';
const OLD_PREFIX = 'pm1';
// Each command's one-letter code comes from its spec.
const COMMAND_CODES = new Map(COMMAND_SPECS.map((s) => [s.name, s.code]));
const CODE_COMMANDS = new Map(COMMAND_SPECS.map((s) => [s.code, s.name]));
const ACTION_CODES = { page: 'p', share: 's' } as const;

/** Eight hex digits of SHA-256 over command and query: enough to tell one query's message from another's. */
export function queryKey(command: string, query: string): string {
  return createHash('sha256').update(`${command}\u0000${query}`).digest('hex').slice(0, 8);
}

/** The custom_id for a button on the answer to `command` with `query` (at most 40 characters whatever the query). */
export function encodeState(state: Omit<ButtonState, 'key'> & { query: string }): string | null {
  const code = COMMAND_CODES.get(state.command);
  if (!code) return null;
  const kind = state.kind ? String(KINDS.indexOf(state.kind)) : '-';
  return [PREFIX, ACTION_CODES[state.action], code, state.page, state.locale, kind, queryKey(state.command, state.query)].join('|');
}

export function decodeState(customId: string): ButtonState | null {
  const parts = customId.split('|');
  if (parts.length < 7 || (parts[0] !== PREFIX && parts[0] !== OLD_PREFIX)) return null;
  const [prefix, action, command, page, locale, kind] = parts;
  const tail = parts.slice(6).join('|');
  if (action !== 'p' && action !== 's') return null;
  if (prefix === PREFIX && !/^[0-9a-f]{8}$/.test(tail)) return null;
  const state: ButtonState = {
    action: action === 'p' ? 'page' : 'share',
    command: CODE_COMMANDS.get(command!) ?? '',
    page: Number(page),
    locale: locale as Locale,
    ...(kind !== '-' ? { kind: KINDS[Number(kind)] } : {}),
    ...(prefix === PREFIX ? { key: tail } : { query: tail }),
  };
  if (!state.command || !/^\d+$/.test(page!) || !LOCALES.includes(state.locale)) return null;
  if (kind !== '-' && !state.kind) return null;
  return state;
}

/** "-# /sök <query>": the last line of a message's content that says what was asked (and carries it for buttons). */
export function askedLine(command: string, query: string, locale: Locale): string {
  const spec = COMMAND_SPECS.find((s) => s.name === command);
  const name = spec ? localName(spec, locale) : command;
  return `-# /${name}${query ? ` ${escapeDiscord(query)}` : ''}`;
}

/** The inverse of escapeDiscord for a validated query (which has no zero-width characters of its own). */
function unescapeDiscord(text: string): string {
  return text.replace(/\u200b/g, '').replace(/\\([\s\S])/g, '$1');
}

/**
 * The query a button's message was answering, checked against the button's key; null when the message does not
 * carry it (or carries another). Content lines a user typed can never start "-# /": escaping breaks line-start
 * markup, and a query is one line.
 */
export function queryFromMessage(state: ButtonState, content: string | undefined): string | null {
  if (state.query !== undefined) return state.query;
  for (const line of (content ?? '').split('\n').reverse()) {
    const match = /^-# \/\S+(?: (.*))?$/.exec(line);
    if (!match) continue;
    const query = unescapeDiscord(match[1] ?? '');
    if (queryKey(state.command, query) === state.key) return query;
  }
  return null;
}
