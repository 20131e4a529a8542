/**
 * The record in a process of its own (see process-host.ts): started by a door with the job as its one argument, it
 * opens the store on its own connection, loads the record (from the start-up cache when there is one), follows the
 * store change by change, and answers the interactions the door sends it over the IPC channel. A reload is a second
 * such process beside the serving one: the record it builds lives in another heap, so the collector's work on a
 * million new entries holds neither the door nor the record that answers meanwhile.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DataError } from '../data/load.js';
import { drafts } from '../living/drafts.js';
import type { Answer, InteractionInput } from '../interactions/answer.js';
import { createLogger } from '../log.js';
import { openStore } from '../store/store.js';
import { followStore } from './follow.js';
import type { HostStatus } from './host.js';
import { LiveRecord, loadFromStore } from './record.js';

export interface HostJob {
  /** The store's database file; it exists (the door opened, migrated and seeded it first). */
  databaseFile: string;
  editorRoleId: string | null;
  logLevel: string;
  /** See LoadOptions.cacheDir (default: INDEX_CACHE_DIR, which this process has from the door's environment). */
  cacheDir?: string | null;
  /**
   * Whether to build everything before saying ready: a reload does (it answers the moment it is swapped in, and
   * nothing it builds should then hold it); a first start says ready at once and warms up when told to (`finish`).
   */
  warm: boolean;
}

export type HostRequest =
  | { type: 'answer'; id: number; input: InteractionInput }
  | { type: 'finish' }
  /** The longest this process's event loop was held since the last time asked (the bench's reload figures). */
  | { type: 'loop' }
  /** The /log drafts this process keeps, for the process that takes over (answered with `drafts`). */
  | { type: 'drafts' }
  | { type: 'adopt'; drafts: ReturnType<typeof drafts.kept> }
  | { type: 'close' };

export type HostMessage =
  | { type: 'ready'; status: HostStatus }
  /** After each change the store reported, for the health check. */
  | { type: 'status'; status: HostStatus }
  | { type: 'answer'; id: number; answer: Answer }
  | { type: 'failed'; id: number; message: string }
  /** The record could not be loaded (`problems` for bad data, as DataError has them). */
  | { type: 'error'; message: string; problems?: string[] }
  | { type: 'loop'; longestMs: number }
  /** The warm-up asked for with `finish` is done. */
  | { type: 'finished' }
  | { type: 'drafts'; drafts: ReturnType<typeof drafts.kept> };

const job = JSON.parse(process.argv[2] ?? '{}') as HostJob;
const logger = createLogger(job.logLevel).child({ process: 'record' });
const post = (message: HostMessage) => void (process.connected && process.send?.(message));

// A signal to the terminal's process group (Ctrl-C, a hang-up) is the door's to handle: this process ends when the
// door closes the channel, having closed the store.
for (const signal of ['SIGINT', 'SIGHUP', 'SIGTERM'] as const) process.on(signal, () => undefined);

try {
  const store = await openStore(job.databaseFile);
  const record = new LiveRecord(loadFromStore(store, { editorRoleId: job.editorRoleId, ...(job.cacheDir !== undefined ? { cacheDir: job.cacheDir } : {}) }));
  if (job.warm) record.current.finish();
  const unfollow = followStore(record, logger);
  const stopStatus = store.onChange(() => post({ type: 'status', status: record.status() }));
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  // A warm-up still running (its last step writes the start-up cache) is let finish before the store closes: cut
  // off, it would leave a half-written cache file. The door stops a process that takes too long.
  let warming: Promise<void> = Promise.resolve();
  const close = () => {
    stopStatus();
    unfollow();
    void warming.finally(() => {
      store.close();
      process.exit(0);
    });
  };
  process.on('disconnect', close);
  process.on('message', (request: HostRequest) => {
    switch (request.type) {
      case 'answer': {
        const failed = (error: unknown) => post({ type: 'failed', id: request.id, message: String((error as Error)?.stack ?? error) });
        record.answer(request.input).then((answer) => {
          // An answer the channel cannot carry is a failure of that answer, not of the process.
          try {
            post({ type: 'answer', id: request.id, answer });
          } catch (error) {
            failed(error);
          }
        }, failed);
        break;
      }
      case 'finish':
        warming = record.current
          .finishAsync()
          .catch((error: unknown) => logger.warn({ err: String(error) }, 'could not finish the warm-up or write the index cache'))
          .finally(() => post({ type: 'finished' }));
        break;
      case 'drafts':
        post({ type: 'drafts', drafts: drafts.kept() });
        break;
      case 'adopt':
        drafts.adopt(request.drafts);
        break;
      case 'loop':
        post({ type: 'loop', longestMs: loop.max / 1e6 });
        loop.reset();
        break;
      case 'close':
        close();
        break;
    }
  });
  post({ type: 'ready', status: record.status() });
} catch (error) {
  const message: HostMessage = { type: 'error', message: String((error as Error)?.message ?? error), ...(error instanceof DataError ? { problems: error.problems } : {}) };
  // Sent before exiting: a message on the channel is written asynchronously.
  if (process.connected) process.send!(message, () => process.exit(1));
  else process.exit(1);
}
