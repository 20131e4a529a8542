import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { COMMAND_SPECS, parseCommandLine, runCommand } from '../commands/registry.js';
import { notice, type Reply } from '../commands/reply.js';
import { DataError } from '../data/load.js';
import { type Kind, KINDS } from '../data/schema.js';
import { dataFilePath } from '../data/source.js';
import { type Locale, t } from '../i18n.js';
import { type Loaded, loadFromStore, loadIndexed } from '../live/record.js';
import { withProvenance } from '../living/provenance.js';
import { databaseFilePath } from '../store/path.js';
import { openStore } from '../store/store.js';
import { answerText } from '../render/answer.js';
import { type JsonAnswer, renderJson } from '../render/json.js';
import { timelinePng } from '../render/picture.js';
import { renderText } from '../render/text.js';

/** The terminal door's usage, with the command list and each command's text derived from the specs. */
export function usage(specs = COMMAND_SPECS): string {
  const width = Math.max(...specs.map((s) => s.name.length)) + 2;
  const commands = specs.map((s) => `  ${s.name.padEnd(width)}${s.usage ? `${s.usage}  ` : ''}${s.description.en}`).join('\n');
  return `Usage: npm run ask -- [options] <command> <text>
       npm run ask -- [options] <question>
       npm run -s ask -- --json < lines.txt      (one command or question per line)

Commands (Swedish names work too: ${specs.map((s) => s.sv).join(', ')}):
${commands}
Options:
  --locale LOCALE  language of the answer: sv, sv-SE, en, en-US… (default: LC_ALL, LC_MESSAGES, LANG, else en)
  --json           print JSON: { "command", "query", "results": [...] }
  --kind KIND      with search: only entries of this kind (${KINDS.join(', ')})
  --data FILE      answer from a JSON file of the record's schema instead of the database
                   (default: DATABASE_FILE or data/projektminne.db, seeded from DATA_FILE on first use)
  --png FILE       with timeline or summary: also write the timeline picture (PNG) to FILE
  --limit N        with --json: results per page (default ${JSON_PAGE_SIZE}); "total" and "pages" say how many there are
  --page N         with --json: which page of results (default 1)
  -h, --help       this text`;
}

/**
 * Results per JSON answer unless --limit says otherwise: a page, as the bot shows, not every match — at 100,000
 * entries "search bibliotek" matches nearly all of them, and one line of them all is tens of megabytes.
 */
export const JSON_PAGE_SIZE = 20;

export const EXIT_USAGE = 2;
export const EXIT_FAILURE = 1;

export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

/** "sv", "sv-SE", "sv_SE.UTF-8" → sv; "en", "en-US", "C" → en; anything else → null. */
export function parseLocale(value: string): Locale | null {
  const tag = value.trim().toLowerCase();
  if (/^sv([-_.@]|$)/.test(tag)) return 'sv';
  if (/^(en([-_.@]|$)|c$|c\.|posix$)/.test(tag)) return 'en';
  return null;
}

/** The locale the environment asks for, in POSIX order: LC_ALL, then LC_MESSAGES, then LANG. */
export function localeFromEnv(env: NodeJS.ProcessEnv): Locale {
  return parseLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG || '') ?? 'en';
}

class Exit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Writes and waits for the stream to take it, so a slow reader (a pipe) holds the writer back. */
function write(out: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.write(text, (error) => (error ? reject(error) : undefined))) resolve();
    else out.once('drain', resolve);
  });
}

/** Which page of results a JSON answer holds. */
interface Paging {
  limit: number;
  page: number;
}

/**
 * The JSON answer with one page of results, and how many there are in all. Only the page is turned into result
 * objects; the answer sentence is worded from the whole reply, so it says what the unpaged one says.
 */
function pagedJson(reply: Reply, { limit, page }: Paging): JsonAnswer & { total: number; page: number; pages: number } {
  const from = (page - 1) * limit;
  let total = 0;
  let shown = reply;
  if (reply.type === 'entries' || reply.type === 'summary') {
    total = reply.entries.length;
    shown = { ...reply, entries: reply.entries.slice(from, from + limit) };
  } else if (reply.type === 'contacts') {
    total = reply.contacts.length;
    shown = { ...reply, contacts: reply.contacts.slice(from, from + limit) };
  } else if (reply.type === 'entry') total = 1;
  const json = renderJson(shown);
  if (reply.type !== 'entry' && reply.type !== 'notice') json.answer = answerText(reply);
  if (reply.type === 'entry' && page > 1) json.results = [];
  return { ...json, total, page, pages: Math.max(1, Math.ceil(total / limit)) };
}

/** A positive whole number option, or a usage error naming it. */
function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Exit(EXIT_USAGE, `--${name} must be a whole number of 1 or more, not "${value}".`);
  return n;
}

