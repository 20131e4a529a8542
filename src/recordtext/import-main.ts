// `npm run import -- FILE.txt [--apply] [--no-seed]`: reads a record written like data/record.txt and shows, as a
// diff, the entries it would add to the store (DATABASE_FILE); adds them only with --apply. A new store is seeded
// from DATA_FILE first, unless --no-seed (then the import starts an empty record).
import { basename } from 'node:path';
import { readFileSync } from 'node:fs';
import { config } from 'dotenv';
import { DataError, loadRecordFile } from '../data/load.js';
import { dataFilePath } from '../data/source.js';
import { databaseFilePath } from '../store/path.js';
import { openStore } from '../store/store.js';
import { formatImport } from './diff.js';
import { importRecordText } from './import.js';

config({ quiet: true });
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const apply = args.includes('--apply');
const seed = !args.includes('--no-seed');

if (!file) {
  console.error('usage: npm run import -- FILE.txt [--apply] [--no-seed]');
  process.exit(2);
}
try {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DataError(file, [`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  const reference = loadRecordFile(dataFilePath()).entries;
  const store = await openStore(databaseFilePath(), { seed: seed ? dataFilePath() : null, pollMs: 0 });
  try {
    const result = importRecordText(store, text, { apply, author: { id: 'import', name: `import ${basename(file)}` }, fileName: basename(file), reference });
    console.log(formatImport(result.plan, result.parsed.skipped));
    if (apply) console.log(`Added ${result.added.length} entries to ${store.file}.`);
    else if (result.plan.some((p) => !p.existing)) console.log('Nothing was added: run again with --apply to add them.');
  } finally {
    store.close();
  }
} catch (error) {
  console.error(error instanceof DataError ? error.message : String(error));
  process.exitCode = 1;
}
