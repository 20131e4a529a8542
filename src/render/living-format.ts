import type { Provenance } from '../commands/reply.js';
import type { Locale } from '../i18n.js';
import { living } from '../living/text.js';
import type { Report } from '../report/build.js';

/** "2018-05-14 09:30" in Swedish time: when an entry was added, as a reader in the project would say it. */
export function when(iso: string): string {
  return new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/** "Added by Anna, 2018-05-14 09:30 · corrected by Lars, …" */
export function provenanceLine(p: Provenance, locale: Locale): string {
  const m = living(locale);
  const added = m.addedBy(p.addedBy, when(p.addedAt));
  return p.updatedBy && p.updatedAt && p.updatedAt !== p.addedAt ? `${added} · ${m.updatedBy(p.updatedBy, when(p.updatedAt))}` : added;
}

/** The message line that goes with the report's files. */
export function reportLine(report: Report, locale: Locale): string {
  return living(locale).reportFiles(report.title, report.entries);
}
