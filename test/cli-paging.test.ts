import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { JSON_PAGE_SIZE, runCli } from '../src/cli/run.js';

/** The terminal door in-process, returning the exit code and stdout. */
async function ask(args: string[], input = '') {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const code = await runCli(args, { stdin: Readable.from([input]), stdout: out, stderr: new PassThrough(), env: { LANG: 'C' } });
  return { code, out: Buffer.concat(chunks).toString('utf8') };
}

const ids = (json: { results: { id: string }[] }) => json.results.map((r) => r.id);

describe('JSON results come a page at a time', () => {
  it('--limit and --page split the results; total and pages count them all; the answer is the whole one', async () => {
    const all = JSON.parse((await ask(['--json', '--limit', '100', 'search', 'bibliotek'])).out);
    expect(all.total).toBe(all.results.length);
    expect(all.total).toBeGreaterThan(4);
    const pages = [];
    for (let page = 1; page <= Math.ceil(all.total / 3); page++) {
      const json = JSON.parse((await ask(['--json', '--limit', '3', '--page', String(page), 'search', 'bibliotek'])).out);
      expect(json).toMatchObject({ total: all.total, page, pages: Math.ceil(all.total / 3), answer: all.answer });
      pages.push(...ids(json));
    }
    expect(pages).toEqual(ids(all));
  });

  it('a page past the end is empty, and says how many pages there are', async () => {
    const json = JSON.parse((await ask(['--json', '--limit', '2', '--page', '50', 'timeline', '2018'])).out);
    expect(json).toMatchObject({ results: [], total: 6, pages: 3, page: 50 });
  });

  it('without --limit a page holds JSON_PAGE_SIZE results, in batch mode too', async () => {
    const { out } = await ask(['--json'], 'search bibliotek\ncontact projektledare\n');
    for (const line of out.trim().split('\n').map((l) => JSON.parse(l))) {
      expect(line.results.length).toBe(Math.min(line.total, JSON_PAGE_SIZE));
      expect(line.pages).toBe(Math.max(1, Math.ceil(line.total / JSON_PAGE_SIZE)));
    }
  });

  it('refuses a limit or page that is not a whole number of 1 or more', async () => {
    for (const bad of [['--limit', '0'], ['--page', '-1'], ['--limit', 'ten']]) {
      const { code } = await ask(['--json', ...bad, 'visit', 'Motala']);
      expect(code).toBe(2);
    }
  });
});
