/** Small helpers for timing: percentiles over samples in milliseconds. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface Stat {
  n: number;
  min: number;
  p50: number;
  p99: number;
  max: number;
}

export function stat(samples: number[]): Stat {
  return { n: samples.length, min: Math.min(...samples), p50: percentile(samples, 50), p99: percentile(samples, 99), max: Math.max(...samples) };
}

export function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

export function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  // Typed arrays (the compact postings, the autocomplete columns' bitmaps) live outside the V8 heap: counted too.
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1e6;
}

/**
 * The heap once garbage is really gone. One collection's figure can still count what it freed: read just after
 * gc(), the heap at 100,000 entries once read 252 MB and, the next moment, 170 MB (the figures of runs of the same
 * code varied by 15 MB). A second and a third collection's figure no longer moves.
 */
export function settledHeapMB(): number {
  heapMB();
  heapMB();
  return heapMB();
}

export const ms = (v: number) => (Number.isNaN(v) ? '–' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : v >= 10 ? `${v.toFixed(0)} ms` : `${v.toFixed(2)} ms`);
