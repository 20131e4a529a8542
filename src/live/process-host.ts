import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { DataError } from '../data/load.js';
import type { Answer, InteractionInput } from '../interactions/answer.js';
import type { MessagePayload } from '../render/fit.js';
import type { HostStatus, RecordHost } from './host.js';
import type { HostJob, HostMessage, HostRequest } from './record-process.js';
import type { Reloadable } from './watch.js';

/** How long a retired record process may take to finish what it owes (answers, a cache write) before it is stopped. */
const RETIRE_MS = 30_000;

/** Waits between attempts to start a record process again after one stopped: doubling from the first, up to the last. */
const RESTART_MS = [1_000, 30_000] as const;

/** What the record process does not need of the door's environment: the secrets. */
const SECRETS = ['DISCORD_TOKEN', 'DISCORD_PUBLIC_KEY'];

/**
 * The door's V8 flags that shape the heap (the doors' scripts set some; an operator may add others), passed on:
 * the record's heap is in the record process now. Loaders, inspectors and the like stay with the door.
 */
const HEAP_FLAG = /^--(no-)?(concurrent-marking|memory-reducer|compact|expose-gc)$|^--max-(old|semi)-space-size=\d+$/;

interface Pending {
  resolve: (answer: Answer) => void;
  reject: (error: Error) => void;
}

/** One record process (record-process.ts), and what it owes. */
class Holder {
  readonly pending = new Map<number, Pending>();
  /**
   * Who waits for each kind of reply (a warm-up done, a figure, drafts), in the order asked, and what each gets if
   * the process is gone.
   */
  private readonly waiting: Record<Asked, { resolve: (value: never) => void; gone: unknown }[]> = { finish: [], loop: [], drafts: [] };
  status: HostStatus = { entries: 0, loadedAt: new Date(0), fromCache: false, answering: false };
  retiring = false;

  constructor(readonly child: ChildProcess) {
    // From the start, so that a status sent just after `ready` is not missed.
    child.on('message', (message: HostMessage) => {
      if (message.type === 'ready' || message.type === 'status') this.status = message.status;
    });
    // Errors are logged once the host watches; until then (and after a kill) they must not go uncaught.
    child.on('error', () => undefined);
  }

  get running(): boolean {
    return this.child.connected;
  }

  /** Sends a request; false when the process is gone or the channel refuses it. */
  send(request: HostRequest): boolean {
    if (!this.child.connected) return false;
    try {
      this.child.send(request);
      return true;
    } catch {
      return false;
    }
  }

  /** Fails every answer still owed (the process stopped); what waited for a warm-up, a figure or drafts goes on. */
  failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    for (const queue of Object.values(this.waiting)) for (const { resolve, gone } of queue.splice(0)) resolve(gone as never);
  }

  /** Sends a request the process replies to in turn; `gone` when it is not there to reply. */
  ask<T>(type: Asked, gone: T): Promise<T> {
    return new Promise<T>((resolve) => {
      const queue = this.waiting[type];
      queue.push({ resolve, gone });
      if (!this.send({ type })) queue.pop()!.resolve(gone as never);
    });
  }

  /** The reply to the oldest request of this kind. */
  replied(type: Asked, value: unknown): void {
    this.waiting[type].shift()?.resolve(value as never);
  }
}

/** The requests a record process replies to with a message of its own (finished, loop, drafts). */
type Asked = 'finish' | 'loop' | 'drafts';

type DraftList = Extract<HostMessage, { type: 'drafts' }>['drafts'];

/** A Buffer again: the channel gives a picture's bytes back as a plain Uint8Array. */
function withBuffers(answer: Answer): Answer {
  if ((answer.kind !== 'message' && answer.kind !== 'update') || !answer.payload.files) return answer;
  const payload: MessagePayload = { ...answer.payload, files: answer.payload.files.map((f) => ({ ...f, data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength) })) };
  return { ...answer, payload };
}

/**
 * The record in a process of its own (RECORD_HOST=process; the default for a big record). The door's process holds
 * only the door — the gateway connection or the HTTP server — and sends each interaction over; a reload starts a
 * second record process, which loads and builds the new record in its own heap while the first goes on answering,
 * and the door switches to it in one assignment. At a million entries, building the replacement in the serving
 * heap held the door 60–530 ms at a time in the collector (README, Performance); here neither the door nor the
 * serving record allocates it. A worker thread holding the record was tried first: it took 14.4 s to start at a
 * million entries against 8.2 s in the door's process (one run each), and shares the process's memory map and the
 * collector's helper threads.
 */
export class ProcessHost implements RecordHost, Reloadable {
  private serving: Holder;
  private next = 1;
  private stopped = false;
  private restarting = false;

  private constructor(
    private readonly job: Omit<HostJob, 'warm'>,
    private readonly logger: Logger,
    first: Holder,
  ) {
    this.serving = first;
    this.watch(first);
  }

  /** Starts the record process; resolves once it answers, rejects (DataError for bad data) if it cannot load. */
  static async start(job: Omit<HostJob, 'warm'>, logger: Logger): Promise<ProcessHost> {
    return new ProcessHost(job, logger, await spawn({ ...job, warm: false }));
  }

  get watchedFile(): null {
    return null; // the store reports its own changes to the record process
  }

  answer(input: InteractionInput): Promise<Answer> {
    const holder = this.serving;
    const id = this.next++;
    return new Promise<Answer>((resolve, reject) => {
      holder.pending.set(id, { resolve: (answer) => resolve(withBuffers(answer)), reject });
      if (holder.send({ type: 'answer', id, input })) return;
      holder.pending.delete(id);
      reject(new Error("the record's process is not running"));
    });
  }

