import { describe, expect, it } from 'vitest';
import type { Reply } from '../src/commands/reply.js';
import { askedLine, decodeState, encodeState, queryFromMessage, queryKey } from '../src/render/custom-id.js';
import { renderDiscord } from '../src/render/discord.js';
import { escapeDiscord } from '../src/render/escape.js';
import { fitMessage, type MessagePayload, truncate } from '../src/render/fit.js';
import { expectWithinLimits } from './helpers/limits.js';
import { command, index, makeEntry, makeIndex, run } from './helpers/record.js';
import { runCommand } from '../src/commands/registry.js';

const huge = 'å'.repeat(6000);

describe('fitMessage', () => {
  it('brings any payload inside Discord’s limits', () => {
    const payload: MessagePayload = {
      content: huge,
      embeds: Array.from({ length: 12 }, () => ({ title: huge, description: huge, footer: { text: huge }, fields: Array.from({ length: 30 }, () => ({ name: huge, value: huge })) })),
      components: [{ type: 1, components: [{ type: 2, style: 1, label: huge, custom_id: 'x'.repeat(120) }, { type: 2, style: 1, label: huge, custom_id: 'ok' }] }],
      allowed_mentions: { parse: [] },
    };
    const fitted = fitMessage(payload);
    expectWithinLimits(fitted);
    expect(fitted.components[0]!.components.map((b) => b.custom_id)).toEqual(['ok']);
  });

  it('never splits a surrogate pair when it truncates', () => {
    const cut = truncate('😀'.repeat(100), 51);
    expect(cut.length).toBeLessThanOrEqual(51);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('custom_id state', () => {
  it('round-trips in a short id whatever the query, and refuses malformed ids', () => {
    const state = { action: 'page' as const, command: 'search' as const, page: 3, locale: 'sv' as const, kind: 'email' as const };
    for (const query of ['bibliotek | med | pipes', huge.slice(0, 500)]) {
      const id = encodeState({ ...state, query })!;
      expect(id.length).toBeLessThanOrEqual(40);
      expect(decodeState(id)).toEqual({ ...state, key: queryKey('search', query) });
    }
    for (const bad of ['', 'pm2', 'pm2|p|v|x|sv|-|0123abcd', 'pm2|p|z|0|sv|-|0123abcd', 'pm2|p|v|0|fi|-|0123abcd', 'pm2|p|v|-1|sv|-|0123abcd', 'pm2|q|v|0|sv|-|0123abcd', 'pm2|p|v|0|sv|99|0123abcd', 'pm2|p|v|0|sv|-|Motala']) {
      expect(decodeState(bad), bad).toBeNull();
    }
    // Buttons posted before this version carried the query in the id; they keep working.
    expect(decodeState('pm1|p|v|2|sv|-|Motala')).toEqual({ action: 'page', command: 'visit', page: 2, locale: 'sv', query: 'Motala' });
  });

  it('reads the exact query back from the message, for any text a query can hold', () => {
    const queries = ['Motala', '@everyone <@123> **x** `y` ~z~ |w| [a](b) \\ back\\slash', '- list', '# heading', '> quote', '12. item', 'å'.repeat(500), '😀'.repeat(500), ''];
    for (const query of queries) {
      const state = decodeState(encodeState({ action: 'page', command: 'search', page: 1, locale: 'en', query })!)!;
      const content = `**Search: whatever**\n${askedLine('search', query, 'sv')}\n-# Shared by <@1>`;
      expect(queryFromMessage(state, content), query).toBe(query);
      // Another query's message, or a message without the line, gives nothing rather than a wrong answer.
      expect(queryFromMessage(state, `${askedLine('search', `${query}x`, 'sv')}`)).toBeNull();
      expect(queryFromMessage(state, '**Search**')).toBeNull();
    }
  });

  it('gives a 500-character query working buttons: the id is short, the query is on the message', () => {
    const many = makeIndex(Array.from({ length: 12 }, (_, i) => makeEntry(`e-${i}`, { title: `Samtal ${i}`, source: `Samtal nummer ${i}.` })));
    const query = `samtal ${'samtal '.repeat(80)}`.slice(0, 500).trim();
    const reply = runCommand(command('search'), { text: query }, many, 'en');
    const payload = renderDiscord(reply);
    expect(payload.embeds).toHaveLength(5);
    const [prev, next] = payload.components[0]!.components;
    expect([prev!.disabled, next!.disabled]).toEqual([true, false]);
    expect(queryFromMessage(decodeState(next!.custom_id)!, payload.content)).toBe(query);
    expect(payload.content!.split('\n').at(-1)).toBe(`-# /search ${query}`);
    expectWithinLimits(payload);
  });
});

describe('renderDiscord', () => {
  it('keeps every reply of every command within limits, with the longest inputs', () => {
    const inputs = ['Motala', 'projektledare', '2017', 'bibliotek', '', 'x'.repeat(500), huge, '@everyone'];
    for (const name of ['visit', 'contact', 'timeline', 'search', 'summary', 'entry', 'ask', 'help'] as const) {
      for (const text of inputs) {
        for (const locale of ['sv', 'en'] as const) {
          for (const page of [0, 1, 99]) expectWithinLimits(renderDiscord(run(name, text, locale, undefined, page === 1), { page }));
        }
      }
    }
  });

  it('stays within limits for a record of long entries', () => {
    const long = makeIndex(
      Array.from({ length: 9 }, (_, i) =>
        makeEntry(`long-${i}`, {
          title: `Samtal ${'ö'.repeat(190)}`,
          summary: 'A long one. '.repeat(40),
          source: `Samtal ${'å'.repeat(1500)}`,
          places: Array.from({ length: 30 }, (_, j) => ({ name: `Bibliotek ${j} ${'x'.repeat(60)}`, municipality: 'Motala', county: 'Östergötlands län' })),
          people: Array.from({ length: 30 }, (_, j) => ({ name: `Person ${j}`, role: 'projektledare', organisation: 'y'.repeat(80) })),
        }),
      ),
    );
    for (const name of ['search', 'summary', 'contact', 'visit'] as const) {
      const reply: Reply = runCommand(command(name), { text: name === 'summary' ? '' : name === 'visit' ? 'Motala' : 'samtal' }, long, 'en');
      expectWithinLimits(renderDiscord(reply));
    }
  });

  it('escapes echoed text and sets allowed_mentions on every reply', () => {
    const reply = run('search', '@everyone **x** <@123>', 'en');
    const payload = renderDiscord(reply);
    expect(payload.content).toContain('@\u200beveryone');
    expect(payload.content).toContain('\\*\\*x\\*\\*');
    expect(payload.content).toContain('<\u200b@\u200b123>');
    expect(escapeDiscord('# heading\n> quote\n- item')).toBe('\\# heading\n\\> quote\n\\- item');
  });

  it('colours entries by kind and pages five at a time', () => {
    const reply = run('timeline', '2017', 'en');
    const first = renderDiscord(reply);
    expect(first.embeds).toHaveLength(5);
    expect(new Set(first.embeds.map((e) => e.color)).size).toBeGreaterThan(1);
    expect(first.embeds.at(-1)!.footer!.text).toBe('1–5 of 13 · Projektminne');
    expect(renderDiscord(reply, { page: 2 }).embeds.at(-1)!.footer!.text).toBe('11–13 of 13 · Projektminne');
    expect(index.entries.length).toBe(22);
  });
});
