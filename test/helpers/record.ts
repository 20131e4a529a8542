import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findCommand, runCommand } from '../../src/commands/registry.js';
import type { Reply } from '../../src/commands/reply.js';
import type { CommandSpec } from '../../src/commands/spec.js';
import { loadRecordFile } from '../../src/data/load.js';
import type { Entry, RecordFile } from '../../src/data/schema.js';
import type { Locale } from '../../src/i18n.js';
import { RecordIndex } from '../../src/search/engine.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const record: RecordFile = loadRecordFile();
export const index = new RecordIndex(record);
export const recordText = readFileSync(new URL('../../data/record.txt', import.meta.url), 'utf8');

/** A command's spec by its name; throws for an unknown name so a typo in a test fails loudly. */
export function command(name: string): CommandSpec {
  const spec = findCommand(name);
  if (!spec) throw new Error(`no command ${name}`);
  return spec;
}

export function run(name: string, text: string, locale: Locale = 'en', kind?: Entry['kind'], isPrivate = false): Reply {
  return runCommand(command(name), { text, kind, private: isPrivate }, index, locale);
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
