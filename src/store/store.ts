// The store runs on better-sqlite3 12.11.1 rather than libsql 0.5.29 (its prebuilt, same-API sibling): libsql
// installs in 1 s against better-sqlite3's 52 s build from source, and both open and read the 22 entries in about
// 0.27 ms and insert 1,000 entries one transaction each in 26–31 ms (synchronous=NORMAL) or 112–125 ms (FULL),
// but libsql's backup() throws "not implemented", and the online backup API is what keeps migrations and
// `npm run backup` safe while the bot serves. Figures and method: NOTES-store.md.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { internStrings, loadRecordFile, parseRecord } from '../data/load.js';
import { entrySchema, type Entry, type RecordFile } from '../data/schema.js';
import { backupDatabase, backupFileName, defaultBackupDir } from './backup.js';
import { EntryError, StoreError } from './errors.js';
import { migrate, MIGRATIONS_DIR, readMigrations, type Migration } from './migrate.js';
import type { Author, ChangeAction, ChangeListener, EntryMeta, HistoryItem, StoreChange, StoredEntry } from './types.js';

/** The author of entries that came from the seed file. */
export const SEED_AUTHOR: Author = { id: 'seed', name: 'data/activities.json' };

export interface OpenOptions {
  /** Entries for a new, empty store: a record file's path or its parsed content. Ignored once the store has a record. */
  seed?: string | RecordFile | null;
  /** Where migration backups go (default: backups/ beside the database). */
  backupDir?: string;
  /** Migration files to run (default: src/store/migrations/). Tests point this at a folder with an extra migration. */
  migrationsDir?: string;
  /**
   * How often (ms) to look for changes made by other processes; 0 turns it off (call poll() yourself). The look is
   * one PRAGMA data_version, so it is cheap. Default 1000.
   */
  pollMs?: number;
  /** Where a listener's exception goes (default: console.error); it never undoes the change that was committed. */
  onListenerError?: (error: unknown) => void;
}

export type RecordInfo = RecordFile['record'];

/** See Store.state. */
export interface RecordState {
  revision: number;
  stamp: string;
}

interface EntryRow {
  id: string;
  position: number;
  body: string;
  added_by_id: string;
  added_by_name: string;
  created_at: string;
  updated_by_id: string;
  updated_by_name: string;
  updated_at: string;
  removed_at: string | null;
  removed_by_id: string | null;
  removed_by_name: string | null;
}

interface HistoryRow {
  seq: number;
  entry_id: string;
  action: ChangeAction;
  body: string;
  author_id: string;
  author_name: string;
  at: string;
}

function metaOf(row: EntryRow): EntryMeta {
  return {
    position: row.position,
    addedBy: { id: row.added_by_id, name: row.added_by_name },
    addedAt: row.created_at,
    updatedBy: { id: row.updated_by_id, name: row.updated_by_name },
    updatedAt: row.updated_at,
    removedBy: row.removed_by_id === null ? null : { id: row.removed_by_id, name: row.removed_by_name ?? '' },
    removedAt: row.removed_at,
  };
}

/**
 * The record in an SQLite database (WAL mode, synchronous=FULL: a change that returned is on disk). Every change is
 * one transaction that writes the entry and its history row together; entries go in and come out through the zod
 * entry schema. Synchronous by design (better-sqlite3): a change is committed when the call returns.
 */
