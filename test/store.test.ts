import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRecordFile } from '../src/data/load.js';
import type { Entry } from '../src/data/schema.js';
import { EntryError, StoreError } from '../src/store/errors.js';
import { MIGRATIONS_DIR, readMigrations } from '../src/store/migrate.js';
import { openStore, SEED_AUTHOR, type Store } from '../src/store/store.js';
import type { StoreChange } from '../src/store/types.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const record = loadRecordFile();
const alice = { id: '111', name: 'Alice' };
const bob = { id: '222', name: 'Bob' };
const WRITER = join(ROOT, 'test/helpers/store-writer.ts');

let dir: string;
let file: string;
const open: Store[] = [];

async function seeded(options: Parameters<typeof openStore>[1] = {}): Promise<Store> {
  const store = await openStore(file, { seed: record, pollMs: 0, ...options });
  open.push(store);
  return store;
}

function newEntry(id: string): Entry {
  return { ...structuredClone(record.entries[6]!), id, title: `Besök ${id}` };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'projektminne-store-'));
  file = join(dir, 'projektminne.db');
});
afterEach(() => {
  open.splice(0).forEach((s) => s.close());
  rmSync(dir, { recursive: true, force: true });
});

describe('seed', () => {
  it('a new store holds the 22 entries of the seed, equal to the JSON and in its order', async () => {
    const store = await seeded();
    expect(store.entries()).toHaveLength(22);
    expect(store.entries()).toEqual(record.entries);
    expect(store.exportJson()).toEqual(record);
    expect(store.meta(record.entries[0]!.id)).toMatchObject({ addedBy: SEED_AUTHOR, removedAt: null, position: 1 });
  });

  it('seeds once: reopening with a seed keeps the changes made since', async () => {
    const first = await seeded();
    first.add(newEntry('added-later'), alice);
    first.close();
    const again = await seeded();
    expect(again.entries()).toHaveLength(23);
  });

  it('without a seed a new store is empty and has no record to export', async () => {
    const store = await openStore(file, { pollMs: 0 });
    open.push(store);
    expect(store.entries()).toEqual([]);
    expect(() => store.exportJson()).toThrow(/no record yet/);
  });
});

