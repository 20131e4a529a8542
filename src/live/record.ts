import { statSync } from 'node:fs';
import { cacheKey, cacheKeyOfHash, CACHE_MIN_ENTRIES, DEFAULT_CACHE_DIR, hasCache, readCache, readCachedRecord, storeCacheKey, writeCache } from './cache.js';
import { type Prepared, RecordIndex, type SerialisedIndexes } from '../search/engine.js';
import { Suggester } from '../autocomplete/suggest.js';
import { Pacer, pause } from '../search/pace.js';
import { readInBackground, writeStoreCacheInBackground } from './background.js';
import type { ReadJob, ReadMessage } from './reader-worker.js';
import { InternPool, internStrings, loadRecordFileHashed, parseJson, parseRecord, readDataFile, readDataFileAsync, sha256OfFile, tooBigForText } from '../data/load.js';
import type { Entry, RecordFile } from '../data/schema.js';
import { byEntryMap } from '../search/sharded-map.js';
import type { Store } from '../store/store.js';
import { type Answer, answerInteraction, type InteractionInput } from '../interactions/answer.js';
import type { HostStatus, RecordHost } from './host.js';

/**
 * A loaded record with everything built from it. A reload replaces it whole; a change in the store is applied to
 * it in place, synchronously (src/live/follow.ts), so a reader never sees half of either.
 */
export interface Loaded {
  /** The data file, or the database file when the record comes from the store. */
  file: string;
  /** The store the record comes from and is written to; absent for a record read from a JSON file (read-only). */
  store?: Store;
  /** The Discord role whose members may change the record (EDITOR_ROLE_ID), besides those with Manage Server. */
  editorRoleId?: string | null;
  index: RecordIndex;
  suggester: Suggester;
  loadedAt: Date;
  /** Whether the indexes came from the start-up cache. */
  fromCache: boolean;
  /** Stores the built indexes for the next start (a no-op when they came from the cache or the record is small). */
  saveCache(): void;
  /**
   * What can wait until the door is answering: the autocomplete lists — the big ones are titles for /entry (one per
   * entry) and people for /contact (one per person and organisation); a request that comes first builds its list
   * on demand; the terminal door never needs them — the contact book, the date order's columns (datedColumns: a
   * question, a timeline or the first change would make them otherwise), and the start-up cache.
   */
  finish(): void;
  /**
   * The same for a door that is answering: in steps with pauses between them, so no request waits long; the cache
   * of a record from the store is written by a worker thread (background.ts). Resolves when all is done.
   */
  finishAsync(): Promise<void>;
}

export interface LoadOptions {
  /** See Loaded.editorRoleId. */
  editorRoleId?: string | null;
  /** Where the start-up cache lives; null turns it off. Default: INDEX_CACHE_DIR, else .cache/index/. */
  cacheDir?: string | null;
  /** Files over this many bytes are streamed, not read as one text (default: V8's longest string; tests set it low). */
  streamAboveBytes?: number;
}

function cacheDirFrom(options: LoadOptions): string | null {
  if (options.cacheDir !== undefined) return options.cacheDir;
  const env = process.env.INDEX_CACHE_DIR;
  if (env === 'off') return null;
  return env || DEFAULT_CACHE_DIR;
}

/** Loads, validates (or finds in the cache) and indexes a data file. Throws DataError on bad data. */
export function loadIndexed(file: string, options: LoadOptions = {}): Loaded {
  const dir = cacheDirFrom(options);
  if (tooBigForText(file, options.streamAboveBytes)) return loadStreamed(file, dir);
  const bytes = readDataFile(file);
  const key = dir ? cacheKey(bytes) : '';
  // The bytes are read anyway, for the key; with the record cached beside the indexes they need not be parsed.
  const { whole, indexes } = readCached(dir, file, key);
  if (whole) return assemble(file, whole, 'whole', dir, key);
  const data = parseJson(bytes.toString('utf8'), file);
  const fromCache = indexes ? indexFromCache(data, indexes) : null;
  return assemble(file, fromCache ?? new RecordIndex(parseRecord(data, file)), fromCache ? 'indexes' : 'none', dir, key);
}

