/** Lets timers and I/O run: pending interactions are answered between the steps of a long build. */
export const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Paces a long loop on a serving thread by time rather than by a count of items: a fixed count is a couple of
 * milliseconds on an idle machine and hundreds under load (500 documents took 80–400 ms on a busy two-core box).
 * The loop asks `due()` at every item; the clock is read every `every` items only, so asking costs next to nothing.
 */
export class Pacer {
  private since = performance.now();
  private n = 0;

  constructor(
    /** How long the loop may hold the thread before it pauses: well inside the 50 ms a request may wait. */
    private readonly sliceMs = 8,
    private readonly every = 16,
  ) {}

  /** Whether the slice is used up: then `await pause()` before going on. */
  due(): boolean {
    if (++this.n < this.every) return false;
    this.n = 0;
    return performance.now() - this.since >= this.sliceMs;
  }

  /** Lets timers and I/O run (pending requests are answered), and starts a new slice. */
  async pause(): Promise<void> {
    await pause();
    this.since = performance.now();
  }

  /** Pauses only if the slice is used up. */
  async step(): Promise<void> {
    if (this.due()) await this.pause();
  }
}

/** Runs a generator of steps to its end at once (the sync path of a build that is also done in paced steps). */
export function runSteps<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs a generator of steps, pausing between them whenever the pacer's slice is used up. */
export async function runStepsPaced<T>(steps: Generator<unknown, T>, pacer = new Pacer(8, 1)): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (pacer.due()) await pacer.pause();
  }
}

/**
 * A stable merge sort in steps (a yield every few dozen elements placed), so a list of 100,000 can be sorted on a
 * serving thread without one long hold; the same order as Array.prototype.sort, which is stable too.
 */
export function* sortSteps<T>(items: T[], compare: (a: T, b: T) => number): Generator<void, T[]> {
  const RUN = 512;
  const n = items.length;
  let from = items.slice();
  for (let i = 0; i < n; i += RUN) {
    const run = from.slice(i, i + RUN).sort(compare);
    for (let k = 0; k < run.length; k++) from[i + k] = run[k]!;
    yield;
  }
  let to: T[] = new Array<T>(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let a = lo;
      let b = mid;
      for (let k = lo; k < hi; k++) {
        // Ties take the left run first: stable.
        to[k] = a < mid && (b >= hi || compare(from[b]!, from[a]!) >= 0) ? from[a++]! : from[b++]!;
        if ((k & 63) === 63) yield;
      }
    }
    [from, to] = [to, from];
  }
  return from;
}
