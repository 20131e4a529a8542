import type { $ZodIssue } from 'zod/v4/core';
import { toDotPath } from 'zod/v4/core';
import { DataError } from '../data/load.js';

/** An entry the store refuses: names the entry and every field that is wrong, so a form can point at them. */
export class EntryError extends DataError {
  constructor(
    file: string,
    readonly entryId: string | null,
    /** Dotted paths of the fields that are wrong ("places[0].county"); "" for the entry as a whole. */
    readonly fields: string[],
    problems: string[],
  ) {
    super(file, problems);
    this.name = 'EntryError';
  }

  static fromIssues(file: string, entryId: string | null, issues: readonly $ZodIssue[]): EntryError {
    const fields = issues.map((issue) => toDotPath(issue.path));
    const who = entryId ? `entry ${entryId}` : 'entry';
    const problems = issues.map((issue, i) => `${who}, ${fields[i] ? `field ${fields[i]}` : 'top level'}: ${issue.message}`);
    return new EntryError(file, entryId, [...new Set(fields)], problems);
  }
}

export type StoreErrorCode = 'not-found' | 'exists' | 'removed' | 'not-removed';

/** A change that does not fit the entry's state: unknown id, id taken, already removed, not removed. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    readonly entryId: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