/**
 * The same for a file over V8's longest string (about 600,000 entries): streamed and validated entry by entry,
 * its bytes hashed on the way for the cache key. Hashing the bytes alone first is a few seconds against the minute
 * or more of parsing them: with the record cached under that key, they are not parsed at all.
 */
function loadStreamed(file: string, dir: string | null): Loaded {
  const hashed = dir ? cacheKeyOfHash(sha256OfFile(file)) : '';
  const first = readCached(dir, file, hashed);
  if (first.whole) return assemble(file, first.whole, 'whole', dir, hashed);
  // The key is the bytes parsed: a file changed since it was hashed has its own (and perhaps a cache of its own).
  const { record, sha256 } = loadRecordFileHashed(file);
  const key = dir ? cacheKeyOfHash(sha256) : '';
  const indexes = key === hashed ? first.indexes : readCached(dir, file, key).indexes;
  const fromCache = indexes ? indexFromCache(record, indexes, false) : null;
  return assemble(file, fromCache ?? new RecordIndex(record), fromCache ? 'indexes' : 'none', dir, key);
}

/**
 * The same, for a reload while the bot is serving: the file is read, checked and scanned by a worker thread and
 * taken over page by page, and the indexes are built in chunks with pauses between them, so interactions keep
 * being answered (from the old record) meanwhile. The result is complete — all lists and indexes built — before
 * the caller swaps it in. The start-up cache is not read here: loading it is one long step.
 */
export async function loadIndexedAsync(file: string, options: LoadOptions = {}): Promise<Loaded> {
  const dir = cacheDirFrom(options);
  if (small(file)) {
    const bytes = await readDataFileAsync(file);
    const index = await RecordIndex.buildAsync(parseRecord(parseJson(bytes.toString('utf8'), file), file));
    return assemble(file, index, 'none', dir, dir ? cacheKey(bytes) : '', { suggester: await warmAsync(index) });
  }
  const { record, prepared, sha256 } = await readPaged({ file, from: 'json', streamAboveBytes: options.streamAboveBytes });
  const index = await RecordIndex.buildAsync(record, prepared);
  const suggester = await warmAsync(index);
  return assemble(file, index, 'none', dir, dir && sha256 ? cacheKeyOfHash(sha256) : '', { suggester });
}

/**
 * Whether a record is small enough to read on this thread: starting a reader worker takes longer than reading a
 * record of a thousand entries or so, which holds the thread for no more than a few milliseconds.
 */
function small(file: string): boolean {
  try {
    return statSync(file).size < IN_THREAD_BYTES;
  } catch {
    return true; // read here, where the error becomes the DataError a reload reports
  }
}
const IN_THREAD_BYTES = 1_000_000;
const IN_THREAD_ENTRIES = 1000;

/** The record from a reader worker (background.ts), its strings shared as parseRecord shares them. */
async function readPaged(job: ReadJob): Promise<{ record: RecordFile; prepared: Prepared; stamp: string | null; sha256: string | null }> {
  let head: Extract<ReadMessage, { type: 'head' }> | undefined;
  const entries: Entry[] = [];
  let organisations = byEntryMap<string[]>(0);
  // One pool for all pages, interned a page at a time: the whole record at once would be one long step again.
  const pool = new InternPool();
  // Pages the worker sent ahead are taken one after another in one turn of the event loop unless paced.
  const pacer = new Pacer(8, 1);
  for await (const message of readInBackground(job)) {
    if (pacer.due()) await pacer.pause();
    if (message.type === 'head') {
      head = message;
      organisations = byEntryMap<string[]>(head.entries);
    } else if (message.type === 'entries') entries.push(...internStrings({ record: head!.record, entries: message.entries }, pool).entries);
    else if (message.type === 'organisations') {
      for (const orgs of message.organisations) organisations.set(entries[organisations.size]!, orgs.map((org) => pool.string(org)));
    }
  }
  if (!head || entries.length !== head.entries) throw new Error(`${job.file}: the record reader stopped early`);
  // The record's words are a few hundred thousand strings: put in their sets in paced steps, not one go.
  const words = new Set<string>();
  for (const word of head.words) if ((words.add(word), pacer.due())) await pacer.pause();
  const ordinary = new Set<string>();
  for (const word of head.ordinary) if ((ordinary.add(word), pacer.due())) await pacer.pause();
  return {
    record: { record: head.record, entries },
    prepared: { order: head.order, names: { words, ordinary, organisations } },
    stamp: head.stamp,
    sha256: head.sha256,
  };
}


