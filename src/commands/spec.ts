import type { Kind } from '../data/schema.js';
import type { Locale } from '../i18n.js';
import type { Command } from './reply.js';

/** Text in both of the bot's languages. */
export type Localised = Record<Locale, string>;

/** The autocomplete lists an option can draw on (built by src/autocomplete/). */
export type SuggestList = 'place' | 'who' | 'period' | 'title' | 'where';

/**
 * One option of a command. `role` says what the option carries into the command: its main `text`, the `/search`
 * kind filter, or nothing the command sees (`private` is decided by the interaction core, see runCommand); `form`
 * options pre-fill /log's form and are read by the write path (src/living/), not by a pure command.
 */
export interface OptionSpec {
  role: 'text' | 'kind' | 'form';
  name: string;
  /** The Swedish name a Swedish Discord client shows. */
  sv: string;
  description: Localised;
  required: boolean;
  /** Which list completes it as the user types. */
  autocomplete?: SuggestList;
  /** A fixed list of values (the kind filter). */
  choices?: readonly { value: Kind; label: Localised }[];
}

/**
 * Everything about one command, in its own module: what Discord shows, what the terminal accepts, what help says,
 * which button code stands for it, and what it does. Every list of commands (Discord definitions, CLI usage, help,
 * autocomplete routing, button decoding, the fuzz tables) is derived from the specs in src/commands/registry.ts.
 */
export interface CommandSpec {
  name: string;
  sv: string;
  /** One character in button custom_ids; unique among the commands. */
  code: string;
  description: Localised;
  /** The help line, with an example in backticks as typed in that language. */
  help: Localised;
  /** The terminal's usage after the name, e.g. "<place>"; empty when the command takes no text. */
  usage: string;
  options: readonly OptionSpec[];
  /** Whether the answer can be asked for privately (adds the `private` option and the Share button). */
  shareable: boolean;
  /**
   * Who sees the command in Discord's list by default: `manage-server` hides it from members without that
   * permission (server admins can grant it to a role under Server Settings → Integrations). Absent: everyone.
   */
  defaultMemberPermissions?: 'manage-server';
  run: Command;
}

/** The option carrying a command's main text, if it has one. */
export function textOption(spec: CommandSpec): OptionSpec | undefined {
  return spec.options.find((o) => o.role === 'text');
}

/** The name the reader's Discord client shows for a command: `/besök` in Swedish, `/visit` in English. */
export function localName(spec: Pick<CommandSpec, 'name' | 'sv'>, locale: Locale): string {
  return locale === 'sv' ? spec.sv : spec.name;
}
