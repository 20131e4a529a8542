import fc from 'fast-check';
import { COMMAND_SPECS } from '../../src/commands/registry.js';
import { textOption } from '../../src/commands/spec.js';

/** Pieces people (and attackers) paste into chat: markdown, mentions, regex and JSON, invisible marks, emoji. */
const PIECES = [
  '', ' ', '\t', '   ', 'Motala', 'Älvsjö', 'alvsjo', 'projektledare', 'våren 2017', '2016–2018', 'medborgarservice',
  '@everyone', '@here', '<@123456789012345678>', '<@!123456789012345678>', '<@&123456789012345678>', '<#123456789012345678>',
  '**bold**', '__u__', '~~s~~', '`code`', '```block```', '||spoiler||', '> quote', '# heading', '- item', '1. item', '[x](https://example.com)',
  '.*+?^${}()|[]\\', '(?<=x)', '\\d+', '{"a": 1}', '[1, 2', 'null', '"', "'", '</script>', '%s%n',
  '\u200b', '\u200d', '\u200f', '\u202e', '\ufeff', 'A\u0308lvsjo\u0308', 'Mo\u0301tala', '😀', '👍🏽', '🇸🇪', '\u0000', '\u0007', '\u001b[31m', '\u0085',
];

/** Hostile text: arbitrary code points, pieces glued together, and the longest strings Discord allows. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((xs) => xs.join(fc.sample(fc.constantFrom('', ' ', '  '), 1)[0])) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 5990, maxLength: 6000 }) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(6000), '@everyone '.repeat(600), 'å'.repeat(6000), ' '.repeat(6000), '😀'.repeat(3000)) },
);

/** Generated inputs per command and option and door: FUZZ_RUNS, else a quick 100 (CI runs the full 1,000). */
export const RUNS = Number(process.env.FUZZ_RUNS) || 100;

/** Every command with its text option, and every autocomplete option, from the command specs. */
export const COMMAND_OPTIONS: [string, string | null][] = COMMAND_SPECS.map((s) => [s.name, textOption(s)?.name ?? null]);
export const AUTOCOMPLETE_OPTIONS: [string, string][] = COMMAND_SPECS.flatMap((s) => s.options.filter((o) => o.autocomplete).map((o): [string, string] => [s.name, o.name]));

/** Text Discord would render as a ping or a mention if allowed_mentions did not stop it. */
export function hasLiveMention(text: string): boolean {
  return /@(everyone|here)\b|<@[!&]?\d|<#\d/.test(text);
}

export function allText(payload: { content?: string; embeds?: { title?: string; description?: string; footer?: { text: string }; fields?: { name: string; value: string }[] }[] }): string {
  return [payload.content ?? '', ...(payload.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])].join('\n');
}
