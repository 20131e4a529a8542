/**
 * Runs in a worker thread (see background.ts readInBackground): reads and validates a record — from the store on
 * its own connection, or from a JSON file — and does the scans that need the whole record at once (the date order,
 * the record's names). The serving thread then takes it over page by page, asking for each, so that no message
 * it has to unpack is big: unpacking is synchronous, and a whole record at once would hold it for a second.
 */
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { DataError, loadRecordFileHashed, parseJson, parseRecord, readDataFile, tooBigForText } from '../data/load.js';
import type { Entry, RecordFile } from '../data/schema.js';
import { recordNames, serialiseNames } from '../search/names.js';
import { byDate, numberInRecordOrder } from '../search/order.js';
import { sweden } from '../search/sweden.js';
import { openStoreReadOnly } from '../store/store.js';

export interface ReadJob {
  /** A store's database file, or a JSON record file. */
  file: string;
  from: 'store' | 'json';
  /** See LoadOptions.streamAboveBytes. */
  streamAboveBytes?: number;
}

/** The messages, in order: one head, pages of entries and of organisations (each asked for with 'next'), the end. */
export type ReadMessage =
  | { type: 'head'; record: RecordFile['record']; entries: number; stamp: string | null; sha256: string | null; words: string[]; ordinary: string[]; order: Int32Array }
  | { type: 'entries'; entries: Entry[] }
  | { type: 'organisations'; organisations: string[][] }
  | { type: 'end' }
  | { type: 'error'; message: string; file?: string; problems?: string[] };

/**
 * Entries a page: unpacking one is a single native step, and while the collector marks, V8 runs its marking steps
 * inside it as it allocates; a page of 500 held the thread 40–150 ms at a million entries (perf), a tenth of that
 * at 100,000. A hundred keeps each well inside a slice.
 */
export const PAGE = 100;

const port = parentPort!;
const { file, from, streamAboveBytes } = workerData as ReadJob;
const next = () => new Promise<void>((resolve) => port.once('message', () => resolve()));

function read(): { record: RecordFile; stamp: string | null; sha256: string | null } {
  if (from === 'store') {
    const store = openStoreReadOnly(file);
    try {
      const { record, state } = store.snapshot();
      return { record, stamp: state.stamp, sha256: null };
    } finally {
      store.close();
    }
  }
  if (tooBigForText(file, streamAboveBytes)) return { ...loadRecordFileHashed(file), stamp: null };
  const bytes = readDataFile(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { record: parseRecord(parseJson(bytes.toString('utf8'), file), file), stamp: null, sha256 };
}

try {
  const { record, stamp, sha256 } = read();
  numberInRecordOrder(record.entries);
  const chronological = [...record.entries].sort(byDate);
  const names = serialiseNames(recordNames(chronological, sweden()), record.entries);
  const position = new Map(record.entries.map((e, i) => [e, i]));
  const order = Int32Array.from(chronological, (e) => position.get(e)!);
  port.postMessage({ type: 'head', record: record.record, entries: record.entries.length, stamp, sha256, words: names.words, ordinary: names.ordinary, order } satisfies ReadMessage, [order.buffer]);
  for (let i = 0; i < record.entries.length; i += PAGE) {
    await next();
    port.postMessage({ type: 'entries', entries: record.entries.slice(i, i + PAGE) } satisfies ReadMessage);
  }
  for (let i = 0; i < names.organisations.length; i += PAGE) {
    await next();
    port.postMessage({ type: 'organisations', organisations: names.organisations.slice(i, i + PAGE) } satisfies ReadMessage);
  }
  port.postMessage({ type: 'end' } satisfies ReadMessage);
} catch (error) {
  port.postMessage({
    type: 'error',
    message: String((error as Error)?.message ?? error),
    ...(error instanceof DataError ? { file: error.file, problems: error.problems } : {}),
  } satisfies ReadMessage);
}
