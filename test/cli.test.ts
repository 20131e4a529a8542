import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { localeFromEnv, parseLocale, runCli, usage } from '../src/cli/run.js';
import { COMMAND_SPECS } from '../src/commands/registry.js';
import { ROOT } from './helpers/record.js';

// The terminal answers from the database like the bot: a temporary one, seeded from data/activities.json.
const DATABASES = mkdtempSync(join(tmpdir(), 'projektminne-cli-db-'));
let databases = 0;
const freshDatabase = () => join(DATABASES, `ask-${++databases}.db`);
const SHARED_DATABASE = freshDatabase();

/** The terminal door in-process: same code as `npm run ask`, without a process per call. */
async function ask(args: string[], input = '', env: Record<string, string> = {}) {
  const collect = () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
  };
  const out = collect();
  const err = collect();
  const code = await runCli(args, { stdin: Readable.from([input]), stdout: out.stream, stderr: err.stream, env: { LANG: 'C', DATABASE_FILE: SHARED_DATABASE, ...env } });
  return { code, out: out.text(), err: err.text() };
}

/** The real process, for what only a process shows: exit codes, stack traces, a closed pipe. */
function spawnAsk(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', DATA_FILE: '', DATABASE_FILE: freshDatabase(), ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run ask', () => {
  it('prints the answer readably', async () => {
    const { code, out } = await ask(['--locale', 'sv', 'visit', 'Motala']);
    expect(code).toBe(0);
    expect(out).toContain('Studieresa till DigidelCenter på Motala bibliotek');
    expect(out).toContain('Julia Larsson, projektledare');
    expect(out).toContain('September 2017 · Samtal');
  });

  it('treats text that is not a command as a question, and takes Swedish command names', async () => {
    expect((await ask(['--locale', 'sv', 'När', 'besökte', 'vi', 'Motala?'])).out).toContain('Tolkat som: besök · Motala');
    expect((await ask(['--locale', 'sv', 'besök', 'Motala'])).out).toContain('Studieresa till DigidelCenter');
  });

  it('--json prints { command, query, results } with id and source on every result', async () => {
    const { code, out } = await ask(['--json', 'visit', 'Motala']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.command).toBe('visit');
    expect(json.query).toBe('Motala');
    expect(json.results.map((r: { id: string }) => r.id)).toEqual([
      '2017-autumn-study-trip-motala',
      '2017-spring-phone-interview-motala',
      '2017-09-conversation-regionbibliotek-ostergotland',
    ]);
    for (const r of json.results) expect(typeof r.source).toBe('string');
  });

  it('--json on a person lists the entries where they appear, with sources', async () => {
    const json = JSON.parse((await ask(['--json', 'contact', 'Julia'])).out);
    expect(json.results[0]).toMatchObject({ id: 'person:Julia Larsson', name: 'Julia Larsson', role: 'projektledare' });
    expect(json.results[0].entries[0]).toMatchObject({ id: '2017-spring-phone-interview-motala' });
    expect(json.results[0].entries[0].source).toContain('Julia Larsson');
  });

  it('batch mode: one JSON line per input line, in order — blank and bad lines get an error object', async () => {
    const input = 'visit Motala\nNär besökte vi Motala?\ncontact projektledare\n\nsearch ' + 'x'.repeat(600) + '\ntimeline 2018\n';
    const { code, out } = await ask(['--json'], input);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.command)).toEqual(['visit', 'ask', 'contact', 'ask', 'search', 'timeline']);
    expect(lines[1].results.length).toBeGreaterThan(0);
    expect(lines[3].error).toBe('Type something to search for.');
    expect(lines[4].error).toContain('too long');
    expect(lines[5].results).toHaveLength(6);
    expect(code).toBe(1);
  });

  it('bad input: a clear message and a non-zero exit', async () => {
    for (const args of [['visit', ''], ['visit', 'x'.repeat(501)], ['visit', 'a\u0001b'], ['--locale', 'fi', 'visit', 'Motala'], ['--nope'], ['--kind', 'party', 'search', 'x']]) {
      const { code, out, err } = await ask(args);
      expect(code, args.join(' ')).not.toBe(0);
      expect((out + err).trim().length).toBeGreaterThan(0);
    }
    const json = JSON.parse((await ask(['--json', 'visit', '   '])).out);
    expect(json.error).toBe('Type something to search for.');
  });

  it('--locale takes sv, sv-SE, en, en-US; the environment is read LC_ALL, LC_MESSAGES, LANG', async () => {
    expect(['sv', 'sv-SE', 'sv_SE.UTF-8', 'en', 'en-US', 'en-GB', 'C'].map(parseLocale)).toEqual(['sv', 'sv', 'sv', 'en', 'en', 'en', 'en']);
    expect(parseLocale('fi')).toBeNull();
    expect(localeFromEnv({ LC_ALL: 'sv_SE.UTF-8', LANG: 'en_US.UTF-8' })).toBe('sv');
    expect(localeFromEnv({ LC_MESSAGES: 'en_US.UTF-8', LANG: 'sv_SE.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LANG: 'sv_SE.UTF-8' })).toBe('sv');
    expect((await ask(['--locale', 'sv-SE', 'visit', 'Motala'])).out).toContain('Besök och kontakter');
    expect((await ask(['visit', 'Motala'], '', { LC_ALL: 'sv_SE.UTF-8' })).out).toContain('Besök och kontakter');
  });

  it('--png to a missing folder is one clear line', async () => {
    const file = join(tmpdir(), 'projektminne-no-such-folder', 'x.png');
    const { code, err } = await ask(['--png', file, 'timeline', '2017']);
    expect(code).toBe(1);
    expect(err.trim()).toBe(`Could not write the picture to ${file} (no such folder).`);
    expect(existsSync(file)).toBe(false);
  });

  it('usage lists every command from the specs', () => {
    for (const spec of COMMAND_SPECS) expect(usage()).toContain(`  ${spec.name} `);
  });

  it('as a process: a bad data file stops it with file, entry and field, and no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'projektminne-cli-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ record: { title: 'T', sections: [] }, entries: [{ id: 'Bad Id' }] }));
    for (const run of [spawnAsk(['--data', file, 'visit', 'Motala']), spawnAsk(['visit', 'Motala'], { DATA_FILE: file })]) {
      expect(run.code).toBe(1);
      expect(run.err).toContain(file);
      expect(run.err).toContain('entry 0 (Bad Id), field id');
      expect(run.err).toContain('field title: is missing (expected string)');
      expect(run.err).not.toMatch(/\n\s+at /);
      expect(run.out).toBe('');
    }
  });

  it('as a process: piping into a reader that stops early ends quietly', () => {
    const result = spawnSync('bash', ['-c', `printf 'timeline 2017\\n%.0s' {1..200} | ${process.execPath} --import tsx src/cli/ask.ts --json | head -c 100 >/dev/null`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C', DATA_FILE: '', DATABASE_FILE: freshDatabase() },
    });
    expect(result.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });
});
