import { fileURLToPath } from 'node:url';

export const DEFAULT_DATABASE_FILE = fileURLToPath(new URL('../../data/projektminne.db', import.meta.url));

/** The database to use: an explicit path, else DATABASE_FILE, else data/projektminne.db. */
export function databaseFilePath(explicit?: string): string {
  return explicit || process.env.DATABASE_FILE || DEFAULT_DATABASE_FILE;
}
