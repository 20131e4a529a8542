import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { Reply } from '../commands/reply.js';
import { localName } from '../commands/spec.js';
import type { Entry, Kind } from '../data/schema.js';
import { KIND_COLOURS } from './colours.js';
import { timelinePngAsync } from './picture.js';
import { KIND_LABELS, type Locale, periodLabel, t } from '../i18n.js';
import { CONTACTS_PER_PAGE, DISCORD, PAGE_SIZE, SUMMARY_PAGE_CHARACTERS } from '../limits.js';
import type { Contact } from '../search/contacts.js';
import type { MonthSpan } from '../search/period.js';
import { askedLine, encodeState } from './custom-id.js';
import { provenanceLine, reportLine } from './living-format.js';
import { escapeDiscord as esc } from './escape.js';
import { type ActionRow, type Button, type Embed, fitMessage, type MessagePayload, truncate } from './fit.js';
import {
  activityLine,
  contactEntryLine,
  contactHeadline,
  datingNote,
  describeReply,
  entryContacts,
  entryHeadline,
  helpLine,
  isPerson,
  organisationText,
  personText,
  placeText,
  titleOf,
} from './format.js';
import { pageFields, type Section, sectionFields } from './pages.js';
import { answerText, readingLine } from './answer.js';

const BRAND = 0x3b6ea5;

export interface RenderOptions {
  page?: number;
  /** The `/search` kind filter, kept in button state. */
  kind?: Kind;
}

export const PICTURE_NAME = 'timeline.png';

/**
 * The message with the timeline picture attached, for /timeline and /summary answers (page turns keep the one the
 * message has). Rendered off the main thread; other replies come back unchanged.
 */
export async function withPicture(payload: MessagePayload, reply: Reply): Promise<MessagePayload> {
  if (!reply.span || (reply.type !== 'entries' && reply.type !== 'summary') || reply.entries.length === 0) return payload;
  const description = reply.title.slice(0, 1000);
  const data = await timelinePngAsync(reply.entries, reply.span, reply.locale, reply.title);
  return { ...payload, files: [{ name: PICTURE_NAME, data, contentType: 'image/png', description }], attachments: [{ id: '0', filename: PICTURE_NAME, description }] };
}

function entryEmbed(entry: Entry, locale: Locale, span: MonthSpan | undefined, full = false): Embed {
  const m = t(locale);
  const note = datingNote(entry, span, locale);
  const fields = [
    { name: m.period, value: esc(periodLabel(entry.period, locale)) + (note ? `\n_${esc(note)}_` : ''), inline: true },
    { name: m.kind, value: esc(KIND_LABELS[entry.kind][locale]), inline: true },
  ];
  const { people, organisations } = entryContacts(entry, full);
  if (entry.places.length > 0) fields.push({ name: m.places, value: esc(entry.places.map(placeText).join('\n')), inline: false });
  if (people.length > 0) fields.push({ name: m.people, value: esc(people.join('\n')), inline: false });
  if (organisations.length > 0) fields.push({ name: m.organisations, value: esc(organisations.join('\n')), inline: false });
  if (full && entry.topics.length > 0) fields.push({ name: m.topics, value: esc(entry.topics.join(', ')), inline: false });
  const quote = `> ${esc(entry.source)}`;
  return {
    title: esc(entry.title),
    description: locale === 'en' ? `${esc(entry.summary)}\n${quote}` : quote,
    color: KIND_COLOURS[entry.kind],
    fields,
    ...(full ? { footer: { text: `${m.entryId}: ${entry.id}` } } : {}),
  };
}

function contactField(contact: Contact, locale: Locale) {
  return { name: esc(contactHeadline(contact)), value: esc(contactLines(contact, locale)), inline: false };
}

/**
 * A contact's entries, one a line, as far as a field shows them: an organisation met thousands of times is cut at
 * the field's limit by fitMessage anyway, so only lines up to just past it are worded. Escaping works within a
 * line, so the escaped lines are the start of what escaping them all would give, and the cut falls the same.
 */