export class Store {
  private readonly listeners = new Set<ChangeListener>();
  private lastSeq: number;
  private dataVersion: number;
  private readonly localSeqs = new Set<number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database.Database,
    readonly file: string,
    private readonly options: OpenOptions = {},
  ) {
    this.lastSeq = (db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM entry_history').get() as { seq: number }).seq;
    this.dataVersion = this.readDataVersion();
    const pollMs = options.pollMs ?? 1000;
    if (pollMs > 0) {
      this.timer = setInterval(() => this.poll(), pollMs);
      this.timer.unref();
    }
  }

  /**
   * Whether the record has at least `n` active entries: reads n rows, where count() reads them all (60 ms at
   * 100,000 entries, on the thread that is serving while a reload starts).
   */
  hasAtLeast(n: number): boolean {
    if (n <= 0) return true;
    return this.db.prepare('SELECT 1 FROM entries WHERE removed_at IS NULL LIMIT 1 OFFSET ?').pluck().get(n - 1) !== undefined;
  }

  /** How many active entries the record has. */
  count(): number {
    return this.db.prepare('SELECT COUNT(*) FROM entries WHERE removed_at IS NULL').pluck().get() as number;
  }

  /** The active entries, in record order, each validated; read row by row (see snapshot for why). */
  entries(): Entry[] {
    const entries: Entry[] = [];
    for (const row of this.db.prepare('SELECT id, body FROM entries WHERE removed_at IS NULL ORDER BY position').iterate() as IterableIterator<Pick<EntryRow, 'id' | 'body'>>) {
      entries.push(this.parseBody(row.id, row.body));
    }
    return entries;
  }

  /** The same with their metadata; `removed: true` includes removed entries (for an editor's history view). */
  stored(options: { removed?: boolean } = {}): StoredEntry[] {
    return this.rows(options.removed ?? false).map((row) => ({ entry: this.parseBody(row.id, row.body), meta: metaOf(row) }));
  }

  /** One entry with its metadata, removed or not; null if the id was never used. */
  get(id: string): StoredEntry | null {
    const row = this.row(id);
    return row ? { entry: this.parseBody(row.id, row.body), meta: metaOf(row) } : null;
  }

  meta(id: string): EntryMeta | null {
    const row = this.row(id);
    return row ? metaOf(row) : null;
  }

  /** The record's title and sections, or null before the store is seeded or imported into. */
  info(): RecordInfo | null {
    const row = this.db.prepare('SELECT title, file, sections FROM record_info WHERE id = 1').get() as { title: string; file: string | null; sections: string } | undefined;
    if (!row) return null;
    return { title: row.title, ...(row.file ? { file: row.file } : {}), sections: JSON.parse(row.sections) as string[] };
  }

  /** Sets the record's header (an import into an empty store gives it the text's title and headings). */
  setInfo(info: RecordInfo): void {
    this.db
      .prepare('INSERT INTO record_info (id, title, file, sections) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, file = excluded.file, sections = excluded.sections')
      .run(info.title, info.file ?? null, JSON.stringify(info.sections));
  }

  /** Adds an entry at the end of the record. Throws EntryError naming the fields, or StoreError if the id is taken. */
  add(entry: unknown, author: Author): StoredEntry {
    return this.addAll([entry], author)[0]!;
  }

  /** Adds several entries at the end, in order, in one transaction: all of them or (on any error) none. */
  addAll(entries: readonly unknown[], author: Author): StoredEntry[] {
    const valid = entries.map((entry) => this.validate(entry));
    this.write(() => this.insertAll(valid, author).forEach((seq) => this.localSeqs.add(seq)));
    return valid.map((entry) => this.get(entry.id)!);
  }

  /**
   * Replaces an entry with a corrected one; the earlier state stays in its history. The id cannot change (it is
   * how the entry is found and linked). A correction identical to the entry changes nothing and is not recorded.
   */
  update(id: string, entry: unknown, author: Author): StoredEntry {
    const valid = this.validate(entry);
    if (valid.id !== id) throw new EntryError(this.file, id, ['id'], [`entry ${id}, field id: a correction keeps the entry's id (got ${valid.id})`]);
    const current = this.active(id);
    if (JSON.stringify(this.parseBody(id, current.body)) === JSON.stringify(valid)) return { entry: valid, meta: metaOf(current) };
    return this.change(id, 'update', author, (now) => {
      this.active(id);
      this.db
        .prepare('UPDATE entries SET body = ?, updated_by_id = ?, updated_by_name = ?, updated_at = ? WHERE id = ?')
        .run(JSON.stringify(valid), author.id, author.name, now, id);
      return valid;
    });
  }

  /** Takes an entry out of the record; it keeps its history and can be restored. */
  remove(id: string, author: Author): StoredEntry {
    return this.change(id, 'remove', author, (now) => {
      const row = this.active(id);
      this.db.prepare('UPDATE entries SET removed_at = ?, removed_by_id = ?, removed_by_name = ? WHERE id = ?').run(now, author.id, author.name, id);
      return this.parseBody(id, row.body);
    });
  }

  /** Puts a removed entry back, in its old place in the record. */
  restore(id: string, author: Author): StoredEntry {
    return this.change(id, 'restore', author, (now) => {
      const row = this.row(id);
      if (!row) throw new StoreError('not-found', id, `no entry ${id}`);
      if (!row.removed_at) throw new StoreError('not-removed', id, `entry ${id} is not removed`);
      this.db
        .prepare('UPDATE entries SET removed_at = NULL, removed_by_id = NULL, removed_by_name = NULL, updated_by_id = ?, updated_by_name = ?, updated_at = ? WHERE id = ?')
        .run(author.id, author.name, now, id);
      return this.parseBody(id, row.body);
    });
  }

  /** Every state of an entry, oldest first (empty for an unknown id). */
  history(id: string): HistoryItem[] {
    const rows = this.db.prepare('SELECT * FROM entry_history WHERE entry_id = ? ORDER BY seq').all(id) as HistoryRow[];
    return rows.map((row) => this.historyItem(row));
  }

  /** The record as the JSON seed/export format, validated as a whole (ids unique, at least one entry). */
  exportJson(): RecordFile {
    return this.snapshot().record;
  }

  /**
   * What the record's content is at: `stamp` is new with every change to the entries or the header, made by any
   * process (triggers, migration 002), and a copy or restored backup keeps the stamp of the content it holds.
   */
  state(): RecordState {
    return this.db.prepare('SELECT revision, stamp FROM record_state WHERE id = 1').get() as RecordState;
  }

  /**
   * The record and the state it is at, read in one transaction. When the state is `known` — content this program
   * validated before, e.g. when it wrote the start-up cache under that stamp — the bodies are parsed without the
   * schema: every write validated them, and a change by any other means gives a new stamp. Otherwise as exportJson.
   */
  snapshot(known?: string): { record: RecordFile; state: RecordState } {
    return this.db.transaction(() => {
      const state = this.state();
      const record = this.info();
      if (!record) throw new StoreError('not-found', '', `${this.file}: the store has no record yet (seed it or import into it first)`);
      if (known !== undefined && state.stamp === known) {
        // Only the bodies, as plain strings: a row object per entry with every column costs a third of the read.
        // One at a time, not all(): all of them at once are every body's text (900 MB at a million entries) alive
        // until the last is parsed, and the collector copied each from the young generation to the old: at a
        // million entries, seconds of the start-up (`--trace-gc`: its scavenges' pauses about halved).
        const entries: Entry[] = [];
        for (const body of this.db.prepare('SELECT body FROM entries WHERE removed_at IS NULL ORDER BY position').pluck().iterate() as IterableIterator<string>) {
          entries.push(JSON.parse(body) as Entry);
        }
        return { record: internStrings({ record, entries }), state };
      }
      return { record: parseRecord({ record, entries: this.entries() }, this.file), state };
    })();
  }

  /** Calls the listener after every change, this process's (at once) and other processes' (on the next poll). */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Looks for changes committed by other connections (PRAGMA data_version moves only for those) and hands them to
   * the listeners in commit order. Returns how many it found. Runs on a timer unless pollMs is 0.
   */
  poll(): number {
    const version = this.readDataVersion();
    if (version === this.dataVersion) return 0;
    this.dataVersion = version;
    return this.drain();
  }

  /** An online copy of the database (SQLite backup API) while it stays in use; resolves to the file written. */
  backup(target?: string): Promise<string> {
    return backupDatabase(this.db, target ?? join(this.options.backupDir ?? defaultBackupDir(this.file), backupFileName(this.file, 'manual')));
  }

  /** Checks the file's structure; 'ok' when sound. */
  integrityCheck(): string {
    return (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  }

  close(): void {
    clearInterval(this.timer);
    this.listeners.clear();
    if (this.db.open) this.db.close();
  }

  /**
   * Seeds an empty store from a record file, in one transaction. Returns false when the store already has a record.
   * Statements are prepared once and each entry written as it is checked: at a million entries the general path
   * (a statement prepared per row, a position looked up per row, the record checked whole first) takes minutes.
   */
  /** Whether the store holds nothing yet, neither entries (removed ones included) nor a record header. */
  isEmpty(): boolean {
    return (this.db.prepare('SELECT (SELECT COUNT(*) FROM entries) + (SELECT COUNT(*) FROM record_info)').pluck().get() as number) === 0;
  }

  seed(record: RecordFile): boolean {
    const run = this.db.transaction(() => {
      if (!this.isEmpty()) return false;
      this.setInfo(record.record);
      const insert = this.db.prepare(`INSERT INTO entries (id, position, body, added_by_id, added_by_name, created_at, updated_by_id, updated_by_name, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      const history = this.db.prepare('INSERT INTO entry_history (entry_id, action, body, author_id, author_name, at) VALUES (?, ?, ?, ?, ?, ?)');
      const now = new Date().toISOString();
      const { id: by, name } = SEED_AUTHOR;
      // The store is empty: an id is taken only by an earlier entry of the same seed.
      const seen = new Set<string>();
      let position = 0;
      for (const raw of record.entries) {
        // Checked here, inside the transaction: a bad entry anywhere throws and nothing of the seed is kept.
        const entry = this.validate(raw);
        if (seen.has(entry.id)) throw new StoreError('exists', entry.id, `entry ${entry.id} already exists: choose another id, or correct that entry`);
        seen.add(entry.id);
        const body = JSON.stringify(entry);
        insert.run(entry.id, ++position, body, by, name, now, by, name, now);
        history.run(entry.id, 'add', body, by, name, now);
      }
      return true;
    });
    const seeded = run.immediate();
    if (seeded && this.listeners.size === 0) {
      // Nobody to tell: move past the seed's history rows without reading them back (a million bodies).
      this.lastSeq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM entry_history').get() as { seq: number }).seq;
    } else if (seeded) this.drain();
    return seeded;
  }

  /** Appends entries with their history rows (inside the caller's transaction); returns the history seqs. */
  private insertAll(entries: readonly Entry[], author: Author): number[] {
    const now = new Date().toISOString();
    return entries.map((entry) => {
      this.insert(entry, author, now);
      return this.recordHistory(entry.id, 'add', entry, author, now);
    });
  }

  private insert(entry: Entry, author: Author, now: string): void {
    const existing = this.row(entry.id);
    if (existing) {
      throw new StoreError('exists', entry.id, existing.removed_at
        ? `entry ${entry.id} exists but is removed: restore it, or choose another id`
        : `entry ${entry.id} already exists: choose another id, or correct that entry`);
    }
    const position = (this.db.prepare('SELECT COALESCE(MAX(position), 0) + 1 AS p FROM entries').get() as { p: number }).p;
    this.db
      .prepare(`INSERT INTO entries (id, position, body, added_by_id, added_by_name, created_at, updated_by_id, updated_by_name, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(entry.id, position, JSON.stringify(entry), author.id, author.name, now, author.id, author.name, now);
  }

  /** Runs one change as one IMMEDIATE transaction, then tells the listeners. */
  private write(body: () => void): void {
    // IMMEDIATE takes the write lock at once, so two processes writing together queue instead of failing midway.
    this.db.transaction(body).immediate();
    this.drain();
  }

  private change(id: string, action: ChangeAction, author: Author, apply: (now: string) => Entry): StoredEntry {
    this.write(() => {
      const now = new Date().toISOString();
      this.localSeqs.add(this.recordHistory(id, action, apply(now), author, now));
    });
    return this.get(id)!;
  }

  private recordHistory(id: string, action: ChangeAction, entry: Entry, author: Author, at: string): number {
    const result = this.db
      .prepare('INSERT INTO entry_history (entry_id, action, body, author_id, author_name, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, action, JSON.stringify(entry), author.id, author.name, at);
    return Number(result.lastInsertRowid);
  }

  /** Hands every history row after the last one seen to the listeners. The history table is the change feed. */
  private drain(): number {
    const rows = this.db.prepare('SELECT * FROM entry_history WHERE seq > ? ORDER BY seq').all(this.lastSeq) as HistoryRow[];
    for (const row of rows) {
      this.lastSeq = row.seq;
      const local = this.localSeqs.delete(row.seq);
      if (this.listeners.size === 0) continue;
      const item = this.historyItem(row);
      const meta = this.meta(row.entry_id)!;
      const change: StoreChange = { ...item, id: row.entry_id, meta, local };
      for (const listener of this.listeners) {
        try {
          listener(change);
        } catch (error) {
          (this.options.onListenerError ?? console.error)(error);
        }
      }
    }
    return rows.length;
  }

  private historyItem(row: HistoryRow): HistoryItem {
    return { seq: row.seq, action: row.action, entry: this.parseBody(row.entry_id, row.body), author: { id: row.author_id, name: row.author_name }, at: row.at };
  }

  private rows(removed: boolean): EntryRow[] {
    const where = removed ? '' : 'WHERE removed_at IS NULL';
    return this.db.prepare(`SELECT * FROM entries ${where} ORDER BY position`).all() as EntryRow[];
  }

  private row(id: string): EntryRow | undefined {
    return this.db.prepare('SELECT * FROM entries WHERE id = ?').get(id) as EntryRow | undefined;
  }

  private active(id: string): EntryRow {
    const row = this.row(id);
    if (!row) throw new StoreError('not-found', id, `no entry ${id}`);
    if (row.removed_at) throw new StoreError('removed', id, `entry ${id} is removed: restore it first`);
    return row;
  }

  private validate(entry: unknown): Entry {
    const result = entrySchema.safeParse(entry);
    if (result.success) return result.data;
    const id = (entry as { id?: unknown } | null)?.id;
    throw EntryError.fromIssues(this.file, typeof id === 'string' ? id : null, result.error.issues);
  }

  /** A stored body back through the schema: a row edited by hand outside the program is refused, not served. */
  private parseBody(id: string, body: string): Entry {
    const result = entrySchema.safeParse(JSON.parse(body));
    if (result.success) return result.data;
    throw EntryError.fromIssues(this.file, id, result.error.issues);
  }

  private readDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }
}

/**
 * Opens an existing store for reading only: no migrations, no seeding, no polling. For a second connection that
 * reads the record while the first serves (a background build of the start-up cache).
 */
export function openStoreReadOnly(file: string): Store {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    return new Store(db, file, { pollMs: 0 });
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens (creating if need be) the store at `file`: WAL mode, migrations run (each after an online backup of a
 * database that already had a schema), then seeded from `options.seed` if the store is empty.
 */
export async function openStore(file: string, options: OpenOptions = {}): Promise<Store> {
  mkdirSync(dirname(file), { recursive: true });
  // A writer waits up to 10 s for another process's transaction instead of failing with SQLITE_BUSY.
  const db = new Database(file, { timeout: 10_000 });
  try {
    db.pragma('journal_mode = WAL');
    // FULL: a commit is synced before it returns, so an acknowledged change survives a crash or power loss, not
    // only a killed process. People add entries one at a time; under 0.1 ms more a change (measured) costs nothing they notice.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const backupDir = options.backupDir ?? defaultBackupDir(file);
    await migrate(db, {
      file,
      migrations: readMigrations(options.migrationsDir ?? MIGRATIONS_DIR),
      backupBefore: (m: Migration) => backupDatabase(db, join(backupDir, backupFileName(file, `before-${String(m.version).padStart(3, '0')}-${m.name}`))),
    });
    const store = new Store(db, file, options);
    // A seed file is read only for an empty store: every later start would otherwise read and check all of it
    // (more than a second for a 100,000-entry DATA_FILE) to learn that there is nothing to do.
    if (options.seed && store.isEmpty()) store.seed(typeof options.seed === 'string' ? loadRecordFile(options.seed) : options.seed);
    return store;
  } catch (error) {
    db.close();
    throw error;
  }
}
