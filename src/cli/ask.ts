#!/usr/bin/env node
/**
 * The terminal door: `npm run ask -- visit Motala`, `npm run ask -- När besökte vi Motala?`,
 * `--json` for scripts, and batch mode (`--json` with commands on stdin, one per line).
 */
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { config } from 'dotenv';
import { isCommandName, parseCommandLine, runCommand } from '../commands/index.js';
import { checkText } from '../commands/input.js';
import { notice } from '../commands/reply.js';
import { DataError } from '../data/load.js';
import { type Kind, KINDS } from '../data/schema.js';
import { type Loaded, loadIndexed } from '../data/live.js';
import { dataFilePath } from '../data/source.js';
import { type Locale, LOCALES, t } from '../i18n.js';
import { renderJson } from '../render/json.js';
import { timelinePng } from '../render/picture.js';
import { renderText } from '../render/text.js';
import type { RecordIndex } from '../search/engine.js';

const USAGE = `Usage: npm run ask -- [options] <command> <text>
       npm run ask -- [options] <question>
       npm run -s ask -- --json < commands.txt      (one "<command> <text>" per line)

Commands: visit, contact, timeline, search, summary, entry, ask, help
Options:
  --locale sv|en   language of the answer (default: from LANG, else en)
  --json           print JSON: { "command", "query", "results": [...] }
  --kind KIND      with search: only entries of this kind (e.g. study-visit)
  --data FILE      use another data file of the same schema (default: DATA_FILE or data/activities.json)
  --png FILE       with timeline or summary: also write the timeline picture (PNG) to FILE
  -h, --help       this text`;

const EXIT_USAGE = 2;
const EXIT_FAILURE = 1;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function defaultLocale(): Locale {
  return (process.env.LANG ?? '').toLowerCase().startsWith('sv') ? 'sv' : 'en';
}

function answerLine(line: string, index: RecordIndex, locale: Locale, strict: boolean, kind?: Kind) {
  const trimmed = line.trim();
  const first = trimmed.split(/\s+/)[0]?.replace(/^\//, '').toLowerCase() ?? '';
  if (strict && !isCommandName(first)) {
    const checked = checkText(trimmed, locale);
    const message = checked.ok ? t(locale).errorUnknownCommand(first) : checked.message;
    return notice('ask', trimmed, locale, message, true);
  }
  const { name, text } = parseCommandLine(trimmed);
  return runCommand(name, { text, kind }, index, locale);
}

async function main(): Promise<void> {
  config({ quiet: true });
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        locale: { type: 'string' },
        json: { type: 'boolean', default: false },
        kind: { type: 'string' },
        data: { type: 'string' },
        png: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`, EXIT_USAGE);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const locale = (values.locale ?? defaultLocale()) as Locale;
  if (!LOCALES.includes(locale)) fail(`--locale must be sv or en, not "${values.locale}".`, EXIT_USAGE);
  const kind = values.kind as Kind | undefined;
  if (kind && !KINDS.includes(kind)) fail(`--kind must be one of: ${KINDS.join(', ')}.`, EXIT_USAGE);

  let loaded: Loaded;
  try {
    loaded = loadIndexed(dataFilePath(values.data));
  } catch (error) {
    if (error instanceof DataError) fail(`Cannot use the data file: ${error.message}`, EXIT_FAILURE);
    throw error;
  }
  const { index } = loaded;

  if (positionals.length === 0) {
    if (!values.json) fail(USAGE, EXIT_USAGE);
    // Batch mode: one "<command> <text>" per line in, one JSON object per line out, in order. Bad lines get an
    // error object and the batch goes on.
    let failed = false;
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      const reply = answerLine(line, index, locale, true, kind);
      if (reply.type === 'notice' && reply.error) failed = true;
      process.stdout.write(`${JSON.stringify(renderJson(reply))}\n`);
    }
    process.exitCode = failed ? EXIT_FAILURE : 0;
    loaded.saveCache();
    return;
  }

  const reply = answerLine(positionals.join(' '), index, locale, false, kind);
  process.stdout.write(`${values.json ? JSON.stringify(renderJson(reply), null, 2) : renderText(reply)}\n`);
  if (reply.type === 'notice' && reply.error) process.exitCode = EXIT_USAGE;
  if (values.png) {
    if (reply.span && (reply.type === 'entries' || reply.type === 'summary')) {
      writeFileSync(values.png, timelinePng(reply.entries, reply.span, reply.locale, reply.title));
      process.stderr.write(`${t(locale).pictureWritten(values.png)}\n`);
    } else {
      process.stderr.write(`${t(locale).noPicture}\n`);
      process.exitCode = EXIT_USAGE;
    }
  }
  // After the answer is out: a large record starts faster next time.
  loaded.saveCache();
}

main().catch((error: unknown) => {
  // Never a stack trace for the user; the message is enough to report.
  fail(`Unexpected error: ${(error as Error)?.message ?? String(error)}`, EXIT_FAILURE);
});
