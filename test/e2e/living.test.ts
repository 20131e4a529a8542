import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEndpoint } from '../../src/http/server.js';
import { publicKeyFromHex } from '../../src/http/verify.js';
import { followStore } from '../../src/live/follow.js';
import { LiveRecord, loadFromStore } from '../../src/live/record.js';
import { createLogger } from '../../src/log.js';
import { openStore } from '../../src/store/store.js';
import { keyPair, signBody } from '../http/sign.js';
import { ROOT } from '../helpers/record.js';
import { type InteractionRecord, MANAGE_GUILD, ROLES } from '../stand-in/discord.js';
import { type Harness, startHarness, str } from './harness.js';

const EDITOR_ROLE = ROLES.editor;
const editor = { roles: [EDITOR_ROLE], nick: 'Anna Redaktör' };
const outsider = { roles: [ROLES.other] };
const dir = mkdtempSync(join(tmpdir(), 'projektminne-living-'));
const database = join(dir, 'record.db');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const first = (r: InteractionRecord) => r.callbacks[0]!;
const textOf = (message: Json) =>
  [message.content ?? '', ...(message.embeds ?? []).flatMap((e: Json) => [e.title, e.description, ...(e.fields ?? []).flatMap((f: Json) => [f.name, f.value]), e.footer?.text])].join('\n');
const buttons = (message: Json): Json[] => (message.components ?? []).flatMap((row: Json) => row.components);

const KIRUNA = {
  when: 'hösten 2018',
  where: 'Kiruna bibliotek',
  who: 'Saga Nilsson, bibliotekarie',
  title: 'Studiebesök på Kiruna bibliotek',
  text: 'Studiebesök på Kiruna bibliotek om digitala servicepunkter i glesbygd.',
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ database, editorRoleId: EDITOR_ROLE });
});
afterAll(async () => {
  await h?.stop();
});

async function answered(r: InteractionRecord): Promise<InteractionRecord> {
  await h.discord.completed(r);
  expect(r.rejected, JSON.stringify(r.rejected)).toEqual([]);
  return r;
}

/** /log as the editor: the modal Discord would show, then its submission with these values. */
async function logThroughModal(values: Record<string, string>, options: Json[] = [str('what', 'study-visit')]): Promise<InteractionRecord> {
  const opened = await answered(h.discord.commandAs(editor, 'log', options, 'sv-SE'));
  expect(first(opened).type).toBe(9);
  return answered(h.discord.modalSubmit(first(opened).body.data.custom_id, values, { member: editor, locale: 'sv-SE' }));
}

