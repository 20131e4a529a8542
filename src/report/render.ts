import { fold } from '../search/text.js';
import type { Report } from './build.js';
import { reportDocx } from './docx.js';
import { reportMarkdown, reportText } from './text.js';

export const REPORT_FORMATS = ['md', 'txt', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** "genomforda-aktiviteter-inom-projektet-2016-2018.docx": a file name from the title, safe everywhere. */
export function reportFileName(report: Report, format: ReportFormat): string {
  return `${fold(report.title).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.${format}`;
}

/** The report as a file (for an attachment or a file on disk): its name and bytes. */
export async function renderReport(report: Report, format: ReportFormat): Promise<{ fileName: string; data: Buffer }> {
  const data = format === 'docx' ? await reportDocx(report) : Buffer.from(format === 'md' ? reportMarkdown(report) : reportText(report), 'utf8');
  return { fileName: reportFileName(report, format), data };
}
