import { mkdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Database } from 'better-sqlite3';

/** Where backups go unless told otherwise: a backups/ folder beside the database. */
export function defaultBackupDir(file: string): string {
  return join(dirname(file), 'backups');
}

/** "projektminne-2026-05-01T10-15-00-123Z-before-002-add-tags.db": sorts by time, says why it was taken. */
export function backupFileName(file: string, reason: string, at: Date = new Date()): string {
  const stem = basename(file, extname(file));
  return `${stem}-${at.toISOString().replace(/:/g, '-').replace('.', '-')}-${reason}.db`;
}

/**
 * Copies the database with SQLite's online backup API: readers and writers in this and other processes carry on
 * while the pages are copied, and the copy is one consistent state (WAL content included).
 */
export async function backupDatabase(db: Database, target: string): Promise<string> {
  mkdirSync(dirname(target), { recursive: true });
  await db.backup(target);
  return target;
}
