// A second process on a store, for test/store.test.ts. Usage: store-writer.ts DB_FILE once ID | many PREFIX
// "once" adds one entry and prints its id; "many" adds entries until killed, printing each id after its commit.
import { readFileSync } from 'node:fs';
import type { Entry } from '../../src/data/schema.js';
import { openStore } from '../../src/store/store.js';

const [file, mode, name] = process.argv.slice(2);
if (!file || !name || (mode !== 'once' && mode !== 'many')) throw new Error('usage: store-writer.ts DB_FILE once ID | many PREFIX');
const template = (JSON.parse(readFileSync(new URL('../../data/activities.json', import.meta.url), 'utf8')) as { entries: Entry[] }).entries[0]!;
const store = await openStore(file, { pollMs: 0 });
const author = { id: `pid-${process.pid}`, name: 'writer process' };
console.log(`ready ${store.entries().length}`);
if (mode === 'once') {
  store.add({ ...template, id: name }, author);
  console.log(name);
  store.close();
} else {
  for (let i = 1; ; i++) {
    const id = `${name}-${i}`;
    store.add({ ...template, id }, author);
    // Written only after add() returned, i.e. after the commit: every id printed is an acknowledged write.
    process.stdout.write(`${id}\n`);
    // Let the output drain, so the parent reads ids while the writes go on.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
