import { RecordIndex } from '../search/engine.js';
import { Suggester } from '../search/suggest.js';
import { loadRecordFile } from './load.js';

/** A loaded record with everything built from it. Replaced whole, never mutated, so a reader never sees half. */
export interface Loaded {
  file: string;
  index: RecordIndex;
  suggester: Suggester;
  loadedAt: Date;
}

export function loadIndexed(file: string): Loaded {
  const index = new RecordIndex(loadRecordFile(file));
  return { file, index, suggester: new Suggester(index), loadedAt: new Date() };
}

/** Holds the current record; a reload swaps it in one assignment, or throws and keeps the last good one. */
export class LiveRecord {
  constructor(private loaded: Loaded) {}

  get current(): Loaded {
    return this.loaded;
  }

  reload(): Loaded {
    const next = loadIndexed(this.loaded.file);
    this.loaded = next;
    return next;
  }
}