function contactLines(contact: Contact, locale: Locale): string {
  const lines: string[] = [];
  let length = 0;
  for (const e of contact.entries) {
    // Stop once the joined lines (length less the last line's newline) are longer than the field.
    if (length > DISCORD.embedFieldValue + 1) break;
    const line = `• ${contactEntryLine(e, locale)}`;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

/** Previous/Next when there are pages, Share on a private answer. Notices get neither: there is nothing to turn or show. */
function pageButtons(reply: Reply, page: number, pages: number, options: RenderOptions): ActionRow[] {
  if (reply.type === 'notice') return [];
  const button = (style: Button['style'], label: string, custom_id: string, disabled = false): Button => ({ type: ComponentType.Button, style, label, custom_id, disabled });
  const m = t(reply.locale);
  const base = { command: reply.command, locale: reply.locale, kind: options.kind, query: reply.query };
  const buttons: Button[] = [];
  // Clamped, so the ids stay distinct (Discord requires it) even when a button is disabled at either end.
  const prev = encodeState({ ...base, action: 'page', page: Math.max(0, page - 1) });
  const next = encodeState({ ...base, action: 'page', page: Math.min(pages - 1, page + 1) });
  if (pages > 1 && prev && next) {
    buttons.push(button(ButtonStyle.Secondary, `◀ ${m.previous}`, prev, page === 0), button(ButtonStyle.Secondary, `${m.next} ▶`, next, page >= pages - 1));
  }
  const share = reply.private ? encodeState({ ...base, action: 'share', page }) : null;
  if (share) buttons.push(button(ButtonStyle.Primary, m.share, share));
  return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

/** The message's first lines: a question's answer and how it was read, or the title; then the description. */
function header(reply: Reply): string {
  const description = describeReply(reply);
  // The answer first; under it how a question was read, or a command's title.
  const under = reply.answer?.reading ? `-# ${esc(readingLine(reply.answer.reading, reply.locale))}` : `**${esc(titleOf(reply))}**`;
  // The content is cut to Discord's length: a longer answer need not be worded whole (see answerSentence).
  const opening = reply.answer ? [esc(answerText(reply, DISCORD.contentLength)), under] : [`**${esc(titleOf(reply))}**`];
  return [...opening, description ? esc(description) : ''].filter(Boolean).join('\n');
}

/**
 * A message with buttons ends its content with the line naming what was asked, which the buttons read their query
 * back from (see custom-id.ts). The rest of the content is shortened first if anything has to give, so that line
 * is always whole; the content's first line stays the header, so a line can be put before it.
 */
function withAskedLine(payload: MessagePayload, reply: Reply): MessagePayload {
  if (payload.components.length === 0) return payload;
  const asked = askedLine(reply.command, reply.query, reply.locale);
  const head = payload.content ? truncate(payload.content, DISCORD.contentLength - asked.length - 1) : '';
  return { ...payload, content: head ? `${head}\n${asked}` : asked };
}

/** The summary's lists, complete, as sections: counts, counties, people, organisations, places, then every activity by period. */
function summarySections(reply: Extract<Reply, { type: 'summary' }>): Section[] {
  const { facts: f, locale } = reply;
  const m = t(locale);
  const sections: Section[] = [
    { name: m.byKind, lines: f.byKind.map((k) => `${esc(KIND_LABELS[k.kind][locale])}: **${k.count}**`), inline: true },
    { name: m.counties, lines: f.counties.map((c) => esc(`${c.label} (${c.count})`)), inline: true },
    { name: m.people, lines: f.people.map((p) => esc(personText(p))) },
    { name: m.organisations, lines: f.organisations.map((o) => esc(organisationText(o))) },
    { name: m.places, lines: f.places.map((p) => esc(`${p.place.name} (${p.count})`)) },
  ];
  // Activities under their period as the record dates them, in date order and the record's order within a period.
  for (const entry of reply.entries) {
    const name = esc(`${m.activities}: ${periodLabel(entry.period, locale)}`);
    const note = datingNote(entry, reply.span, locale);
    const line = `• ${esc(activityLine(entry, locale))}${note ? ` — _${esc(note)}_` : ''}`;
    const last = sections.at(-1)!;
    if (last.name === name) last.lines.push(line);
    else sections.push({ name, lines: [line] });
  }
  return sections.filter((s) => s.lines.length > 0);
}

/** The reply model as a Discord message for one page. Every door sends exactly this. */
export function renderDiscord(reply: Reply, options: RenderOptions = {}): MessagePayload {
  const m = t(reply.locale);
  const base = { allowed_mentions: { parse: [] as [] } };
  const clamp = (pages: number) => Math.min(Math.max(0, options.page ?? 0), pages - 1);
  const paged = <T>(items: T[], size: number) => {
    const pages = Math.max(1, Math.ceil(items.length / size));
    const page = clamp(pages);
    const from = page * size;
    const slice = items.slice(from, from + size);
    const footer = m.pageOf(from + 1, from + slice.length, items.length);
    return { page, pages, slice, footer };
  };
  const finish = (payload: MessagePayload) => fitMessage(withAskedLine(payload, reply));

  switch (reply.type) {
    case 'notice':
      return fitMessage({ ...base, content: reply.answer ? header(reply) : esc(reply.title), embeds: [], components: [] });
    case 'help':
      return fitMessage({
        ...base,
        embeds: [
          {
            title: reply.title,
            description: reply.description,
            color: BRAND,
            fields: reply.commands.map((spec) => ({ name: `/${localName(spec, reply.locale)}`, value: helpLine(spec, reply.locale), inline: false })),
          },
        ],
        components: [],
      });
    case 'entry': {
      const embed = entryEmbed(reply.entry, reply.locale, undefined, true);
      if (reply.provenance) embed.footer = { text: `${embed.footer?.text ?? ''} · ${provenanceLine(reply.provenance, reply.locale)}` };
      return finish({ ...base, content: header({ ...reply, title: entryHeadline(reply.entry, reply.locale) }), embeds: [embed], components: pageButtons(reply, 0, 1, options) });
    }
    case 'report':
      return finish({ ...base, content: esc(reportLine(reply.report, reply.locale)), embeds: [], components: pageButtons(reply, 0, 1, options) });
    case 'entries': {
      const { page, pages, slice, footer } = paged(reply.entries, PAGE_SIZE);
      const embeds = slice.map((e) => entryEmbed(e, reply.locale, reply.span));
      embeds[embeds.length - 1]!.footer = { text: `${footer} · ${m.appName}` };
      return finish({ ...base, content: header(reply), embeds, components: pageButtons(reply, page, pages, options) });
    }
    case 'contacts': {
      const { page, pages, slice, footer } = paged(reply.contacts, CONTACTS_PER_PAGE);
      // People and organisations each under their own heading; a page holds what its slice has of each.
      const embeds: Embed[] = [
        { title: m.people, color: BRAND, fields: slice.filter(isPerson).map((c) => contactField(c, reply.locale)) },
        { title: m.organisations, color: BRAND, fields: slice.filter((c) => !isPerson(c)).map((c) => contactField(c, reply.locale)) },
      ].filter((e) => e.fields.length > 0);
      embeds[embeds.length - 1]!.footer = { text: `${footer} · ${m.appName}` };
      return finish({ ...base, content: header(reply), embeds, components: pageButtons(reply, page, pages, options) });
    }
    case 'summary': {
      const pagesOfFields = pageFields(sectionFields(summarySections(reply), m.continued), SUMMARY_PAGE_CHARACTERS);
      const page = clamp(pagesOfFields.length);
      const pages = pagesOfFields.length;
      return finish({
        ...base,
        embeds: [
          {
            title: esc(reply.title),
            ...(page === 0 ? { description: esc(reply.description ?? '') } : {}),
            color: BRAND,
            fields: pagesOfFields[page],
            footer: { text: pages > 1 ? `${m.page(page + 1, pages)} · ${m.appName}` : m.appName },
          },
        ],
        components: pageButtons(reply, page, pages, options),
      });
    }
  }
}
