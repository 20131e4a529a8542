import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateRecord } from '../bench/generate.js';
import { DataError, loadRecordFile, tooBigForText } from '../src/data/load.js';
import type { Entry } from '../src/data/schema.js';
import { createEndpoint } from '../src/http/server.js';
import { publicKeyFromHex } from '../src/http/verify.js';
import { storeCacheKey } from '../src/live/cache.js';
import { LiveRecord, loadFromStore, loadFromStoreAsync, loadIndexed, loadIndexedAsync } from '../src/live/record.js';
import { createLogger } from '../src/log.js';
import { openStore, type Store } from '../src/store/store.js';
import { keyPair, readAnswer, signBody } from './http/sign.js';

// Above CACHE_MIN_ENTRIES, so the start-up cache is written and read.
const ENTRIES = 3000;
const dir = mkdtempSync(join(tmpdir(), 'projektminne-startup-'));
const record = generateRecord(ENTRIES, 7);
const alice = { id: '111', name: 'Alice' };
const open: Store[] = [];
let files = 0;

async function store(file = join(dir, `record-${++files}.db`)): Promise<Store> {
  const s = await openStore(file, { seed: structuredClone(record), pollMs: 0 });
  open.push(s);
  return s;
}

function cacheDir(): string {
  return join(dir, `cache-${++files}`);
}

const answers = (loaded: ReturnType<typeof loadFromStore>) =>
  ['medborgarservice Motala', 'bibliotek 2019', 'Motla', 'projektledare'].map((q) => loaded.index.search(q).entries.map((e) => e.id));

function changed(entry: Entry, title: string): Entry {
  return { ...structuredClone(entry), title };
}

afterAll(() => {
  open.splice(0).forEach((s) => s.close());
  rmSync(dir, { recursive: true, force: true });
});

describe("the store's stamp", () => {
  it('changes with every write, and the revision counts them', async () => {
    const s = await store();
    const seen = [s.state()];
    const first = record.entries[0]!;
    const extra = { ...structuredClone(first), id: 'extra-1' };
    s.add(extra, alice);
    seen.push(s.state());
    s.update(first.id, changed(first, 'Ny titel'), alice);
    seen.push(s.state());
    s.remove(first.id, alice);
    seen.push(s.state());
    s.restore(first.id, alice);
    seen.push(s.state());
    s.setInfo({ ...s.info()!, title: 'Annan rubrik' });
    seen.push(s.state());
    expect(new Set(seen.map((x) => x.stamp)).size).toBe(seen.length);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.revision).toBeGreaterThan(seen[i - 1]!.revision);
  });

  it('changes with a write by another connection, even one outside this program, and a backup keeps it', async () => {
    const s = await store();
    const before = s.state();
    const copy = await s.backup(join(dir, 'copy.db'));
    const other = new Database(copy);
    expect(other.prepare('SELECT stamp FROM record_state').pluck().get()).toBe(before.stamp);
    other.close();
    const raw = new Database(s.file);
    raw.prepare("UPDATE entries SET updated_at = 'hand edit' WHERE position = 1").run();
    raw.close();
    expect(s.state().stamp).not.toBe(before.stamp);
  });
});

