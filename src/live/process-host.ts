import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { DataError } from '../data/load.js';
import type { Answer, InteractionInput } from '../interactions/answer.js';
import type { MessagePayload } from '../render/fit.js';
import type { HostStatus, RecordHost } from './host.js';
import type { HostJob, HostMessage, HostRequest } from './record-process.js';
import type { Reloadable } from './watch.js';

/** How long a retired record process may take to finish the answers it owes before it is stopped. */
const RETIRE_MS = 10_000;

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
  readonly loops: ((ms: number) => void)[] = [];
  readonly finishing: (() => void)[] = [];
  retiring = false;

  constructor(
    readonly child: ChildProcess,
    public status: HostStatus,
  ) {}

  send(request: HostRequest): void {
    if (this.child.connected) this.child.send(request);
  }

  /** Fails every answer still owed (the process stopped); what waited for a warm-up or a figure goes on. */
  failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    for (const done of this.finishing.splice(0)) done();
    for (const done of this.loops.splice(0)) done(Number.NaN);
  }
}

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
 * serving record allocates it. A thread would not do: a worker thread of the same process was a third slower to
 * start (its isolate's heap), and shares the process's memory map and the collector's helper threads.
 */
export class ProcessHost implements RecordHost, Reloadable {
  private serving: Holder;
  private next = 1;
  private stopped = false;

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
      if (!holder.child.connected) return reject(new Error("the record's process is not running"));
      holder.pending.set(id, { resolve: (answer) => resolve(withBuffers(answer)), reject });
      holder.send({ type: 'answer', id, input });
    });
  }

  status(): HostStatus {
    return this.serving.status;
  }

  /**
   * The warm-up that can wait until the door answers (lists, contact book, start-up cache), in the record process;
   * resolves when it is done (or the process has ended).
   */
  finish(): Promise<void> {
    const holder = this.serving;
    return new Promise((resolve) => {
      holder.finishing.push(resolve);
      holder.send({ type: 'finish' });
    });
  }

  /** The longest the serving record process's event loop was held since last asked (for the bench). */
  longestPause(): Promise<number> {
    const holder = this.serving;
    return new Promise((resolve) => {
      holder.loops.push(resolve);
      holder.send({ type: 'loop' });
    });
  }

  /**
   * Loads the record again in a new process, fully warmed up, and answers from it once it is ready; the old one
   * finishes what it owes and closes. A failure leaves the old one answering.
   */
  async reload(): Promise<{ file: string; entries: number }> {
    const holder = await spawn({ ...this.job, warm: true });
    if (this.stopped) {
      holder.child.kill('SIGKILL');
      throw new Error('the door is stopping');
    }
    const old = this.serving;
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
        case 'status':
          holder.status = message.status;
          break;
        case 'loop':
          holder.loops.shift()?.(message.longestMs);
          break;
        case 'finished':
          holder.finishing.shift()?.();
          break;
        default:
          break;
      }
    });
    holder.child.on('error', (error) => this.logger.error({ err: String(error?.stack ?? error) }, "the record's process failed"));
    holder.child.on('exit', (code, signal) => {
      holder.failAll(new Error(`the record's process stopped (${signal ?? `exit code ${code}`})`));
      if (holder !== this.serving || this.stopped) return;
      // The serving process died: answers fail (each door apologises) until a new one is ready.
      this.logger.error({ code, signal }, "the record's process stopped; loading the record again");
      this.reload().catch((error: unknown) => this.logger.fatal({ err: String((error as Error)?.message ?? error) }, 'cannot load the record again'));
    });
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
  const child = fork(file, [JSON.stringify(job)], {
    // 'advanced': the structured clone, as between threads (a picture's bytes, typed arrays), not JSON.
    serialization: 'advanced',
    execArgv: [...(fromSources ? ['--import', 'tsx'] : []), ...process.execArgv.filter((flag) => HEAP_FLAG.test(flag))],
  });
  return new Promise((resolve, reject) => {
    const settle = (error: Error | null, status?: HostStatus) => {
      child.off('message', first);
      child.off('error', failed);
      child.off('exit', exited);
      if (error) {
        child.kill('SIGKILL');
        reject(error);
      } else resolve(new Holder(child, status!));
    };
    const first = (message: HostMessage) => {
      if (message.type === 'ready') settle(null, message.status);
      else if (message.type === 'error') settle(message.problems ? new DataError(job.databaseFile, message.problems) : new Error(message.message));
    };
    const failed = (error: Error) => settle(error);
    const exited = (code: number | null, signal: string | null) => settle(new Error(`the record's process stopped while loading (${signal ?? `exit code ${code}`})`));
    child.on('message', first);
    child.once('error', failed);
    child.once('exit', exited);
  });
}
