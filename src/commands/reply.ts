import type { Entry, Kind, Place } from '../data/schema.js';
import type { Report } from '../report/build.js';
import type { Locale } from '../i18n.js';
import type { Contact } from '../search/contacts.js';
import type { RecordIndex } from '../search/engine.js';
import type { MonthSpan } from '../search/period.js';
import type { PlaceName } from '../search/places.js';
import type { AnswerModel } from '../question/select.js';
import type { CommandSpec } from './spec.js';

/** What every door hands a command: the validated text, options, the language and the loaded record. */
export interface CommandInput {
  text: string;
  /** `/search`'s optional kind filter. */
  kind?: Kind;
  /** The asker wants the answer for their eyes only (Discord's `private` option). */
  private?: boolean;
}

export interface CommandContext {
  index: RecordIndex;
  locale: Locale;
  /** Every command there is (help lists them). */
  commands: readonly CommandSpec[];
}

export interface SummaryFacts {
  span: MonthSpan;
  total: number;
  byKind: { kind: Kind; count: number }[];
  places: { place: Place; count: number }[];
  counties: { label: string; count: number }[];
  /** Named people only. */
  people: { name: string; role: string | null; organisation: string }[];
  /** Contacts the record names no person for: the organisation is the contact. */
  organisations: { organisation: string; role: string | null }[];
}

interface ReplyBase {
  /** The command's (English) name. */
  command: string;
  /** The user's text as given (after validation); renderers escape it before echoing. */
  query: string;
  locale: Locale;
  title: string;
  /** A line or two under the title: how /ask read the question, the period a search named, etc. */
  description?: string;
  /** For /timeline and /summary: the period shown, which the timeline picture draws. */
  span?: MonthSpan;
  /** The answer to a question, as data (render words it as the reply's first line). */
  answer?: AnswerModel;
  /**
   * Only the asker sees it. Decided once, in runCommand: asked for with `private`, or a notice (error or nothing found).
   * Each door maps it to its own form (Discord's ephemeral flag); renderers add a Share button to private answers.
   */
  private: boolean;
}

/**
 * A command's answer, free of any transport and of display formatting: places, kinds and periods stay data, and
 * src/render/ turns them into text. Lists here are complete and best first; paging is the renderer's job.
 */
export type Reply = ReplyBase &
  (
    | { type: 'entries'; entries: Entry[]; places?: PlaceName[]; kind?: Kind }
    | { type: 'contacts'; contacts: Contact[] }
    | { type: 'summary'; facts: SummaryFacts; entries: Entry[] }
    | { type: 'entry'; entry: Entry; provenance?: Provenance }
    | { type: 'help'; commands: readonly Pick<CommandSpec, 'name' | 'sv' | 'help'>[] }
    | { type: 'notice'; error: boolean }
    /** /report: "Genomförda aktiviteter" for a period; renderers attach it as files (Markdown, .docx) or print it. */
    | { type: 'report'; report: Report }
  );

/** Who added an entry and when, and the last correction (from the store; absent for a record read from a file). */
export interface Provenance {
  addedBy: string;
  addedAt: string;
  updatedBy?: string;
  updatedAt?: string;
}

/** A reply as a command builds it; runCommand adds `private`. */
export type CommandReply = Reply extends infer R ? (R extends Reply ? Omit<R, 'private'> : never) : never;

export type Command = (input: CommandInput, context: CommandContext) => CommandReply;

export function notice(command: string, query: string, locale: Locale, text: string, error = false): CommandReply {
  return { type: 'notice', command, query, locale, title: text, error };
}