/** A small record, read on this thread (see small()). */
function readHere(store: Store): { record: RecordFile; prepared?: Prepared; stamp: string } {
  const { record, state } = store.snapshot();
  return { record, stamp: state.stamp };
}

/** The date order's columns, every autocomplete list and the contact index, a step at a time. */
async function warmAsync(index: RecordIndex): Promise<Suggester> {
  const suggester = new Suggester(index);
  await index.datedColumnsAsync();
  await suggester.warmAsync(['place', 'period', 'title']);
  await index.contactsAsync();
  await suggester.warmAsync(['who']);
  await index.contacts.warmAsync();
  return suggester;
}

/**
 * The index from the start-up cache, or null when the cached index does not fit the record (a damaged file):
 * then the caller validates and builds as if there were no cache. Bytes with a cache entry passed validation when
 * the entry was written, so they are not checked again here.
 */
function indexFromCache(data: unknown, cached: SerialisedIndexes, intern = true): RecordIndex | null {
  try {
    return new RecordIndex(intern ? internStrings(data as RecordFile) : (data as RecordFile), cached);
  } catch {
    return null;
  }
}

/**
 * What the start-up cache holds under this key: its indexes, and the index of the record cached beside them (see
 * cache.ts) when that is there and fits them (`whole`; else the record is read from its source).
 */
function readCached(dir: string | null, file: string, key: string): { whole: RecordIndex | null; indexes: SerialisedIndexes | null } {
  const indexes = dir ? readCache(dir, file, key) : null;
  const record = indexes && readCachedRecord(dir!, file, key);
  const fits = record && (indexes.order?.length ?? record.entries.length) === record.entries.length;
  return { whole: fits ? indexFromCache(record, indexes, false) : null, indexes };
}

/** How much of a start came from the cache: a start with less writes the whole cache when it can (saveCache). */
type FromCache = 'none' | 'indexes' | 'whole';

function assemble(file: string, index: RecordIndex, from: FromCache, dir: string | null, key: string, made: { store?: Store; suggester?: Suggester } = {}): Loaded {
  const { store, suggester = new Suggester(index) } = made;
  let saved = from === 'whole';
  return {
    file,
    ...(store ? { store } : {}),
    index,
    suggester,
    loadedAt: new Date(),
    fromCache: from !== 'none',
    saveCache() {
      // Both files there (another start wrote them, or the record was too long to pack: see cache.ts): nothing to do.
      if (saved || !dir || index.entries.length < CACHE_MIN_ENTRIES || hasCache(dir, file, key)) return;
      // An index changed since it was built no longer fits the key it was loaded under: the next start builds.
      const indexes = index.serialise();
      if (!indexes) return;
      saved = true;
      writeCache(dir, file, key, indexes, index.record);
    },
    finish() {
      index.datedColumns();
      suggester.warm(['place', 'period', 'title', 'who']);
      index.contacts.warm();
      this.saveCache();
    },
    async finishAsync() {
      await index.datedColumnsAsync();
      await suggester.warmAsync(['place', 'period', 'title']);
      await index.contactsAsync();
      await suggester.warmAsync(['who']);
      await index.contacts.warmAsync();
      await pause();
      if (!store) return this.saveCache();
      if (saved || !dir || index.entries.length < CACHE_MIN_ENTRIES) return;
      saved = true;
      // Of the store as it is when the worker reads it: a change since this record was loaded is in it too.
      await writeStoreCacheInBackground({ file: store.file, dir });
    },
  };
}

