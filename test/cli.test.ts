import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/record.js';

function ask(args: string[], input?: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', DATA_FILE: '', ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run ask', () => {
  it('prints the answer readably', () => {
    const { code, out } = ask(['--locale', 'sv', 'visit', 'Motala']);
    expect(code).toBe(0);
    expect(out).toContain('Studieresa till DigidelCenter på Motala bibliotek');
    expect(out).toContain('Julia Larsson, projektledare');
    expect(out).toContain('September 2017 · Samtal');
  });

  it('treats text that is not a command as a question', () => {
    const { code, out } = ask(['--locale', 'sv', 'När', 'besökte', 'vi', 'Motala?']);
    expect(code).toBe(0);
    expect(out).toContain('Tolkat som /visit');
  });

  it('--json prints { command, query, results } with id and source on every result', () => {
    const { code, out } = ask(['--json', 'visit', 'Motala']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.command).toBe('visit');
    expect(json.query).toBe('Motala');
    expect(json.results.map((r: { id: string }) => r.id)).toEqual([
      '2017-spring-phone-interview-motala',
      '2017-autumn-study-trip-motala',
      '2017-09-conversation-regionbibliotek-ostergotland',
    ]);
    for (const r of json.results) expect(typeof r.source).toBe('string');
  });

  it('--json on a person lists the entries where they appear, with sources', () => {
    const json = JSON.parse(ask(['--json', 'contact', 'Julia']).out);
    expect(json.results[0]).toMatchObject({ id: 'person:Julia Larsson', name: 'Julia Larsson', role: 'projektledare' });
    expect(json.results[0].entries[0]).toMatchObject({ id: '2017-spring-phone-interview-motala' });
    expect(json.results[0].entries[0].source).toContain('Julia Larsson');
  });

  it('batch mode: one JSON line per input line, in order, going on after a bad line', () => {
    const input = 'visit Motala\nfrobnicate Motala\ncontact projektledare\n\nsearch ' + 'x'.repeat(600) + '\ntimeline 2018\n';
    const { code, out } = ask(['--json'], input);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.command)).toEqual(['visit', 'ask', 'contact', 'search', 'timeline']);
    expect(lines[1].error).toContain('Unknown command "frobnicate"');
    expect(lines[3].error).toContain('too long');
    expect(lines[4].results).toHaveLength(6);
    expect(code).not.toBe(0);
  });

  it('bad input: a clear message, non-zero exit, no stack trace', () => {
    for (const args of [['visit', ''], ['visit', 'x'.repeat(501)], ['visit', 'a\u0001b'], ['--locale', 'fi', 'visit', 'Motala'], ['--nope']]) {
      const { code, out, err } = ask(args);
      expect(code, args.join(' ')).not.toBe(0);
      expect(out + err).not.toMatch(/\n\s+at .+:\d+/);
      expect((out + err).trim().length).toBeGreaterThan(0);
    }
    const json = JSON.parse(ask(['--json', 'visit', '   ']).out);
    expect(json.error).toBe('Type something to search for.');
  });

  it('a bad data file stops it with file, entry and field, and no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'projektminne-cli-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ record: { title: 'T', sections: [] }, entries: [{ id: 'Bad Id' }] }));
    for (const run of [ask(['--data', file, 'visit', 'Motala']), ask(['visit', 'Motala'], undefined, { DATA_FILE: file })]) {
      expect(run.code).toBe(1);
      expect(run.err).toContain(file);
      expect(run.err).toContain('entry 0 (Bad Id), field id');
      expect(run.err).toContain('field title: is missing (expected string)');
      expect(run.err).not.toMatch(/\n\s+at /);
      expect(run.out).toBe('');
    }
  });
});