describe('start-up from the store with the index cache', () => {
  it('is used for the same state, with the same answers, and not after any change', async () => {
    const s = await store();
    const cache = cacheDir();
    const built = loadFromStore(s, { cacheDir: cache });
    expect(built.fromCache).toBe(false);
    built.saveCache();
    const again = loadFromStore(s, { cacheDir: cache });
    expect(again.fromCache).toBe(true);
    expect(again.index.record).toStrictEqual(built.index.record);
    expect(answers(again)).toEqual(answers(built));
    expect(again.index.chronological.map((e) => e.id)).toEqual(built.index.chronological.map((e) => e.id));
    // The places come from the cache too, each with its entries in date order, as a build files them.
    const places = (loaded: typeof built) => loaded.index.places.names.map((n) => [n.level, n.label, n.key, n.place, n.entries.map((e) => e.id)]);
    expect(places(again)).toEqual(places(built));
    const place = record.entries[40]!.places[0]!.municipality!;
    expect(again.index.places.lookup(place)).toEqual(built.index.places.lookup(place));
    expect(again.index.contacts.lookup('projektledare').hits.map((h) => h.contact.name)).toEqual(built.index.contacts.lookup('projektledare').hits.map((h) => h.contact.name));
    s.update(record.entries[5]!.id, changed(record.entries[5]!, 'Medborgarservice i Kiruna'), alice);
    const after = loadFromStore(s, { cacheDir: cache });
    expect(after.fromCache).toBe(false);
    expect(after.index.byId.get(record.entries[5]!.id)!.title).toBe('Medborgarservice i Kiruna');
  });

  it("takes the record cached under the store's stamp without reading the store's rows", async () => {
    const s = await store();
    const cache = cacheDir();
    const built = loadFromStore(s, { cacheDir: cache });
    built.saveCache();
    // A body changed by hand and the stamp put back: only a start that reads the rows could see the change.
    const raw = new Database(s.file);
    const stamp = raw.prepare('SELECT stamp FROM record_state').pluck().get();
    expect(raw.prepare("UPDATE entries SET body = json_set(body, '$.title', 'Ändrad för hand') WHERE position = 3").run().changes).toBe(1);
    raw.prepare('UPDATE record_state SET stamp = ?').run(stamp);
    raw.close();
    expect(loadFromStore(s, { cacheDir: null }).index.entries.map((e) => e.title)).toContain('Ändrad för hand');
    const again = loadFromStore(s, { cacheDir: cache });
    expect(again.fromCache).toBe(true);
    expect(again.index.record).toStrictEqual(built.index.record);
    expect(again.index.entries.map((e) => e.title)).not.toContain('Ändrad för hand');
  });

  it('reads the store when the cached record is damaged, with the same answers', async () => {
    const s = await store();
    const cache = cacheDir();
    const built = loadFromStore(s, { cacheDir: cache });
    built.saveCache();
    const file = join(cache, readdirSync(cache).find((name) => name.endsWith('.record.json'))!);
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { record: { entries: number[]; strings: string[] } };
    cached.record.entries[4] = cached.record.strings.length;
    writeFileSync(file, JSON.stringify(cached));
    const again = loadFromStore(s, { cacheDir: cache });
    expect(again.fromCache).toBe(true);
    expect(again.index.record).toStrictEqual(built.index.record);
    expect(answers(again)).toEqual(answers(built));
    writeFileSync(file, '{"key":');
    const damaged = loadFromStore(s, { cacheDir: cache });
    expect(answers(damaged)).toEqual(answers(built));
    // Written again by the next save, and then taken.
    damaged.saveCache();
    const snapshot = vi.spyOn(s, 'snapshot');
    expect(loadFromStore(s, { cacheDir: cache }).index.record).toStrictEqual(built.index.record);
    expect(snapshot).not.toHaveBeenCalled();
  });

  it('a body edited by hand outside the program is validated and refused, not served from the cache', async () => {
    const s = await store();
    const cache = cacheDir();
    loadFromStore(s, { cacheDir: cache }).saveCache();
    const raw = new Database(s.file);
    raw.prepare('UPDATE entries SET body = json_set(body, \'$.kind\', \'nonsense\') WHERE position = 3').run();
    raw.close();
    expect(() => loadFromStore(s, { cacheDir: cache })).toThrow(/kind/);
  });

  it('a backup restored and then edited differently does not find the cache of the other edit', async () => {
    const file = join(dir, `restored-${++files}.db`);
    const s = await store(file);
    const cache = cacheDir();
    const backup = await s.backup(join(dir, `backup-${files}.db`));
    const entry = record.entries[9]!;
    s.update(entry.id, changed(entry, 'Första ändringen'), alice);
    loadFromStore(s, { cacheDir: cache }).saveCache();
    s.close();
    // Restored: the backup's own state, then a different edit.
    copyFileSync(backup, file);
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    const restored = await store(file);
    restored.update(entry.id, changed(entry, 'Andra ändringen'), alice);
    const loaded = loadFromStore(restored, { cacheDir: cache });
    expect(loaded.fromCache).toBe(false);
    expect(loaded.index.byId.get(entry.id)!.title).toBe('Andra ändringen');
  });

  it('finishing writes the cache in a worker thread, and the next start finds it', async () => {
    const s = await store();
    const cache = cacheDir();
    const loaded = loadFromStore(s, { cacheDir: cache });
    await loaded.finishAsync();
    // The indexes and, beside them, the record (packed) under the same key.
    const key = `${basename(s.file)}-${storeCacheKey(s.state().stamp)}`;
    expect(readdirSync(cache).sort()).toEqual([`${key}.json`, `${key}.record.json`]);
    // The record the worker packed is the one read back: no row of the store is.
    const snapshot = vi.spyOn(s, 'snapshot');
    const again = loadFromStore(s, { cacheDir: cache });
    expect(snapshot).not.toHaveBeenCalled();
    expect(again.index.record).toStrictEqual(loaded.index.record);
    expect(again.fromCache).toBe(true);
    expect(answers(again)).toEqual(answers(loaded));
  });
}, 120000);

