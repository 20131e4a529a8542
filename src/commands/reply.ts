import type { Entry } from '../data/schema.js';
import type { Locale } from '../i18n.js';
import type { Contact } from '../search/contacts.js';
import type { RecordIndex } from '../search/engine.js';
import type { MonthSpan } from '../search/period.js';
import type { PlaceName } from '../search/places.js';

export const COMMAND_NAMES = ['visit', 'contact', 'timeline', 'search', 'summary', 'entry', 'ask', 'help'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** What every door hands a command: the validated text, options, the language and the loaded record. */
export interface CommandInput {
  text: string;
  /** `/search`'s optional kind filter. */
  kind?: Entry['kind'];
}

export interface CommandContext {
  index: RecordIndex;
  locale: Locale;
}

export interface SummaryFacts {
  span: MonthSpan;
  total: number;
  byKind: { kind: Entry['kind']; count: number }[];
  places: { label: string; within: string | null; count: number }[];
  counties: { label: string; count: number }[];
  people: { name: string; role: string | null; organisation: string }[];
}

interface ReplyBase {
  command: CommandName;
  /** The user's text as given (after validation); renderers escape it before echoing. */
  query: string;
  locale: Locale;
  title: string;
  /** A line or two under the title: matched places, how /ask read the question, etc. */
  description?: string;
  /** For /timeline and /summary: the period shown, which the timeline picture draws. */
  span?: MonthSpan;
}

/**
 * A command's answer, free of any transport. The Discord renderer, the terminal renderer and the JSON output
 * all start from this; pagination is the renderer's job, so lists here are complete and best first.
 */
export type Reply = ReplyBase &
  (
    | { type: 'entries'; entries: Entry[]; places?: PlaceName[] }
    | { type: 'contacts'; contacts: Contact[] }
    | { type: 'summary'; facts: SummaryFacts; entries: Entry[] }
    | { type: 'entry'; entry: Entry }
    | { type: 'help' }
    | { type: 'notice'; error: boolean }
  );

export type Command = (input: CommandInput, context: CommandContext) => Reply;

export function notice(command: CommandName, query: string, locale: Locale, text: string, error = false): Reply {
  return { type: 'notice', command, query, locale, title: text, error };
}