/**
 * The record in the store, indexed (or found in the start-up cache under the store's stamp). The stamp names one
 * content of the record: the record cached under it (see cache.ts) is taken without reading a row. Otherwise the
 * store is read in one transaction, so the index is of one state of the record, and the key is that state's.
 */
export function loadFromStore(store: Store, options: LoadOptions = {}): Loaded {
  const dir = cacheDirFrom(options);
  const loaded = (index: RecordIndex, from: FromCache, stamp: string): Loaded => ({
    ...assemble(store.file, index, from, dir, dir ? storeCacheKey(stamp) : '', { store }),
    editorRoleId: options.editorRoleId ?? null,
  });
  const stamp = dir ? store.state().stamp : undefined;
  const { whole, indexes } = stamp ? readCached(dir, store.file, storeCacheKey(stamp)) : { whole: null, indexes: null };
  if (whole) return loaded(whole, 'whole', stamp!);
  // With a cache for this stamp, its content passed the schema when the cache was written: read without it.
  let { record: data, state } = store.snapshot(indexes ? stamp : undefined);
  const fromCache = indexes && state.stamp === stamp ? indexFromCache(data, indexes, false) : null;
  if (indexes && !fromCache && state.stamp === stamp) {
    // A damaged cache: validate after all, and build.
    ({ record: data, state } = store.snapshot());
  }
  return loaded(fromCache ?? new RecordIndex(data), fromCache ? 'indexes' : 'none', state.stamp);
}

/** The same while serving (SIGHUP): read by a worker thread and built in chunks, the old record answering meanwhile. */
export async function loadFromStoreAsync(store: Store, options: LoadOptions = {}): Promise<Loaded> {
  const { record, prepared, stamp } = !store.hasAtLeast(IN_THREAD_ENTRIES) ? readHere(store) : await readPaged({ file: store.file, from: 'store' });
  const index = await RecordIndex.buildAsync(record, prepared);
  const suggester = await warmAsync(index);
  const dir = cacheDirFrom(options);
  return { ...assemble(store.file, index, 'none', dir, dir && stamp ? storeCacheKey(stamp) : '', { store, suggester }), editorRoleId: options.editorRoleId ?? null };
}

/** Holds the current record; a reload swaps it in one assignment, or throws and keeps the last good one. */
export class LiveRecord implements RecordHost {
  /** Changes made while a reload was building: they are run on the new record before it is swapped in. */
  private during: ((loaded: Loaded) => void)[] | null = null;

  constructor(private loaded: Loaded) {}

  get current(): Loaded {
    return this.loaded;
  }

  answer(input: InteractionInput): Promise<Answer> {
    return answerInteraction(input, this.loaded);
  }

  status(): HostStatus {
    const { index, loadedAt, fromCache } = this.loaded;
    return { entries: index.entries.length, loadedAt, fromCache, answering: true };
  }

  /** Runs a change on the current record now (synchronously), and on a record being reloaded before it serves. */
  update(change: (loaded: Loaded) => void): void {
    change(this.loaded);
    this.during?.push(change);
  }

  /**
   * Loads the record again without stopping the answers: the new record is built in chunks and replaces the old in
   * one assignment once complete. A failure (DataError for a bad file) leaves the old record in place.
   */
  async reload(): Promise<Loaded> {
    const { store, file, editorRoleId } = this.loaded;
    this.during = [];
    try {
      const next = store ? await loadFromStoreAsync(store, { editorRoleId }) : await loadIndexedAsync(file);
      // A change that was already in what the reload read is applied again harmlessly (see follow.ts).
      for (const change of this.during) change(next);
      this.loaded = next;
      return next;
    } finally {
      this.during = null;
    }
  }
}