describe('/log through the Discord stand-in', () => {
  it('registers /log hidden from members without Manage Server', async () => {
    const { discordDefinitions } = await import('../../src/interactions/definitions.js');
    const log = discordDefinitions().find((d) => d.name === 'log')!;
    expect(log.default_member_permissions).toBe(MANAGE_GUILD);
    expect(log.name_localizations).toEqual({ 'sv-SE': 'logga' });
    // The stand-in accepts the registration as Discord does (and refuses a malformed permission set).
    const res = await fetch(`${h.discord.apiUrl}/v10/applications/${h.discord.applicationId}/commands`, {
      method: 'PUT',
      headers: { authorization: `Bot ${h.discord.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(discordDefinitions()),
    });
    expect(res.status).toBe(200);
    const bad = await fetch(`${h.discord.apiUrl}/v10/applications/${h.discord.applicationId}/commands`, {
      method: 'PUT',
      headers: { authorization: `Bot ${h.discord.token}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ ...log, default_member_permissions: 'manage' }]),
    });
    expect(bad.status).toBe(400);
  });

  it('opens a modal pre-filled from the slash options, within Discord limits', async () => {
    const opened = await answered(h.discord.commandAs(editor, 'log', [str('what', 'study-visit'), str('when', 'hösten 2018'), str('where', 'Kiruna')], 'sv-SE'));
    const modal = first(opened).body.data;
    expect(first(opened).type).toBe(9);
    expect(modal.title).toBe('Logga en aktivitet');
    const inputs = modal.components.map((row: Json) => row.components[0]);
    expect(inputs.map((i: Json) => i.custom_id)).toEqual(['when', 'where', 'who', 'title', 'text']);
    expect(inputs[0].value).toBe('hösten 2018');
    expect(inputs[1].value).toBe('Kiruna');
  });

  it('refuses a member without the role privately, at /log and at a forged submission', async () => {
    const refused = await answered(h.discord.commandAs(outsider, 'log', [str('what', 'visit')], 'en-US'));
    expect(first(refused).type).toBe(4);
    expect(first(refused).body.data.flags).toBe(64);
    expect(first(refused).body.data.content).toContain('Only members with the editor role');
    const forged = await answered(h.discord.modalSubmit('pm1|L|m|en|5|', KIRUNA, { member: outsider }));
    expect(first(forged).body.data.flags).toBe(64);
    expect(h.store!.entries().some((e) => e.title === KIRUNA.title)).toBe(false);
  });

  let id = '';
  it('adds the entry; /visit, /timeline, /search and /ask find it at once, and /entry shows its author', async () => {
    const saved = await logThroughModal(KIRUNA);
    const message = first(saved).body.data;
    expect(first(saved).type).toBe(4);
    expect(message.flags ?? 0).toBe(0);
    expect(message.content).toContain('Tillagd i protokollet av Anna Redaktör');
    expect(textOf(message)).toContain('Saga Nilsson, bibliotekarie');
    expect(buttons(message).map((b) => b.label)).toEqual(['Ångra']);
    id = h.store!.entries().find((e) => e.title === KIRUNA.title)!.id;
    expect(id).toBe('2018-autumn-study-visit-kiruna-bibliotek');
    expect(h.store!.get(id)!.meta.addedBy.name).toBe('Anna Redaktör');
    expect(h.store!.get(id)!.entry.source).toBe(`Hösten 2018: ${KIRUNA.text}`);

    const visit = first(await answered(h.discord.command('visit', [str('place', 'Kiruna')], 'sv-SE'))).body.data;
    expect(visit.embeds.map((e: Json) => e.title)).toEqual([KIRUNA.title]);
    const timeline = first(await answered(h.discord.command('timeline', [str('period', 'hösten 2018')], 'sv-SE'))).body.data;
    expect(textOf(timeline)).toContain(KIRUNA.title);
    const search = first(await answered(h.discord.command('search', [str('query', 'servicepunkter glesbygd')], 'sv-SE'))).body.data;
    expect(search.embeds[0].title).toBe(KIRUNA.title);
    const ask = first(await answered(h.discord.command('ask', [str('question', 'När besökte vi Kiruna?')], 'sv-SE'))).body.data;
    expect(textOf(ask)).toContain(KIRUNA.title);
    const entry = first(await answered(h.discord.command('entry', [str('title', id)], 'sv-SE'))).body.data;
    expect(entry.embeds[0].footer.text).toMatch(/Tillagd av Anna Redaktör, \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    // Autocomplete knows the new place and title too.
    const ac = first(await h.discord.answered(h.discord.autocomplete('visit', 'place', 'Kiru'))).body.data;
    expect(ac.choices.map((c: Json) => c.value)).toEqual(expect.arrayContaining(['Kiruna', 'Kiruna bibliotek']));
  });

  it('names the wrong field privately and offers the form again, filled in; an expired form says so', async () => {
    const bad = await logThroughModal({ ...KIRUNA, when: 'sommaren 2018', where: 'Norrland\nAtlantis' });
    const message = first(bad).body.data;
    expect(message.flags).toBe(64);
    expect(message.content).toContain('**När**');
    expect(message.content).toContain('sommaren 2018');
    expect(message.content).toContain('**Var**');
    expect(message.content).toContain('Atlantis');
    const reopen = buttons(message)[0]!;
    const again = await answered(h.discord.buttonAs(editor, reopen.custom_id, message, 'sv-SE', true));
    expect(first(again).type).toBe(9);
    const values = Object.fromEntries(first(again).body.data.components.map((row: Json) => [row.components[0].custom_id, row.components[0].value]));
    expect(values).toMatchObject({ when: 'sommaren 2018', where: 'Norrland\nAtlantis', title: KIRUNA.title, text: KIRUNA.text });
    const expired = await answered(h.discord.buttonAs(editor, 'pm1|L|o|sv|no-such-draft', message, 'sv-SE', true));
    expect(first(expired).body.data.content).toContain('formulär sparas i 30 minuter');
  });

  it('corrects an entry through the same modal, pre-filled', async () => {
    const opened = await answered(h.discord.commandAs(editor, 'log', [str('entry', id)], 'sv-SE'));
    const inputs = Object.fromEntries(first(opened).body.data.components.map((row: Json) => [row.components[0].custom_id, row.components[0].value]));
    expect(inputs.title).toBe(KIRUNA.title);
    const saved = await answered(h.discord.modalSubmit(first(opened).body.data.custom_id, { ...inputs, title: 'Studiebesök på Kiruna stadsbibliotek' }, { member: editor, locale: 'sv-SE' }));
    expect(first(saved).body.data.content).toContain('Rättad av Anna Redaktör');
    expect(h.store!.history(id).map((x) => x.action)).toEqual(['add', 'update']);
    const visit = first(await answered(h.discord.command('visit', [str('place', 'Kiruna')], 'sv-SE'))).body.data;
    expect(visit.embeds.map((e: Json) => e.title)).toEqual(['Studiebesök på Kiruna stadsbibliotek']);
  });

  it('Undo removes it (kept in the history); Restore and /log restore: put it back', async () => {
    const entry = first(await answered(h.discord.command('entry', [str('title', id)], 'sv-SE'))).body.data;
    const undo = await answered(h.discord.buttonAs(editor, `pm1|L|u|sv|${id}`, entry, 'sv-SE'));
    expect(first(undo).type).toBe(7);
    expect(first(undo).body.data.content).toContain('togs bort ur protokollet av Anna Redaktör');
    expect(first(await answered(h.discord.command('visit', [str('place', 'Kiruna')], 'sv-SE'))).body.data.embeds ?? []).toHaveLength(0);
    expect(h.store!.get(id)!.meta.removedAt).not.toBeNull();
    // An outsider cannot press Restore.
    const denied = await answered(h.discord.buttonAs(outsider, buttons(first(undo).body.data)[0]!.custom_id, first(undo).body.data, 'sv-SE'));
    expect(first(denied).body.data.flags).toBe(64);
    const restored = await answered(h.discord.buttonAs(editor, buttons(first(undo).body.data)[0]!.custom_id, first(undo).body.data, 'sv-SE'));
    expect(first(restored).type).toBe(7);
    expect(first(restored).body.data.content).toContain('Återställd av Anna Redaktör');
    expect(h.record.current.index.byId.has(id)).toBe(true);
    h.store!.remove(id, { id: 'test', name: 'test' });
    const viaCommand = await answered(h.discord.commandAs({ permissions: MANAGE_GUILD }, 'log', [str('restore', id)], 'en-US'));
    expect(first(viaCommand).body.data.content).toContain('Restored by');
    expect(h.store!.history(id).map((x) => x.action)).toEqual(['add', 'update', 'remove', 'restore', 'remove', 'restore']);
  });

  it('/report answers with the report as Markdown and .docx attachments', async () => {
    const r = await answered(h.discord.command('report', [str('period', '2018')], 'sv-SE'));
    const files = first(r).files;
    expect(files.map((f) => f.name)).toEqual(['genomforda-aktiviteter-inom-projektet-2018.md', 'genomforda-aktiviteter-inom-projektet-2018.docx']);
    expect(files[0]!.data.toString('utf8')).toContain('Hösten 2018: Studiebesök på Kiruna bibliotek');
    expect(files[1]!.data.subarray(0, 2).toString()).toBe('PK');
  });

  it('a restart (a new bot on the same database file) keeps the entry and its author', async () => {
    await h.stop();
    h = await startHarness({ database, editorRoleId: EDITOR_ROLE });
    const visit = first(await answered(h.discord.command('visit', [str('place', 'Kiruna')], 'sv-SE'))).body.data;
    expect(visit.embeds.map((e: Json) => e.title)).toEqual(['Studiebesök på Kiruna stadsbibliotek']);
    const entry = first(await answered(h.discord.command('entry', [str('title', id)], 'en-US'))).body.data;
    expect(entry.embeds[0].footer.text).toContain('Added by Anna Redaktör');
  });
});

