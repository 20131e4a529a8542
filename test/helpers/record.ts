import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCommand } from '../../src/commands/index.js';
import type { CommandName, Reply } from '../../src/commands/reply.js';
import { loadRecordFile } from '../../src/data/load.js';
import type { Entry, RecordFile } from '../../src/data/schema.js';
import type { Locale } from '../../src/i18n.js';
import { RecordIndex } from '../../src/search/engine.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const record: RecordFile = loadRecordFile();
export const index = new RecordIndex(record);
export const recordText = readFileSync(new URL('../../data/record.txt', import.meta.url), 'utf8');

export function run(name: CommandName, text: string, locale: Locale = 'en', kind?: Entry['kind']): Reply {
  return runCommand(name, { text, kind }, index, locale);
}

/** Ids of the entries a reply lists, in order. */
export function ids(reply: Reply): string[] {
  if (reply.type === 'entries' || reply.type === 'summary') return reply.entries.map((e) => e.id);
  if (reply.type === 'entry') return [reply.entry.id];
  if (reply.type === 'contacts') return reply.contacts.flatMap((c) => c.entries.map((e) => e.id));
  return [];
}

export function searchIds(query: string): string[] {
  return index.search(query).hits.map((h) => h.entry.id);
}

/** A minimal valid entry for building small test records. */
export function makeEntry(id: string, overrides: Partial<Entry> = {}): Entry {
  return {
    id,
    kind: 'visit',
    period: { label: 'Våren 2017', start: '2017-01', end: '2017-06' },
    section: 'Test',
    title: `Besök ${id}`,
    summary: 'A test entry.',
    places: [],
    organisations: [],
    topics: [],
    people: [],
    source: `Besök ${id}.`,
    ...overrides,
  };
}

export function makeIndex(entries: Entry[]): RecordIndex {
  return new RecordIndex({ record: { title: 'Test', sections: ['Test'] }, entries });
}
