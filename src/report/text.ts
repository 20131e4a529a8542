import type { Block, Report } from './build.js';

function blockLines(block: Block, item: (line: string) => string = (l) => l): string[] {
  return block.head === null ? block.lines : [block.head, ...block.lines.map(item)];
}

/** Plain text in the record's own layout: title, blank line, paragraphs, headings standing alone. */
export function reportText(report: Report): string {
  const out = [report.title, ''];
  for (const section of report.sections) {
    if (section.heading) out.push(section.heading, '');
    for (const block of section.blocks) out.push(...blockLines(block), '');
  }
  return out.join('\n');
}

// Characters that would turn record text into Markdown formatting ("*", "_", "#" at a line's start, links…).
const MARKDOWN = /[\\`*_[\]<>#|~]/g;
const md = (s: string) => s.replace(MARKDOWN, '\\$&').replace(/^(\d+)\./, '$1\\.').replace(/^([-+]) /, '\\$1 ');

/** Markdown: the title a heading, sections subheadings, a lead-in's items a list, every other activity a paragraph. */
export function reportMarkdown(report: Report): string {
  const out = [`# ${md(report.title)}`, ''];
  for (const section of report.sections) {
    if (section.heading) out.push(`## ${md(section.heading)}`, '');
    for (const block of section.blocks) {
      if (block.head === null) block.lines.forEach((line) => out.push(md(line), ''));
      else out.push(md(block.head), '', ...block.lines.map((line) => `- ${md(line)}`), '');
    }
  }
  return out.join('\n');
}
