import type { Locale } from '../i18n.js';
import type { RecordIndex } from '../search/engine.js';
import { ask } from './ask.js';
import { contact } from './contact.js';
import { entry } from './entry.js';
import { help } from './help.js';
import { checkText } from './input.js';
import { COMMAND_NAMES, type Command, type CommandInput, type CommandName, notice, type Reply } from './reply.js';
import { search } from './search.js';
import { summary } from './summary.js';
import { timeline } from './timeline.js';
import { visit } from './visit.js';

export const COMMANDS: Record<CommandName, Command> = { visit, contact, timeline, search, summary, entry, ask, help };

/** Commands whose text may be left out. */
const OPTIONAL_TEXT = new Set<CommandName>(['summary', 'help']);

export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

/**
 * The one way every door runs a command: validate the text, then run the pure command. Doors only translate
 * their input into this call and the reply into their output (and turn a thrown error into an apology).
 */
export function runCommand(name: CommandName, input: CommandInput, index: RecordIndex, locale: Locale): Reply {
  const checked = checkText(input.text, locale, { required: !OPTIONAL_TEXT.has(name) });
  if (!checked.ok) return notice(name, input.text, locale, checked.message, true);
  return COMMANDS[name]({ ...input, text: checked.text }, { index, locale });
}

/** "visit Motala" → visit; "När besökte vi Motala?" → ask. For the terminal and chat messages. */
export function parseCommandLine(line: string): { name: CommandName; text: string } {
  const trimmed = line.trim().replace(/^\//, '');
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const name = first.toLowerCase();
  if (isCommandName(name)) return { name, text: rest.join(' ') };
  return { name: 'ask', text: line.trim() };
}