describe('changes', () => {
  it('adds at the end of the record, with who and when', async () => {
    const store = await seeded();
    const { entry, meta } = store.add(newEntry('2019-spring-visit-test'), alice);
    expect(store.entries().at(-1)).toEqual(entry);
    expect(meta.addedBy).toEqual(alice);
    expect(meta.position).toBe(23);
    expect(Date.parse(meta.addedAt)).not.toBeNaN();
    expect(() => store.add(newEntry('2019-spring-visit-test'), bob)).toThrow(StoreError);
  });

  it('corrects an entry and keeps the earlier state in its history', async () => {
    const store = await seeded();
    const id = record.entries[3]!.id;
    const corrected = { ...record.entries[3]!, title: 'Kartläggning av medborgarservice' };
    const { meta } = store.update(id, corrected, bob);
    expect(store.entries()[3]).toEqual(corrected);
    expect(meta).toMatchObject({ addedBy: SEED_AUTHOR, updatedBy: bob });
    const history = store.history(id);
    expect(history.map((h) => [h.action, h.author.name])).toEqual([['add', SEED_AUTHOR.name], ['update', 'Bob']]);
    expect(history[0]!.entry).toEqual(record.entries[3]);
    expect(history[1]!.entry).toEqual(corrected);
    expect(() => store.update(id, { ...corrected, id: 'another-id' }, bob)).toThrow(/field id/);
  });

  it('removes softly and restores into the old place', async () => {
    const store = await seeded();
    const id = record.entries[5]!.id;
    store.remove(id, alice);
    expect(store.entries().map((e) => e.id)).not.toContain(id);
    expect(store.meta(id)).toMatchObject({ removedBy: alice });
    expect(() => store.update(id, record.entries[5], alice)).toThrow(expect.objectContaining({ code: 'removed' }));
    expect(() => store.add(record.entries[5], alice)).toThrow(/restore it/);
    store.restore(id, bob);
    expect(store.entries()).toEqual(record.entries);
    expect(store.history(id).map((h) => h.action)).toEqual(['add', 'remove', 'restore']);
    expect(() => store.restore(id, bob)).toThrow(expect.objectContaining({ code: 'not-removed' }));
    expect(() => store.remove('no-such-entry', bob)).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('hasAtLeast counts active entries only, as count() does', async () => {
    const store = await seeded();
    for (const n of [0, 1, 21, 22, 23]) expect(store.hasAtLeast(n), `${n}`).toBe(store.count() >= n);
    store.remove(record.entries[5]!.id, alice);
    expect([store.hasAtLeast(21), store.hasAtLeast(22)]).toEqual([true, false]);
  });

  it('refuses an invalid entry, naming the field, and changes nothing', async () => {
    const store = await seeded();
    const bad = { ...newEntry('bad-place'), places: [{ name: 'Motala', municipality: 'Motala', county: 'Östergötland' }] };
    let error: unknown;
    try {
      store.add(bad, alice);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EntryError);
    expect((error as EntryError).fields).toEqual(['places[0].county']);
    expect((error as EntryError).message).toMatch(/entry bad-place, field places\[0\]\.county: must be a county name ending in " län"/);
    expect(() => store.add({ ...newEntry('no-kind'), kind: 'party' }, alice)).toThrow(/field kind/);
    expect(store.entries()).toHaveLength(22);
    expect(store.history('bad-place')).toEqual([]);
  });

  it('refuses to serve a stored row that no longer passes the schema', async () => {
    const store = await seeded();
    store.close();
    const raw = new Database(file);
    raw.prepare("UPDATE entries SET body = json_set(body, '$.period.start', '2017-13') WHERE position = 2").run();
    raw.close();
    const reopened = await seeded();
    expect(() => reopened.entries()).toThrow(/entry 2016-spring-workshops-digital-agenda, field period\.start/);
  });

  it('adds several entries in one transaction: one invalid entry and none is added', async () => {
    const store = await seeded();
    expect(() => store.addAll([newEntry('first-of-two'), { ...newEntry('second-of-two'), kind: 'party' }], alice)).toThrow(/entry second-of-two, field kind/);
    expect(() => store.addAll([newEntry('third'), newEntry(record.entries[0]!.id)], alice)).toThrow(StoreError);
    expect(store.entries()).toHaveLength(22);
    expect(store.get('third')).toBeNull();
    expect(store.addAll([newEntry('a-1'), newEntry('a-2')], alice).map((s) => s.meta.position)).toEqual([23, 24]);
  });

  it('tells listeners about each change at once, marked as local', async () => {
    const store = await seeded();
    const seen: StoreChange[] = [];
    store.onChange((c) => seen.push(c));
    store.add(newEntry('heard'), alice);
    store.remove('heard', alice);
    expect(seen.map((c) => [c.action, c.id, c.local, c.author.name])).toEqual([
      ['add', 'heard', true, 'Alice'],
      ['remove', 'heard', true, 'Alice'],
    ]);
    expect(seen[1]!.meta.removedBy).toEqual(alice);
  });
});

describe('migrations and backups', () => {
  it('the shipped migrations are numbered 001, 002, … and the store is at the latest', async () => {
    const migrations = readMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    await seeded();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(raw.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(migrations.map((m) => m.version));
    raw.close();
  });

  it('backs the database up before a migration; the copy has the old schema and all the data', async () => {
    const store = await seeded();
    store.add(newEntry('before-migration'), alice);
    store.close();
    const next = readMigrations().length + 1;
    const name = `${String(next).padStart(3, '0')}-add-tags`;
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    for (const f of readdirSync(MIGRATIONS_DIR)) copyFileSync(join(MIGRATIONS_DIR, f), join(migrations, f));
    writeFileSync(join(migrations, `${name}.sql`), 'ALTER TABLE entries ADD COLUMN tags TEXT;');
    const backups = join(dir, 'backups');

    const migrated = await seeded({ migrationsDir: migrations, backupDir: backups });
    expect(migrated.entries()).toHaveLength(23);
    const copies = readdirSync(backups);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatch(new RegExp(`^projektminne-.*-before-${name}\\.db$`));
    const copy = new Database(join(backups, copies[0]!), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(next - 1);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare("SELECT COUNT(*) FROM entries WHERE id = 'before-migration'").pluck().get()).toBe(1);
    expect(copy.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('entries')).not.toContain('tags');
    copy.close();
    migrated.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(next);
    expect(raw.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('entries')).toContain('tags');
    raw.close();
  });

  it('a failing migration applies nothing, and a gap in the numbering is refused', async () => {
    (await seeded()).close();
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    for (const f of readdirSync(MIGRATIONS_DIR)) copyFileSync(join(MIGRATIONS_DIR, f), join(migrations, f));
    const next = String(readMigrations().length + 1).padStart(3, '0');
    writeFileSync(join(migrations, `${next}-broken.sql`), 'CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);');
    await expect(seeded({ migrationsDir: migrations, backupDir: join(dir, 'b') })).rejects.toThrow(/broken\.sql: migration failed, nothing of it was applied/);
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    raw.close();
    rmSync(join(migrations, `${next}-broken.sql`));
    writeFileSync(join(migrations, '009-skipped.sql'), 'SELECT 1;');
    expect(() => readMigrations(migrations)).toThrow(/009-skipped\.sql: expected version/);
  });

  it('an online backup while the store is open is a complete, sound copy', async () => {
    const store = await seeded();
    store.add(newEntry('in-the-backup'), alice);
    const target = await store.backup(join(dir, 'copy.db'));
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT COUNT(*) FROM entries').pluck().get()).toBe(23);
    copy.close();
  });

  it('npm run backup writes a copy beside the database', async () => {
    (await seeded()).close();
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/store/backup-main.ts'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_FILE: file } });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/\(22 entries\) to .*backups\/projektminne-.*-manual\.db/);
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(1);
  });
});

describe('two processes', () => {
  function writer(...args: string[]) {
    return spawn(process.execPath, ['--import', 'tsx', WRITER, file, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  }

  it("a second process's change reaches this one's listeners and reads", async () => {
    const store = await seeded();
    store.add(newEntry('from-parent'), alice);
    const seen: StoreChange[] = [];
    store.onChange((c) => seen.push(c));
    const child = writer('once', 'from-child');
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    // The child saw the parent's entry; the parent sees the child's at its next look.
    expect(lines).toEqual(['ready 23', 'from-child']);
    expect(store.poll()).toBe(1);
    expect(seen.map((c) => [c.action, c.id, c.local, c.author.name])).toEqual([['add', 'from-child', false, 'writer process']]);
    expect(store.entries().at(-1)!.id).toBe('from-child');
    expect(store.poll()).toBe(0);
  });

  it('the polling timer delivers another process\'s change without being asked', async () => {
    const store = await seeded({ pollMs: 20 });
    const heard = new Promise<StoreChange>((resolve) => store.onChange(resolve));
    const child = writer('once', 'polled-in');
    await new Promise((resolve) => child.on('exit', resolve));
    const change = await heard;
    expect([change.id, change.local]).toEqual(['polled-in', false]);
  });

  it('a writer killed mid-way loses no acknowledged write and leaves a sound database', async () => {
    (await seeded()).close();
    const child = writer('many', 'acked');
    const acked: string[] = [];
    await new Promise<void>((resolve) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.startsWith('acked-')) acked.push(line);
        if (acked.length === 50) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    const signal = await new Promise((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect(signal).toBe('SIGKILL');
    expect(existsSync(`${file}-wal`)).toBe(true);

    const store = await seeded();
    expect(store.integrityCheck()).toBe('ok');
    const ids = new Set(store.entries().map((e) => e.id));
    expect(acked.filter((id) => !ids.has(id))).toEqual([]);
    // Each acknowledged entry came with its history row in the same transaction.
    expect(acked.filter((id) => store.history(id).length !== 1)).toEqual([]);
  });
});
