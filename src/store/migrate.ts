import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { DataError } from '../data/load.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  file: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.sql$/;

/** The migrations in a folder, by version. Versions must run 1, 2, 3… without gaps or repeats. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const found = readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .map((name) => {
      const m = MIGRATION_FILE.exec(name);
      if (!m) throw new DataError(join(dir, name), ['a migration file must be named NNN-name.sql (e.g. 002-add-tags.sql)']);
      return { version: Number(m[1]), name: m[2]!, file: join(dir, name), sql: readFileSync(join(dir, name), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  found.forEach((migration, i) => {
    if (migration.version !== i + 1) throw new DataError(migration.file, [`expected version ${String(i + 1).padStart(3, '0')} here: versions run 001, 002, … without gaps or repeats`]);
  });
  return found;
}

/** The schema version the database is at (0 for a new file). */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export interface MigrateOptions {
  file: string;
  migrations: Migration[];
  /** Called before each migration of a database that already holds a schema; resolves once the copy is complete. */
  backupBefore(migration: Migration): Promise<unknown>;
}

/**
 * Brings the schema up to date, one migration per transaction: the migration's SQL, its row in schema_migrations
 * and the new user_version commit together or not at all. A second process starting at the same moment waits on
 * the write lock and then finds the work done.
 */
export async function migrate(db: Database, options: MigrateOptions): Promise<Migration[]> {
  const latest = options.migrations.length;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new DataError(options.file, [`the database is at schema version ${current}, newer than this program knows (${latest}): update the program`]);
  }
  const applied: Migration[] = [];
  for (const migration of options.migrations.slice(current)) {
    // A brand-new file has nothing to lose, nor after its first migrations of this run; anything else is copied
    // before its schema changes.
    if (current > 0) await options.backupBefore(migration);
    const step = db.transaction(() => {
      if (schemaVersion(db) >= migration.version) return false;
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    try {
      if (step.immediate()) applied.push(migration);
    } catch (error) {
      throw new DataError(migration.file, [`migration failed, nothing of it was applied: ${(error as Error).message}`]);
    }
  }
  return applied;
}
