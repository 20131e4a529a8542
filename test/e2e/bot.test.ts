import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordDefinitions } from '../../src/interactions/definitions.js';
import { type Harness, startHarness, str } from './harness.js';
import type { InteractionRecord } from '../stand-in/discord.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ enableMentions: true });
});
afterAll(async () => {
  await h?.stop();
});

const bool = (name: string, value: boolean) => ({ name, type: 5, value });
const data = (r: InteractionRecord) => r.callbacks[0]!.body.data;
const embedsText = (message: { content?: string; embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string } }[] }) =>
  [message.content ?? '', ...(message.embeds ?? []).flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text])].join('\n');

async function run(name: string, options: object[] = [], locale = 'en-US'): Promise<InteractionRecord> {
  const r = await h.discord.completed(h.discord.command(name, options as never, locale));
  expect(r.rejected, JSON.stringify(r.rejected)).toEqual([]);
  expect(r.callbacks).toHaveLength(1);
  return r;
}

describe('the bot against the Discord stand-in', () => {
  it('logs in over the gateway with the real discord.js client', () => {
    expect(h.discord.identifyCount).toBe(1);
    expect(h.client.user?.id).toBe(h.discord.applicationId);
    expect(h.discord.requests.some((r) => r.path === '/gateway/bot')).toBe(true);
  });

  it('/visit place:Motala answers in Swedish for sv-SE with the three Motala entries and their dates', async () => {
    const r = await run('visit', [str('place', 'Motala')], 'sv-SE');
    const msg = data(r);
    expect(r.callbacks[0]!.type).toBe(4);
    expect(msg.allowed_mentions.parse).toEqual([]);
    expect(msg.flags ?? 0).toBe(0); // public by default, so it can be shared
    expect(msg.embeds.map((e: { title: string }) => e.title)).toEqual([
      'Studieresa till DigidelCenter på Motala bibliotek',
      'Telefonintervju med Digidelcenter Motala bibliotek',
      'Samtal med Regionbibliotek Östergötland om DigidelCenter på Motala bibliotek',
    ]);
    const text = embedsText(msg);
    for (const s of ['Våren 2017', 'Hösten 2017', 'September 2017', 'Telefonintervju', 'Studieresa', 'Julia Larsson, projektledare', 'Östergötlands län', 'Besök och kontakter']) {
      expect(text).toContain(s);
    }
    expect(msg.embeds.at(-1).footer.text).toContain('1–3 av 3');
  });

  it('/visit place:Motala answers in English for en-US', async () => {
    const text = embedsText(data(await run('visit', [str('place', 'Motala')], 'en-US')));
    for (const s of ['Spring 2017', 'Autumn 2017', 'September 2017', 'Phone interview', 'Study trip', 'Visits and contacts', '1–3 of 3']) expect(text).toContain(s);
  });

  it('/contact who:projektledare lists Julia Larsson and Rebecca Eriksson with their organisations', async () => {
    const msg = data(await run('contact', [str('who', 'projektledare')], 'sv-SE'));
    const fields = msg.embeds[0].fields.map((f: { name: string }) => f.name);
    expect(fields).toEqual(['Julia Larsson, projektledare – Digidelcenter Motala bibliotek', 'Rebecca Eriksson, projektledare – Digitala servicecenter Västerbotten']);
  });

  it('autocomplete on place:"Mot" offers Motala', async () => {
    const r = await h.discord.answered(h.discord.autocomplete('visit', 'place', 'Mot'));
    expect(r.callbacks[0]!.type).toBe(8);
    expect(r.callbacks[0]!.body.data.choices[0]).toEqual({ name: 'Motala (Östergötlands län) · 3', value: 'Motala' });
  });

  it('autocomplete answers every option, empty and odd queries included, with at most 25 choices', async () => {
    const cases: [string, string, string][] = [
      ['visit', 'place', ''],
      ['contact', 'who', ''],
      ['timeline', 'period', ''],
      ['summary', 'period', 'vår'],
      ['entry', 'title', 'motala'],
      ['visit', 'place', 'x'.repeat(6000)],
      ['contact', 'who', '@everyone <@123> ```'],
      ['timeline', 'period', '\u200f\u0000'],
    ];
    for (const [command, option, value] of cases) {
      const r = await h.discord.answered(h.discord.autocomplete(command, option, value));
      expect(r.rejected).toEqual([]);
      const choices = r.callbacks[0]!.body.data.choices;
      expect(choices.length).toBeLessThanOrEqual(25);
      if (value === '') expect(choices.length, `${command} ${option}`).toBeGreaterThan(0);
    }
    const entry = await h.discord.answered(h.discord.autocomplete('entry', 'title', 'studieresa'));
    expect(entry.callbacks[0]!.body.data.choices[0].value).toBe('2017-autumn-study-trip-motala');
  });

  it('drives every command in both locales', async () => {
    const cases: [string, object[]][] = [
      ['timeline', [str('period', 'våren 2018')]],
      ['search', [str('query', 'citizen service')]],
      ['search', [str('query', 'bibliotek'), str('kind', 'email')]],
      ['summary', []],
      ['summary', [str('period', '2017')]],
      ['entry', [str('title', '2017-autumn-study-trip-motala')]],
      ['ask', [str('question', 'När besökte vi Motala?')]],
      ['help', []],
    ];
    for (const locale of ['sv-SE', 'en-GB']) {
      for (const [name, options] of cases) {
        const msg = data(await run(name, options, locale));
        expect(msg.allowed_mentions.parse).toEqual([]);
        expect(embedsText(msg).length).toBeGreaterThan(20);
      }
    }
    const sv = embedsText(data(await run('summary', [], 'sv-SE')));
    expect(sv).toContain('Per typ');
    expect(embedsText(data(await run('ask', [str('question', 'Who was the project lead in Västerbotten?')])))).toContain('Rebecca Eriksson');
  });

  it('pages with Previous/Next buttons whose custom_id carries the state', async () => {
    const r = await run('timeline', [str('period', '2017')], 'en-US');
    const msg = data(r);
    expect(msg.embeds).toHaveLength(5);
    expect(msg.embeds.at(-1).footer.text).toMatch(/^1–5 of 13/);
    const [prev, next] = msg.components[0].components;
    expect(prev.disabled).toBe(true);
    expect(next.custom_id.length).toBeLessThanOrEqual(100);

    const page2 = await h.discord.answered(h.discord.button(next.custom_id, msg));
    expect(page2.callbacks[0]!.type).toBe(7); // update the same message
    const msg2 = page2.callbacks[0]!.body.data;
    expect(msg2.embeds.at(-1).footer.text).toMatch(/^6–10 of 13/);
    const [prev2, next2] = msg2.components[0].components;
    expect(prev2.disabled).toBe(false);

    const back = await h.discord.answered(h.discord.button(prev2.custom_id, msg2));
    expect(back.callbacks[0]!.body.data.embeds.at(-1).footer.text).toMatch(/^1–5 of 13/);
    const last = await h.discord.answered(h.discord.button(next2.custom_id, msg2));
    expect(last.callbacks[0]!.body.data.embeds.at(-1).footer.text).toMatch(/^11–13 of 13/);
  });

  it('keeps buttons working after a restart: the state is in the custom_id, not in memory', async () => {
    const msg = data(await run('timeline', [str('period', '2017')], 'sv-SE'));
    const next = msg.components[0].components[1].custom_id;
    await h.stop();
    h = await startHarness({ enableMentions: true });
    const page2 = await h.discord.answered(h.discord.button(next, msg, 'sv-SE'));
    expect(page2.callbacks[0]!.body.data.embeds.at(-1).footer.text).toMatch(/^6–10 av 13/);
  });

  it('a private reply is ephemeral and has a Share button that posts the same answer publicly', async () => {
    const r = await run('visit', [str('place', 'Motala'), bool('private', true)], 'en-US');
    const msg = data(r);
    expect(msg.flags).toBe(64);
    const share = msg.components[0].components.find((b: { label: string }) => b.label === 'Share in channel');
    expect(share).toBeDefined();
    const shared = await h.discord.answered(h.discord.button(share.custom_id, msg, 'en-US', true));
    const out = shared.callbacks[0]!.body;
    expect(out.type).toBe(4);
    expect(out.data.flags ?? 0).toBe(0);
    expect(out.data.embeds.map((e: { title: string }) => e.title)).toEqual(msg.embeds.map((e: { title: string }) => e.title));
    expect(out.data.content).toContain(`Shared by <@${h.discord.user.id}>`);
    expect(out.data.allowed_mentions.parse).toEqual([]);
  });

  it('/search query:"@everyone" pings nobody and shows the text inert', async () => {
    for (const query of ['@everyone', '@here <@123456789012345678> <@&123456789012345678>', '**bold** `code` [x](https://example.com)']) {
      const msg = data(await run('search', [str('query', query)]));
      expect(msg.allowed_mentions.parse).toEqual([]);
      const text = embedsText(msg);
      expect(text).not.toMatch(/(^|[^\u200b])@everyone|(^|[^\u200b])@here/);
      expect(text).not.toMatch(/<@&?\d/);
    }
  });

  it('answers 6000-character inputs within every limit', async () => {
    const long = 'Motala '.repeat(900).slice(0, 6000);
    for (const [name, option] of [['visit', 'place'], ['contact', 'who'], ['timeline', 'period'], ['search', 'query'], ['summary', 'period'], ['entry', 'title'], ['ask', 'question']]) {
      const r = await run(name!, [str(option!, long)]);
      expect(data(r).content).toContain('500');
      expect(data(r).flags).toBe(64);
    }
  });

  it('/ask answers in one sentence first, with how it read the question, in both languages', async () => {
    const sv = data(await run('ask', [str('question', 'Vilka bibliotek besökte vi 2018?')], 'sv-SE'));
    expect(sv.content.split('\n').slice(0, 2)).toEqual([
      '1 bibliotek: Bibblerian (besök, våren 2018).',
      '-# Tolkat som: besök · bibliotek · 2018',
    ]);
    expect(sv.embeds.map((e: { title: string }) => e.title)).toEqual(['Besök på Bibblerian i Hässelby gård']);
    const en = data(await run('ask', [str('question', 'Who did we phone in spring 2017?')], 'en-US'));
    expect(en.content.split('\n')[0]).toBe(
      'Julia Larsson, project lead – Digidelcenter Motala bibliotek; Rebecca Eriksson, project lead – Digitala servicecenter Västerbotten; and Petter Stjernstedt, project coordinator – Digidelcenter Sundsvalls stadsbibliotek.',
    );
    expect(en.content.split('\n')[1]).toBe('-# Read as: phone · spring 2017');
  });

  it('answers a mention and a DM like /ask, pinging nobody', async () => {
    const bot = { id: h.discord.applicationId, username: 'Projektminne', discriminator: '0', bot: true };
    h.discord.message(`<@${h.discord.applicationId}> När besökte vi Motala?`, { mentions: [bot] });
    await h.discord.waitFor(() => h.discord.channelMessages.length >= 1, 5000, 'a reply to the mention');
    const reply = h.discord.channelMessages.at(-1)!;
    expect(reply.allowed_mentions.parse).toEqual([]);
    expect(embedsText(reply)).toContain('Studieresa till DigidelCenter på Motala bibliotek');
    // The stand-in's server prefers sv-SE, so a mention is answered in Swedish, answer line first.
    expect(reply.content.split('\n')[0]).toBe('Hösten 2017: studieresa till DigidelCenter på Motala bibliotek. Motala nämns också i en telefonintervju (våren 2017) och ett samtal (september 2017).');
    h.discord.message('contact projektledare', { dm: true });
    await h.discord.waitFor(() => h.discord.channelMessages.length >= 2, 5000, 'a reply to the DM');
    expect(embedsText(h.discord.channelMessages.at(-1)!)).toContain('Rebecca Eriksson');
    h.discord.message('just chatting, nobody mentioned the bot');
    await new Promise((r) => setTimeout(r, 200));
    expect(h.discord.channelMessages).toHaveLength(2);
  });

  it('resumes after a dropped gateway connection and keeps answering', async () => {
    h.discord.closeGateway(4000);
    await h.discord.waitFor(() => h.discord.resumeCount === 1 && h.discord.connected, 10000, 'a resume');
    expect(data(await run('visit', [str('place', 'alvsjo')])).embeds[0].title).toBe('Telefonsamtal med Älvsjö bibliotek');
    h.discord.dropGateway();
    await h.discord.waitFor(() => h.discord.resumeCount === 2 && h.discord.connected, 10000, 'a second resume');
    expect(data(await run('contact', [str('who', 'Stjernsted')])).embeds[0].fields[0].name).toContain('Petter Stjernstedt');
    expect(h.discord.identifyCount).toBe(1);
  });

  it('registers the command definitions the stand-in accepts, with sv-SE localizations', () => {
    for (const c of discordDefinitions()) {
      expect(c.name_localizations?.['sv-SE'], c.name).toBeTruthy();
      expect(c.description_localizations?.['sv-SE'], c.name).toBeTruthy();
      for (const o of c.options ?? []) expect(o.name_localizations?.['sv-SE'], `${c.name}.${o.name}`).toBeTruthy();
    }
    expect(discordDefinitions().map((c) => c.name)).toEqual(['visit', 'contact', 'timeline', 'search', 'summary', 'entry', 'ask', 'report', 'log', 'help']);
  });
});

describe('the timeline picture through the doors', () => {
  it('arrives with /timeline and /summary as a multipart attachment, and page turns keep it', async () => {
    const { PNG } = await import('pngjs');
    for (const [name, options] of [['timeline', [str('period', '2017')]], ['summary', []]] as const) {
      const r = await run(name, options as never, 'sv-SE');
      const file = r.callbacks[0]!.files[0]!;
      expect(file.name).toBe('timeline.png');
      expect(file.type).toBe('image/png');
      expect(PNG.sync.read(file.data).height).toBe(560);
      expect(data(r).attachments[0]).toMatchObject({ id: '0', description: expect.stringContaining(name === 'timeline' ? 'Tidslinje' : 'Sammanfattning') });
    }
    const msg = data(await run('timeline', [str('period', '2017')]));
    const page = await h.discord.answered(h.discord.button(msg.components[0].components[1].custom_id, msg));
    expect(page.callbacks[0]!.files).toEqual([]);
    expect(page.callbacks[0]!.body.data.attachments).toBeUndefined();
  });
});
