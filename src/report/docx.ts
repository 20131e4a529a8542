import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import type { Report } from './build.js';

/** The report as a Word document: title, section headings, a paragraph per activity, lead-in items indented. */
export async function reportDocx(report: Report): Promise<Buffer> {
  const children: Paragraph[] = [new Paragraph({ text: report.title, heading: HeadingLevel.HEADING_1 })];
  for (const section of report.sections) {
    if (section.heading) children.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_2 }));
    for (const block of section.blocks) {
      if (block.head === null) block.lines.forEach((text) => children.push(new Paragraph({ text, spacing: { after: 160 } })));
      else {
        children.push(new Paragraph({ text: block.head }));
        block.lines.forEach((text, i) => children.push(new Paragraph({ text, indent: { left: 360 }, spacing: { after: i === block.lines.length - 1 ? 160 : 0 } })));
      }
    }
  }
  const doc = new Document({ title: report.title, creator: 'Projektminne', sections: [{ children }] });
  return Packer.toBuffer(doc);
}
