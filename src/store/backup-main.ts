// `npm run backup [-- TARGET.db]`: an online copy of the store (the bot may keep running), into backups/ beside it
// unless a target is given.
import { existsSync } from 'node:fs';
import { config } from 'dotenv';
import { DataError } from '../data/load.js';
import { databaseFilePath } from './path.js';
import { openStore } from './store.js';

config({ quiet: true });
const file = databaseFilePath();
const target = process.argv[2];
try {
  if (!existsSync(file)) throw new DataError(file, ['no database here yet (it is created on first start); set DATABASE_FILE to back up another']);
  const store = await openStore(file, { pollMs: 0 });
  try {
    const written = await store.backup(target);
    console.log(`Backed up ${store.file} (${store.entries().length} entries) to ${written}`);
  } finally {
    store.close();
  }
} catch (error) {
  console.error(error instanceof DataError ? error.message : String(error));
  process.exitCode = 1;
}
