/**
 * Makes text inert in a Discord message: markdown is escaped and mentions are broken with a zero-width space,
 * so "@everyone", "<@123>" or "**x**" typed by a user shows as typed and pings nobody — on top of
 * `allowed_mentions: { parse: [] }`, which already stops every ping.
 */
export function escapeDiscord(text: string): string {
  return (
    text
      // Inline markdown: bold/italic, underline, strike, code, spoilers, masked links.
      .replace(/[\\*_~`|[\]]/g, (c) => `\\${c}`)
      // Line-start markdown: headings, quotes, lists.
      .replace(/^(\s*)([#>+-]|\d+\.)/gm, (_m, space: string, mark: string) => `${space}\\${mark}`)
      // Mentions (@everyone, @here, <@id>, <@&id>, <#id>) and custom emoji.
      .replace(/@/g, '@\u200b')
      .replace(/</g, '<\u200b')
  );
}
