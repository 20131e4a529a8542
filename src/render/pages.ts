import { DISCORD } from '../limits.js';
import { type EmbedField, truncate } from './fit.js';

/** A titled list, one item a line (already escaped for Discord). */
export interface Section {
  name: string;
  lines: string[];
  inline?: boolean;
}

/**
 * The sections as embed fields of at most Discord's 1024 characters, split only between lines: a list never loses
 * a word to a cut. A section that needs more than one field goes on under `continued(name)`. Only a single line
 * longer than a whole field (which the record's 200-character titles cannot make) is shortened.
 */
export function sectionFields(sections: readonly Section[], continued: (name: string) => string): EmbedField[] {
  const fields: EmbedField[] = [];
  for (const section of sections) {
    let value = '';
    const flush = () => {
      if (!value) return;
      const first = !fields.some((f) => f.name === section.name);
      fields.push({ name: first ? section.name : continued(section.name), value, inline: section.inline ?? false });
      value = '';
    };
    for (const raw of section.lines) {
      const line = truncate(raw, DISCORD.embedFieldValue);
      if (value && value.length + 1 + line.length > DISCORD.embedFieldValue) flush();
      value = value ? `${value}\n${line}` : line;
    }
    flush();
  }
  return fields;
}

/**
 * Fields grouped into pages, in order: each page at most `characters` of field names and values and Discord's 25
 * fields. Every field lands on exactly one page, so every line of every list is on some page.
 */
export function pageFields(fields: readonly EmbedField[], characters: number): EmbedField[][] {
  const pages: EmbedField[][] = [[]];
  let size = 0;
  for (const field of fields) {
    const cost = field.name.length + field.value.length;
    const page = pages.at(-1)!;
    if (page.length > 0 && (size + cost > characters || page.length >= DISCORD.embedFields)) {
      pages.push([field]);
      size = cost;
    } else {
      page.push(field);
      size += cost;
    }
  }
  return pages;
}
