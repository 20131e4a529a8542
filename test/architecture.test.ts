import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usage } from '../src/cli/run.js';
import { COMMAND_SPECS, findCommand, parseCommandLine, runCommand } from '../src/commands/registry.js';
import { notice } from '../src/commands/reply.js';
import type { CommandSpec } from '../src/commands/spec.js';
import { discordDefinitions } from '../src/interactions/definitions.js';
import { renderDiscord } from '../src/render/discord.js';
import { renderText } from '../src/render/text.js';
import { command, index, ROOT } from './helpers/record.js';

const SRC = join(ROOT, 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

/** Every import of every source file: the folder it lives in (or a package name) → what it imports. */
const imports = filesUnder(SRC).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  const from = relative(SRC, file);
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map((m) => {
    const spec = m[1]!;
    const target = spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)) : spec;
    return { from, target };
  });
});

const layer = (path: string) => (path.includes('/') ? path.split('/')[0]! : path.replace(/\.(ts|js)$/, ''));
const DOORS = ['bot', 'http', 'cli'];
const DISCORD_PACKAGES = /^(discord\.js|discord-api-types|@discordjs\/)/;

function violations(fromLayers: string[], forbidden: (target: string) => boolean) {
  return imports.filter((i) => fromLayers.includes(layer(i.from)) && forbidden(i.target)).map((i) => `${i.from} → ${i.target}`);
}

describe('the layering, read from the import statements', () => {
  it('finds the imports it checks', () => {
    expect(imports.length).toBeGreaterThan(100);
    expect(imports).toContainEqual({ from: 'bot/gateway.ts', target: 'interactions/answer.js' });
  });

  it('no door imports another door', () => {
    for (const door of DOORS) expect(violations([door], (t) => DOORS.includes(layer(t)) && layer(t) !== door), door).toEqual([]);
  });

  it('commands, search and data import no door and no Discord package', () => {
    expect(violations(['commands', 'search', 'data'], (t) => DOORS.includes(layer(t)) || DISCORD_PACKAGES.test(t))).toEqual([]);
  });

  it('search imports no UI text, no Discord limits, nothing from commands or render', () => {
    expect(violations(['search'], (t) => ['i18n', 'limits', 'commands', 'render', 'interactions', 'autocomplete', 'live'].includes(layer(t)))).toEqual([]);
  });

  it('data imports nothing from search, render, commands or UI text', () => {
    expect(violations(['data'], (t) => ['search', 'render', 'commands', 'i18n', 'live', 'interactions', 'autocomplete'].includes(layer(t)))).toEqual([]);
  });

  it('questions are read and answered as data: no render, no UI text, no door, no Discord', () => {
    expect(violations(['question'], (t) => ['render', 'i18n', 'limits', 'interactions', 'live', 'commands'].includes(layer(t)) || DOORS.includes(layer(t)) || DISCORD_PACKAGES.test(t))).toEqual([]);
  });

  it('commands import nothing from render', () => {
    expect(violations(['commands'], (t) => ['render', 'interactions', 'live'].includes(layer(t)))).toEqual([]);
  });
});

describe('everything about a command comes from its spec', () => {
  const extra: CommandSpec = {
    name: 'stats',
    sv: 'statistik',
    code: 'z',
    description: { en: 'Counts of everything', sv: 'Antal av allt' },
    help: { en: 'Counts. `/stats`', sv: 'Antal. `/statistik`' },
    usage: '[period]',
    options: [{ role: 'text', name: 'period', sv: 'period', description: { en: 'A period', sv: 'En period' }, required: false, autocomplete: 'period' }],
    shareable: true,
    run: ({ text }, { locale }) => notice('stats', text, locale, 'counted'),
  };
  const specs = [...COMMAND_SPECS, extra];

  it('adding a spec adds a Discord command with its Swedish name, options and the private option', () => {
    const definition = discordDefinitions(specs).find((d) => d.name === 'stats');
    expect(definition).toMatchObject({ name_localizations: { 'sv-SE': 'statistik' }, description_localizations: { 'sv-SE': 'Antal av allt' } });
    expect(definition?.options?.map((o) => [o.name, o.name_localizations?.['sv-SE']])).toEqual([
      ['period', 'period'],
      ['private', 'privat'],
    ]);
    expect(discordDefinitions().map((d) => d.name)).toEqual(COMMAND_SPECS.map((s) => s.name));
  });

  it('adding a spec adds it to the terminal: usage and the command line in both languages', () => {
    expect(usage(specs)).toContain('  stats');
    expect(usage(specs)).toContain('statistik');
    expect(parseCommandLine('statistik 2017', specs).spec).toBe(extra);
    expect(findCommand('STATS', specs)).toBe(extra);
  });

  it('adding a spec adds it to help, in both languages and every renderer', () => {
    for (const locale of ['sv', 'en'] as const) {
      const reply = runCommand(command('help'), { text: '' }, index, locale, specs);
      expect(renderText(reply)).toContain(locale === 'sv' ? 'statistik' : 'stats');
      expect(renderDiscord(reply).embeds[0]!.fields!.map((f) => f.name)).toContain(locale === 'sv' ? '/statistik' : '/stats');
    }
  });

  it('every spec has a unique name, Swedish name and button code, and help in both languages', () => {
    for (const key of ['name', 'sv', 'code'] as const) expect(new Set(COMMAND_SPECS.map((s) => s[key])).size, key).toBe(COMMAND_SPECS.length);
    for (const s of COMMAND_SPECS) expect(s.help.sv, s.name).not.toBe(s.help.en);
  });
});
