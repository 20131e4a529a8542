import type { Reply } from '../commands/reply.js';
import { renderReport } from '../report/render.js';
import type { MessagePayload } from './fit.js';

const TYPES = { md: 'text/markdown; charset=utf-8', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } as const;

/**
 * A /report answer with its files: the report as Markdown and as Word (.docx), attached the way the timeline picture
 * is (withPicture), so every Discord door sends them as multipart. Other replies come back unchanged.
 */
export async function withReportFiles(payload: MessagePayload, reply: Reply): Promise<MessagePayload> {
  if (reply.type !== 'report') return payload;
  const files = await Promise.all((['md', 'docx'] as const).map(async (format) => ({ format, ...(await renderReport(reply.report, format)) })));
  const description = reply.report.title.slice(0, 1000);
  return {
    ...payload,
    files: files.map((f) => ({ name: f.fileName, data: f.data, contentType: TYPES[f.format], description })),
    attachments: files.map((f, i) => ({ id: String(i), filename: f.fileName, description })),
  };
}