describe('a reload from the store (SIGHUP)', () => {
  it('gives the same answers as a start, and keeps changes made while it built', async () => {
    const s = await store();
    const start = loadFromStore(s, { cacheDir: null });
    const live = new LiveRecord(start);
    const reloaded = await loadFromStoreAsync(s, { cacheDir: null });
    expect(reloaded.index.record).toEqual(start.index.record);
    expect(answers(reloaded)).toEqual(answers(start));
    expect(reloaded.suggester.suggest('title', 'stud', 'sv')).toEqual(start.suggester.suggest('title', 'stud', 'sv'));
    expect(reloaded.index.contacts.lookup('projektledare').hits.map((h) => h.contact.name)).toEqual(start.index.contacts.lookup('projektledare').hits.map((h) => h.contact.name));
    const next = await live.reload();
    expect(live.current).toBe(next);
    expect(answers(next)).toEqual(answers(start));
  });
}, 120000);

describe('a reload read by the worker thread', () => {
  it('refuses a bad record file with the file, entry and field, as a reload on this thread does', async () => {
    const file = join(dir, 'bad.json');
    const bad = structuredClone(record);
    (bad.entries[1234]!.period as { start: string }).start = 'spring';
    writeFileSync(file, JSON.stringify(bad));
    const error = await loadIndexedAsync(file, { cacheDir: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).file).toBe(file);
    expect((error as DataError).problems.join('\n')).toContain(`entry 1234 (${bad.entries[1234]!.id}), field period.start`);
  });

  it('a small record is read on this thread, with the same answers', async () => {
    const s = await openStore(join(dir, `small-${++files}.db`), { seed: loadRecordFile(), pollMs: 0 });
    open.push(s);
    const start = loadFromStore(s, { cacheDir: null });
    const reloaded = await loadFromStoreAsync(s, { cacheDir: null });
    expect(reloaded.index.record).toEqual(start.index.record);
    expect(reloaded.index.places.lookup('Motala')).toEqual(start.index.places.lookup('Motala'));
  });
}, 120000);

describe('a JSON record file too big to be one text (over 512 MiB, about 600,000 entries)', () => {
  // The limit is lowered so that a small file takes the streamed path.
  const streamAboveBytes = 0;

  it('is told by its size in bytes, and a missing file is left to the text path, which names the problem', () => {
    const file = join(dir, 'sized.json');
    writeFileSync(file, '{"record":1}');
    expect([tooBigForText(file, 11), tooBigForText(file, 12), tooBigForText(file)]).toEqual([true, false, false]);
    expect(tooBigForText(join(dir, 'missing.json'), 0)).toBe(false);
  });

  it('is streamed at start-up, with the same answers and the same cache as one read as text', () => {
    const file = join(dir, 'streamed.json');
    writeFileSync(file, JSON.stringify(record));
    const cache = cacheDir();
    const asText = loadIndexed(file, { cacheDir: cache });
    const streamed = loadIndexed(file, { cacheDir: cache, streamAboveBytes });
    expect(streamed.fromCache).toBe(false);
    expect(streamed.index.record).toEqual(asText.index.record);
    expect(answers(streamed)).toEqual(answers(asText));
    streamed.saveCache();
    // The bytes hashed while streaming give the same key as the whole text: either way finds the cache.
    expect(loadIndexed(file, { cacheDir: cache }).fromCache).toBe(true);
    const again = loadIndexed(file, { cacheDir: cache, streamAboveBytes });
    expect(again.fromCache).toBe(true);
    expect(answers(again)).toEqual(answers(asText));
    expect(again.index.record).toStrictEqual(asText.index.record);
  });

  it('is not parsed at all when its record is cached: only its bytes are hashed, for the key', () => {
    const file = join(dir, 'streamed-cached.json');
    writeFileSync(file, JSON.stringify(record));
    const cache = cacheDir();
    const built = loadIndexed(file, { cacheDir: cache, streamAboveBytes });
    built.saveCache();
    // The streamed parse reads each entry with its own JSON.parse; the cached start reads the two cache files.
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const again = loadIndexed(file, { cacheDir: cache, streamAboveBytes });
      expect(parse.mock.calls.length).toBeLessThan(10);
      expect(again.fromCache).toBe(true);
      expect(answers(again)).toEqual(answers(built));
    } finally {
      parse.mockRestore();
    }
  });
  it('is streamed by the reload worker too, and a bad entry is named as before', async () => {
    const file = join(dir, 'streamed-reload.json');
    writeFileSync(file, JSON.stringify(record));
    const reloaded = await loadIndexedAsync(file, { cacheDir: null, streamAboveBytes });
    expect(answers(reloaded)).toEqual(answers(loadIndexed(file, { cacheDir: null })));
    const bad = structuredClone(record);
    (bad.entries[1234]!.period as { start: string }).start = 'spring';
    writeFileSync(file, JSON.stringify(bad));
    for (const error of [await loadIndexedAsync(file, { cacheDir: null, streamAboveBytes }).catch((e: unknown) => e), catching(() => loadIndexed(file, { cacheDir: null, streamAboveBytes }))]) {
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).problems.join('\n')).toContain(`entry 1234 (${bad.entries[1234]!.id}), field period.start`);
    }
  });
}, 120000);

