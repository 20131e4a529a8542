import type { Reply } from '../commands/reply.js';
import { localName } from '../commands/spec.js';
import type { Entry } from '../data/schema.js';
import { KIND_LABELS, type Locale, t } from '../i18n.js';
import { TERMINAL_LIST_LIMIT } from '../limits.js';
import { reportText } from '../report/text.js';
import { provenanceLine } from './living-format.js';
import { contactEntryLine, contactHeadline, describeReply, entryHeadline, helpLine, placeText, personText, summaryLine, titleOf } from './format.js';

function entryBlock(entry: Entry, locale: Locale, full = false): string[] {
  const m = t(locale);
  const lines = [`■ ${entry.title}`, `  ${entryHeadline(entry, locale)}`];
  if (entry.places.length > 0) lines.push(`  ${m.places}: ${entry.places.map(placeText).join('; ')}`);
  if (entry.people.length > 0) lines.push(`  ${m.people}: ${entry.people.map(personText).join('; ')}`);
  if (full) {
    if (entry.organisations.length > 0) lines.push(`  ${m.organisations}: ${entry.organisations.join('; ')}`);
    if (entry.topics.length > 0) lines.push(`  ${m.topics}: ${entry.topics.join(', ')}`);
  }
  if (locale === 'en' || full) lines.push(`  ${entry.summary}`);
  lines.push(`  ${m.record}: “${entry.source}”`, `  ${m.entryId}: ${entry.id}`);
  return lines;
}

function limited<T>(items: T[], locale: Locale, render: (item: T) => string[]): string[] {
  const out = items.slice(0, TERMINAL_LIST_LIMIT).flatMap((item) => [...render(item), '']);
  if (items.length > TERMINAL_LIST_LIMIT) out.push(t(locale).more(items.length - TERMINAL_LIST_LIMIT), '');
  return out;
}

/** The reply as plain text for the terminal: the same content the bot posts, without Discord's markup. */
export function renderText(reply: Reply): string {
  const { locale } = reply;
  const m = t(locale);
  const description = describeReply(reply);
  const head = [titleOf(reply), ...(description ? [description] : []), ''];
  switch (reply.type) {
    case 'notice':
      return reply.title;
    case 'help':
      return [...head, ...reply.commands.map((spec) => `  ${localName(spec, locale).padEnd(15)} ${helpLine(spec, locale)}`)].join('\n');
    case 'entry':
      return [...head.slice(1), ...entryBlock(reply.entry, locale, true), ...(reply.provenance ? [`  ${provenanceLine(reply.provenance, locale)}`] : [])].join('\n');
    case 'report':
      return reportText(reply.report).trimEnd();
    case 'entries':
      return [...head, ...limited(reply.entries, locale, (e) => entryBlock(e, locale))].join('\n').trimEnd();
    case 'contacts':
      return [
        ...head,
        ...limited(reply.contacts, locale, (c) => [`■ ${contactHeadline(c, locale)}`, ...c.entries.map((e) => `  ${contactEntryLine(e, locale)}`)]),
      ]
        .join('\n')
        .trimEnd();
    case 'summary': {
      const f = reply.facts;
      return [
        ...head,
        `${m.byKind}:`,
        ...f.byKind.map((k) => `  ${KIND_LABELS[k.kind][locale]}: ${k.count}`),
        '',
        `${m.counties}: ${f.counties.map((c) => `${c.label} (${c.count})`).join(', ')}`,
        `${m.places}: ${f.places.map((p) => `${p.place.name} (${p.count})`).join(', ')}`,
        `${m.people}: ${f.people.map(personText).join('; ') || '–'}`,
        '',
        ...limited(reply.entries, locale, (e) => [`• ${summaryLine(e, locale)}`]),
      ]
        .join('\n')
        .trimEnd();
    }
  }
}