/** One line of input: a command ("visit Motala", "besök Motala") or a question, answered like on the command line. */
function answerLine(line: string, loaded: Loaded, locale: Locale, kind?: Kind): Reply {
  const { spec, text } = parseCommandLine(line);
  return withProvenance(runCommand(spec, { text, kind }, loaded.index, locale), loaded.store);
}

/**
 * The terminal door, in-process: `npm run ask -- visit Motala`, a question, `--json` for scripts, and batch mode
 * (`--json` with one line per input line on stdin). Returns the exit code: 0, 1 (a bad data file, or a batch line
 * that failed) or 2 (bad usage or input).
 */
export async function runCli(argv: string[], io: Io): Promise<number> {
  try {
    return await cli(argv, io);
  } catch (error) {
    if (error instanceof Exit) {
      if (error.message) await write(io.stderr, `${error.message}\n`).catch(() => undefined);
      return error.code;
    }
    throw error;
  }
}

async function cli(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        locale: { type: 'string' },
        json: { type: 'boolean', default: false },
        kind: { type: 'string' },
        data: { type: 'string' },
        png: { type: 'string' },
        limit: { type: 'string' },
        page: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new Exit(EXIT_USAGE, `${(error as Error).message}\n\n${usage()}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    await write(io.stdout, `${usage()}\n`);
    return 0;
  }
  const locale = values.locale === undefined ? localeFromEnv(io.env) : parseLocale(values.locale);
  if (!locale) throw new Exit(EXIT_USAGE, `--locale must be sv or en (or a tag such as sv-SE, en-US), not "${values.locale}".`);
  const kind = values.kind as Kind | undefined;
  if (kind && !KINDS.includes(kind)) throw new Exit(EXIT_USAGE, `--kind must be one of: ${KINDS.join(', ')}.`);
  const paging: Paging = { limit: positive('limit', values.limit, JSON_PAGE_SIZE), page: positive('page', values.page, 1) };

  let loaded: Loaded;
  try {
    // The same record the bot answers from: the database (seeded on first use), unless a JSON file is named.
    loaded = values.data
      ? loadIndexed(values.data)
      : loadFromStore(await openStore(databaseFilePath(io.env.DATABASE_FILE), { seed: dataFilePath(undefined, io.env), pollMs: 0 }));
  } catch (error) {
    if (error instanceof DataError) throw new Exit(EXIT_FAILURE, `Cannot use the data file: ${error.message}`);
    throw error;
  }
  try {
    return await answerAll(values, positionals, loaded, locale, kind, paging, io);
  } finally {
    loaded.store?.close();
  }
}

async function answerAll(
  values: { json?: boolean; png?: string },
  positionals: string[],
  loaded: Loaded,
  locale: Locale,
  kind: Kind | undefined,
  paging: Paging,
  io: Io,
): Promise<number> {
  if (positionals.length === 0) {
    if (!values.json) throw new Exit(EXIT_USAGE, usage());
    // Batch mode: one JSON object per input line, in order — a blank or bad line gets an error object, so output
    // line N always answers input line N.
    let failed = false;
    for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
      const reply: Reply = line.trim() ? answerLine(line, loaded, locale, kind) : { ...notice('ask', line, locale, t(locale).errorEmpty, true), private: true };
      if (reply.type === 'notice' && reply.error) failed = true;
      await write(io.stdout, `${JSON.stringify(pagedJson(reply, paging))}\n`);
    }
    loaded.saveCache();
    return failed ? EXIT_FAILURE : 0;
  }

  const reply = answerLine(positionals.join(' '), loaded, locale, kind);
  await write(io.stdout, `${values.json ? JSON.stringify(pagedJson(reply, paging), null, 2) : renderText(reply)}\n`);
  let code = reply.type === 'notice' && reply.error ? EXIT_USAGE : 0;
  if (values.png) code = Math.max(code, await writePicture(values.png, reply, io));
  // After the answer is out: a large record starts faster next time.
  loaded.saveCache();
  return code;
}

async function writePicture(file: string, reply: Reply, io: Io): Promise<number> {
  const m = t(reply.locale);
  if (!reply.span || (reply.type !== 'entries' && reply.type !== 'summary')) {
    await write(io.stderr, `${m.noPicture}\n`);
    return EXIT_USAGE;
  }
  try {
    await writeFile(file, timelinePng(reply.entries, reply.span, reply.locale, reply.title));
  } catch (error) {
    // One clear line, never a stack: the folder is missing, or not writable.
    throw new Exit(EXIT_FAILURE, m.pictureNotWritten(file, (error as NodeJS.ErrnoException).code ?? String(error)));
  }
  await write(io.stderr, `${m.pictureWritten(file)}\n`);
  return 0;
}