describe('a JSON record file with its record cached', () => {
  it("is read for its key but not parsed, with the same record and answers", () => {
    const file = join(dir, 'cached-text.json');
    const text = JSON.stringify(record);
    writeFileSync(file, text);
    const cache = cacheDir();
    const built = loadIndexed(file, { cacheDir: cache });
    built.saveCache();
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const again = loadIndexed(file, { cacheDir: cache });
      expect(parse.mock.calls.map(([arg]) => arg === text)).not.toContain(true);
      expect(again.fromCache).toBe(true);
      expect(again.index.record).toStrictEqual(built.index.record);
      expect(answers(again)).toEqual(answers(built));
    } finally {
      parse.mockRestore();
    }
  });

  it('a record too long to be one text is left out of the cache; the indexes are still written and used', () => {
    const file = join(dir, 'too-long.json');
    writeFileSync(file, JSON.stringify(record));
    const cache = cacheDir();
    const built = loadIndexed(file, { cacheDir: cache });
    // The record's text is the first written: fail it as V8 does past its longest string.
    const stringify = vi.spyOn(JSON, 'stringify').mockImplementationOnce(() => {
      throw new RangeError('Invalid string length');
    });
    try {
      built.saveCache();
    } finally {
      stringify.mockRestore();
    }
    const [packed] = readdirSync(cache).filter((name) => name.endsWith('.record.json'));
    const marker = readFileSync(join(cache, packed!), 'utf8');
    expect(JSON.parse(marker)).toMatchObject({ tooLong: true });
    const again = loadIndexed(file, { cacheDir: cache });
    expect(again.fromCache).toBe(true);
    expect(answers(again)).toEqual(answers(built));
    // The file says it could not be packed: a start does not try again each time.
    again.saveCache();
    expect(readFileSync(join(cache, packed!), 'utf8')).toBe(marker);
  });

  it("a record file under another key is not taken, and an older key's files are removed when new ones are written", () => {
    const file = join(dir, 'rekeyed.json');
    writeFileSync(file, JSON.stringify(record));
    const cache = cacheDir();
    loadIndexed(file, { cacheDir: cache }).saveCache();
    const [packed] = readdirSync(cache).filter((name) => name.endsWith('.record.json'));
    const content = JSON.parse(readFileSync(join(cache, packed!), 'utf8')) as { key: string };
    writeFileSync(join(cache, packed!), JSON.stringify({ ...content, key: `${content.key}-other` }));
    const parse = vi.spyOn(JSON, 'parse');
    try {
      expect(answers(loadIndexed(file, { cacheDir: cache }))).toEqual(answers(loadIndexed(file, { cacheDir: null })));
      // Not taken: the data file's own text was parsed.
      expect(parse.mock.calls.some(([text]) => text === readFileSync(file, 'utf8'))).toBe(true);
    } finally {
      parse.mockRestore();
    }
    const before = readdirSync(cache);
    writeFileSync(file, JSON.stringify({ ...record, entries: record.entries.slice(1) }));
    loadIndexed(file, { cacheDir: cache }).saveCache();
    const after = readdirSync(cache);
    expect(after).toHaveLength(2);
    expect(after.filter((name) => before.includes(name))).toEqual([]);
  });

}, 120000);

function catching(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('the HTTP door while it finishes warming up', () => {
  it('answers a request that arrives meanwhile, before the warm-up is done', async () => {
    const s = await store();
    const loaded = loadFromStore(s, { cacheDir: cacheDir() });
    const keys = keyPair();
    const server = createEndpoint({ publicKey: publicKeyFromHex(keys.publicHex), record: new LiveRecord(loaded), logger: createLogger('error', new Writable({ write: (_c, _e, done) => done() })) });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      let finished = false;
      const finishing = loaded.finishAsync().then(() => (finished = true));
      const place = record.entries[100]!.places[0]!.municipality!;
      const body = JSON.stringify({
        id: '1', application_id: '2', type: 2, token: 'tok', locale: 'sv-SE',
        data: { id: '3', name: 'visit', type: 1, options: [{ name: 'place', type: 3, value: place }] },
        member: { user: { id: '4', username: 'anna' } },
      });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/interactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature-ed25519': signBody(keys.privateKey, timestamp, body), 'x-signature-timestamp': timestamp },
        body,
      });
      expect(res.status).toBe(200);
      expect((await readAnswer(res)).json.type).toBe(4);
      expect(finished).toBe(false);
      await finishing;
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
}, 120000);
