import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionRecord } from '../stand-in/discord.js';
import { record } from '../helpers/record.js';
import { type Harness, startHarness, str } from './harness.js';

/** Issue 12's "done when", through the real discord.js client logged in to the Discord stand-in. */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

type Message = {
  content?: string;
  flags?: number;
  embeds: { title?: string; fields?: { name: string; value: string }[]; footer?: { text: string } }[];
  components: { components: { custom_id: string; label: string; disabled?: boolean }[] }[];
};
const data = (r: InteractionRecord): Message => r.callbacks[0]!.body.data;

async function run(name: string, options: object[] = [], locale = 'en-US'): Promise<Message> {
  const r = await h.discord.completed(h.discord.command(name, options as never, locale));
  expect(r.rejected, JSON.stringify(r.rejected)).toEqual([]);
  return data(r);
}

/** Presses a button on a message as Discord would (the message as Discord stores it) and returns the new state. */
async function press(message: Message, label: string, locale = 'en-US', ephemeral = false): Promise<Message> {
  const button = message.components[0]!.components.find((b) => b.label.includes(label))!;
  expect(button, label).toBeDefined();
  const r = await h.discord.answered(h.discord.button(button.custom_id, message as never, locale, ephemeral));
  expect(r.rejected).toEqual([]);
  // A page turn (type 7) updates the message, which keeps its flags; Share (type 4) posts a new one with its own.
  return r.callbacks[0]!.type === 7 ? { ...data(r), flags: message.flags } : data(r);
}

/** Every page of a paged answer, following Next until it is disabled. */
async function allPages(first: Message, locale: string): Promise<Message[]> {
  const pages = [first];
  while (pages.at(-1)!.components[0]?.components.some((b) => b.label.includes(locale.startsWith('sv') ? 'Nästa' : 'Next') && !b.disabled)) {
    pages.push(await press(pages.at(-1)!, locale.startsWith('sv') ? 'Nästa' : 'Next', locale));
    expect(pages.length).toBeLessThan(20);
  }
  return pages;
}

// 120 characters, with markup and a mention in it, as someone might paste.
const QUERY_120 = 'Vilka bibliotek besökte vi för att lära oss om medborgarservice och digital kompetens och vem talade vi med? *Alla* @här';
const QUERY_500 = `${`${QUERY_120} `.repeat(4)}Motala bibliotek`;

describe('issue 12 through the Discord stand-in', () => {
  it('/summary with no period shows all 22 activities across its pages, none cut', async () => {
    for (const locale of ['sv-SE', 'en-US']) {
      const pages = await allPages(await run('summary', [], locale), locale);
      const activities = pages.flatMap((p) => p.embeds.flatMap((e) => (e.fields ?? []).filter((f) => /^(Aktiviteter|Activities)/.test(f.name)).flatMap((f) => f.value.split('\n'))));
      expect(activities).toHaveLength(22);
      for (const entry of record.entries) expect(activities.some((line) => line.includes(entry.title.replace(/[*_]/g, ''))), entry.id).toBe(true);
      expect(activities.join('\n')).not.toContain('…');
    }
  });

  it('/timeline period:"våren 2018" names Bibblerian first (the record\'s order)', async () => {
    const msg = await run('timeline', [str('period', 'våren 2018')], 'sv-SE');
    expect(msg.embeds[0]!.title).toBe('Besök på Bibblerian i Hässelby gård');
    expect(msg.embeds.map((e) => e.title)).toEqual(record.entries.filter((e) => e.period.start === '2018-01').slice(0, 5).map((e) => e.title));
  });

  it('Swedish /help names /besök, /kontakt and every command as a Swedish client shows it', async () => {
    const names = (await run('help', [], 'sv-SE')).embeds[0]!.fields!.map((f) => f.name);
    expect(names).toEqual(['/besök', '/kontakt', '/tidslinje', '/sök', '/sammanfattning', '/aktivitet', '/fråga', '/rapport', '/logga', '/hjälp']);
  });

  it('a 120-character /search pages with working buttons, also after a restart; so does a 500-character one', async () => {
    expect([...QUERY_120]).toHaveLength(120);
    expect([...QUERY_500]).toHaveLength(500);
    for (const query of [QUERY_120, QUERY_500]) {
      const first = await run('search', [str('query', query)], 'sv-SE');
      expect(first.embeds.at(-1)!.footer!.text).toMatch(/^1–5 av \d+/);
      for (const b of first.components[0]!.components) expect(b.custom_id.length).toBeLessThanOrEqual(100);
      const second = await press(first, 'Nästa', 'sv-SE');
      expect(second.embeds.at(-1)!.footer!.text).toMatch(/^6–10 av \d+/);
      // Turning back gives the first page again: the query read back from the message is the one asked.
      expect((await press(second, 'Föregående', 'sv-SE')).embeds.map((e) => e.title)).toEqual(first.embeds.map((e) => e.title));
    }
    const first = await run('search', [str('query', QUERY_120)], 'sv-SE');
    await h.stop();
    h = await startHarness();
    const after = await press(first, 'Nästa', 'sv-SE');
    expect(after.embeds.at(-1)!.footer!.text).toMatch(/^6–10 av \d+/);
  });

  it('Share works on a long private /search, and the shared message pages too', async () => {
    const priv = await run('search', [str('query', QUERY_120), { name: 'private', type: 5, value: true }], 'en-US');
    expect(priv.flags).toBe(64);
    const shared = await press(priv, 'Share', 'en-US', true);
    expect(shared.flags).toBeUndefined();
    expect(shared.content).toContain('Shared by');
    expect(shared.embeds.map((e) => e.title)).toEqual(priv.embeds.map((e) => e.title));
    expect((await press(shared, 'Next')).embeds.at(-1)!.footer!.text).toMatch(/^6–10 of \d+/);
  });

  it('not-found and error answers are only for the asker; real answers are public', async () => {
    for (const [name, option, value] of [
      ['visit', 'place', 'Xyzzyville'],
      ['timeline', 'period', '2020'],
      ['timeline', 'period', 'sometime'],
      ['search', 'query', 'qqqqzzzz'],
      ['contact', 'who', 'Nobody Atall'],
    ] as const) {
      expect((await run(name, [str(option, value)])).flags, `${name} ${value}`).toBe(64);
    }
    expect((await run('visit', [str('place', 'Motala')])).flags ?? 0).toBe(0);
  });

  it('/contact Regionbibliotek Östergötland presents the organisation, not a person without a name', async () => {
    const msg = await run('contact', [str('who', 'Regionbibliotek Östergötland')], 'sv-SE');
    expect(msg.embeds[0]!.title).toBe('Organisationer');
    expect(msg.embeds[0]!.fields![0]!.name).toBe('Regionbibliotek Östergötland');
    expect(JSON.stringify(msg)).not.toMatch(/namn saknas|name not given/);
  });
});