  status(): HostStatus {
    return { ...this.serving.status, answering: this.serving.running && !this.restarting };
  }

  /**
   * The warm-up that can wait until the door answers (lists, contact book, start-up cache), in the record process;
   * resolves when it is done (or the process has ended).
   */
  finish(): Promise<void> {
    return this.serving.ask<void>('finish', undefined);
  }

  /** The longest the serving record process's event loop was held since last asked (for the bench). */
  longestPause(): Promise<number> {
    return this.serving.ask('loop', Number.NaN);
  }

  /**
   * Loads the record again in a new process, fully warmed up, and answers from it once it is ready; the old one
   * finishes what it owes and closes. A failure leaves the old one answering.
   */
  async reload(warm = true): Promise<{ file: string; entries: number }> {
    const holder = await spawn({ ...this.job, warm });
    if (this.stopped) {
      holder.child.kill('SIGKILL');
      throw new Error('the door is stopping');
    }
    const old = this.serving;
    // The /log forms kept for "open the form again" move with the record (a reload in the door's process keeps them).
    holder.send({ type: 'adopt', drafts: await old.ask<DraftList>('drafts', []) });
    this.serving = holder;
    this.watch(holder);
    this.retire(old);
    return { file: this.job.databaseFile, entries: holder.status.entries };
  }

  /** Closes the store and ends the record process. */
  async stop(): Promise<void> {
    this.stopped = true;
    const { child } = this.serving;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.retire(this.serving);
    await exited;
  }

  /** Answers, status and an unexpected end of a process that has said ready. */
  private watch(holder: Holder): void {
    holder.child.on('message', (message: HostMessage) => {
      switch (message.type) {
        case 'answer':
        case 'failed': {
          const pending = holder.pending.get(message.id);
          holder.pending.delete(message.id);
          if (message.type === 'answer') pending?.resolve(message.answer);
          else pending?.reject(new Error(message.message));
          if (holder.retiring && holder.pending.size === 0) holder.send({ type: 'close' });
          break;
        }
        case 'drafts':
          holder.replied('drafts', message.drafts);
          break;
        case 'loop':
          holder.replied('loop', message.longestMs);
          break;
        case 'finished':
          holder.replied('finish', undefined);
          break;
        default:
          break;
      }
    });
    holder.child.on('error', (error) => this.logger.error({ err: String(error?.stack ?? error) }, "the record's process failed"));
    holder.child.on('exit', (code, signal) => {
      holder.failAll(new Error(`the record's process stopped (${signal ?? `exit code ${code}`})`));
      if (holder !== this.serving || this.stopped) return;
      // The serving process died: answers fail (each door apologises, the health check says 503) until a new one
      // answers; it is started again until one does, waiting longer after each failure.
      this.logger.error({ code, signal }, "the record's process stopped; loading the record again");
      void this.restart();
    });
  }

  private async restart(): Promise<void> {
    this.restarting = true;
    for (let wait: number = RESTART_MS[0]; !this.stopped; wait = Math.min(wait * 2, RESTART_MS[1])) {
      try {
        // Answering first and warming up after, as at start: the door has been without answers already.
        await this.reload(false);
        this.restarting = false;
        void this.finish();
        return;
      } catch (error) {
        this.logger.error({ err: String((error as Error)?.message ?? error), retryInMs: wait }, 'cannot load the record again');
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
      }
    }
  }

  /** Lets a process finish the answers it owes, then closes its store; stops it if that takes too long. */
  private retire(holder: Holder): void {
    holder.retiring = true;
    if (holder.pending.size === 0) holder.send({ type: 'close' });
    const timer = setTimeout(() => holder.child.kill('SIGKILL'), RETIRE_MS);
    timer.unref();
    holder.child.once('exit', () => clearTimeout(timer));
  }
}

/** A new record process, once it has loaded the record and said ready; rejects with what stopped it. */
function spawn(job: HostJob): Promise<Holder> {
  const fromSources = import.meta.url.endsWith('.ts');
  const file = fileURLToPath(new URL(`./record-process.${fromSources ? 'ts' : 'js'}`, import.meta.url));
  const env = { ...process.env };
  for (const secret of SECRETS) delete env[secret];
  const child = fork(file, [JSON.stringify(job)], {
    // 'advanced': the structured clone, as between threads (a picture's bytes, typed arrays), not JSON.
    serialization: 'advanced',
    env,
    execArgv: [...(fromSources ? ['--import', 'tsx'] : []), ...process.execArgv.filter((flag) => HEAP_FLAG.test(flag))],
  });
  const holder = new Holder(child);
  return new Promise((resolve, reject) => {
    const settle = (error: Error | null) => {
      child.off('message', first);
      child.off('error', failed);
      child.off('exit', exited);
      if (error) {
        child.kill('SIGKILL');
        reject(error);
      } else resolve(holder);
    };
    const first = (message: HostMessage) => {
      if (message.type === 'ready') settle(null);
      else if (message.type === 'error') settle(message.problems ? new DataError(job.databaseFile, message.problems) : new Error(message.message));
    };
    const failed = (error: Error) => settle(error);
    const exited = (code: number | null, signal: string | null) => settle(new Error(`the record's process stopped while loading (${signal ?? `exit code ${code}`})`));
    child.on('message', first);
    child.once('error', failed);
    child.once('exit', exited);
  });
}