describe('the HTTP door handles the modal too, and sees the gateway bot’s changes', () => {
  const keys = keyPair();
  let server: Server;
  let base: string;
  let record: LiveRecord;
  let stopFollowing: () => void;

  beforeAll(async () => {
    // The endpoint as a second door on the same database, as `npm run serve` beside `npm start` would be.
    const store = await openStore(database, { pollMs: 0 });
    record = new LiveRecord(loadFromStore(store, { cacheDir: null, editorRoleId: EDITOR_ROLE }));
    stopFollowing = followStore(record);
    const sink = new Writable({ write: (_c, _e, done) => done() });
    server = createEndpoint({ publicKey: publicKeyFromHex(keys.publicHex), record, logger: createLogger('silent', sink) });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    stopFollowing();
    record.current.store?.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  async function deliver(r: InteractionRecord): Promise<InteractionRecord> {
    const text = JSON.stringify(r.payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const res = await fetch(`${base}/interactions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature-timestamp': timestamp, 'x-signature-ed25519': signBody(keys.privateKey, timestamp, text) }, body: text });
    expect(res.status).toBe(200);
    h.discord.acknowledgedOverHttp(r, (await res.json()) as Json);
    expect(r.rejected).toEqual([]);
    return r;
  }

  it('opens the modal, saves the submission, and the gateway bot finds the entry after its next poll', async () => {
    const opened = await deliver(h.discord.commandAs(editor, 'log', [str('what', 'phone-call')], 'en-US', false));
    expect(first(opened).type).toBe(9);
    const values = { when: 'November 2018', where: 'Luleå', who: 'Per Holm, IT-samordnare, Luleå kommun', title: 'Telefonsamtal med Luleå kommun', text: 'Telefonsamtal med Luleå kommun om medborgarservice.' };
    const saved = await deliver(h.discord.modalSubmit(first(opened).body.data.custom_id, values, { member: editor, overGateway: false }));
    expect(first(saved).body.data.content).toContain('Added to the record by Anna Redaktör');
    expect(record.current.index.search('Luleå').entries.map((e) => e.title)).toEqual([values.title]);
    // The gateway process's store learns of it on its poll (a timer in production; called here).
    expect(h.store!.poll()).toBe(1);
    const visit = first(await answered(h.discord.command('visit', [str('place', 'Luleå')], 'en-US'))).body.data;
    expect(visit.embeds.map((e: Json) => e.title)).toEqual([values.title]);
  });
});

describe('two processes on one database, at the live-record level', () => {
  it('an entry another process adds reaches this process’s index on the next poll, without a rebuild', async () => {
    const index = h.record.current.index;
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test/helpers/store-writer.ts'), database, 'once', 'written-by-another-process'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(index.byId.has('written-by-another-process')).toBe(false);
    expect(h.store!.poll()).toBe(1);
    // The same index object, changed in place: no reload happened.
    expect(h.record.current.index).toBe(index);
    expect(index.byId.has('written-by-another-process')).toBe(true);
    expect(index.entries.at(-1)!.id).toBe('written-by-another-process');
  });
});
