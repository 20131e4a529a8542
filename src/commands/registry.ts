import type { Locale } from '../i18n.js';
import type { RecordIndex } from '../search/engine.js';
import { ask } from './ask.js';
import { contact } from './contact.js';
import { entry } from './entry.js';
import { help } from './help.js';
import { log } from './log.js';
import { report } from './report.js';
import { checkText } from './input.js';
import { type CommandInput, notice, type Reply } from './reply.js';
import { search } from './search.js';
import type { CommandSpec } from './spec.js';
import { summary } from './summary.js';
import { timeline } from './timeline.js';
import { visit } from './visit.js';

/** Every command, in the order help and Discord list them. Adding a command is adding its module here. */
export const COMMAND_SPECS: readonly CommandSpec[] = [visit, contact, timeline, search, summary, entry, ask, report, log, help];

/** Looks a command up by its English or Swedish name (as typed in a terminal or a chat message). */
export function findCommand(name: string, specs: readonly CommandSpec[] = COMMAND_SPECS): CommandSpec | undefined {
  const key = name.toLowerCase();
  return specs.find((s) => s.name === key || s.sv === key);
}

/**
 * The one way every door runs a command: validate the text, run the pure command, and decide once whether the
 * answer is private (asked for, or a notice: an error or nothing found). Doors only translate their input into this call and the reply
 * into their output (and turn a thrown error into an apology).
 */
export function runCommand(spec: CommandSpec, input: CommandInput, index: RecordIndex, locale: Locale, commands: readonly CommandSpec[] = COMMAND_SPECS): Reply {
  const required = spec.options.some((o) => o.role === 'text' && o.required);
  const checked = checkText(input.text, locale, { required });
  if (!checked.ok) return { ...notice(spec.name, input.text, locale, checked.message, true), private: true };
  const reply = spec.run({ ...input, text: checked.text }, { index, locale, commands });
  // A notice (an error, or nothing found) concerns only the asker: it is never posted to the channel.
  return { ...reply, private: input.private === true || reply.type === 'notice' } as Reply;
}

/** "visit Motala" or "besök Motala" → that command; "När besökte vi Motala?" → ask. For the terminal and chat. */
export function parseCommandLine(line: string, specs: readonly CommandSpec[] = COMMAND_SPECS): { spec: CommandSpec; text: string } {
  const trimmed = line.trim().replace(/^\//, '');
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const spec = findCommand(first, specs);
  if (spec) return { spec, text: rest.join(' ') };
  return { spec: specs.find((s) => s.name === 'ask') ?? ask, text: line.trim() };
}
