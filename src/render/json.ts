import type { Reply } from '../commands/reply.js';
import type { Entry } from '../data/schema.js';
import { KIND_LABELS, periodLabel } from '../i18n.js';
import { answerText, readingLine } from './answer.js';
import { describeReply, isPerson, titleOf } from './format.js';
import { reportText } from '../report/text.js';

/**
 * A result for scripts: everything traceable to the record through `id` and `source`. `people` holds named people
 * only; a contact the record names no person for is an organisation and is listed under `organisations`.
 */
function entryResult(entry: Entry, reply: Reply) {
  const organisations = [...new Set([...entry.organisations, ...entry.people.filter((p) => !isPerson(p)).map((p) => p.organisation)])];
  return {
    ...entry,
    people: entry.people.filter(isPerson),
    organisations,
    kindLabel: KIND_LABELS[entry.kind][reply.locale],
    periodLabel: periodLabel(entry.period, reply.locale),
  };
}

export interface JsonAnswer {
  command: string;
  query: string;
  /** The direct answer in the reader's language, plain text: the first line of every reply. */
  answer: string;
  /** How a question was read (for /ask). */
  reading?: string;
  title?: string;
  description?: string;
  results: unknown[];
  summary?: unknown;
  report?: unknown;
  message?: string;
  error?: string;
}

/** `{ command, query, results }`, best first. A person's result lists the entries where they appear. */
export function renderJson(reply: Reply): JsonAnswer {
  const answer = answerText(reply);
  const reading = reply.answer?.reading ? readingLine(reply.answer.reading, reply.locale) : undefined;
  const base = { command: reply.command, query: reply.query, answer, reading, title: titleOf(reply), description: describeReply(reply) };
  switch (reply.type) {
    case 'notice':
      return reply.error
        ? { command: reply.command, query: reply.query, answer, results: [], error: reply.title }
        : { command: reply.command, query: reply.query, answer, reading, results: [], message: reply.title };
    case 'help':
      return { ...base, results: [] };
    case 'entry':
      return { ...base, results: [{ ...entryResult(reply.entry, reply), ...(reply.provenance ? { provenance: reply.provenance } : {}) }] };
    case 'report':
      return { ...base, results: [], report: { ...reply.report, text: reportText(reply.report) } };
    case 'entries':
      return { ...base, results: reply.entries.map((e) => entryResult(e, reply)) };
    case 'summary':
      return { ...base, summary: reply.facts, results: reply.entries.map((e) => entryResult(e, reply)) };
    case 'contacts':
      return {
        ...base,
        results: reply.contacts.map((c) => ({
          id: c.name ? `person:${c.name}` : `organisation:${c.organisation}`,
          type: isPerson(c) ? 'person' : 'organisation',
          name: c.name,
          role: c.role,
          organisation: c.organisation,
          entries: c.entries.map((e) => ({ id: e.id, kind: e.kind, period: e.period, title: e.title, source: e.source })),
          source: c.entries.map((e) => e.source),
        })),
      };
  }
}
