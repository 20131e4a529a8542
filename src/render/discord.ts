import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { Reply } from '../commands/reply.js';
import { localName } from '../commands/spec.js';
import type { Entry, Kind } from '../data/schema.js';
import { KIND_COLOURS } from './colours.js';
import { timelinePngAsync } from './picture.js';
import { KIND_LABELS, type Locale, periodLabel, t } from '../i18n.js';
import { CONTACTS_PER_PAGE, PAGE_SIZE, SUMMARY_LISTS } from '../limits.js';
import type { Contact } from '../search/contacts.js';
import { encodeState } from './custom-id.js';
import { provenanceLine, reportLine } from './living-format.js';
import { escapeDiscord as esc } from './escape.js';
import { type ActionRow, type Button, type Embed, fitMessage, type MessagePayload, truncate } from './fit.js';
import { contactEntryLine, contactHeadline, describeReply, entryHeadline, helpLine, personText, placeText, summaryLine, titleOf } from './format.js';

const BRAND = 0x3b6ea5;

export interface RenderOptions {
  page?: number;
  /** The `/search` kind filter, kept in button state. */
  kind?: Kind;
  /** The text to re-run on a button press (the reply's query unless a door says otherwise). */
  query?: string;
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

function entryEmbed(entry: Entry, locale: Locale, full = false): Embed {
  const m = t(locale);
  const fields = [
    { name: m.period, value: esc(periodLabel(entry.period, locale)), inline: true },
    { name: m.kind, value: esc(KIND_LABELS[entry.kind][locale]), inline: true },
  ];
  if (entry.places.length > 0) fields.push({ name: m.places, value: esc(entry.places.map(placeText).join('\n')), inline: false });
  if (entry.people.length > 0) fields.push({ name: m.people, value: esc(entry.people.map(personText).join('\n')), inline: false });
  if (full && entry.organisations.length > 0) fields.push({ name: m.organisations, value: esc(entry.organisations.join('\n')), inline: false });
  if (full && entry.topics.length > 0) fields.push({ name: m.topics, value: esc(entry.topics.join(', ')), inline: false });
  const quote = `> ${esc(entry.source)}`;
  return {
    title: esc(entry.title),
    description: locale === 'en' || full ? `${esc(entry.summary)}\n${quote}` : quote,
    color: KIND_COLOURS[entry.kind],
    fields,
    ...(full ? { footer: { text: `${m.entryId}: ${entry.id}` } } : {}),
  };
}

function contactField(contact: Contact, locale: Locale) {
  return { name: esc(contactHeadline(contact, locale)), value: esc(contact.entries.map((e) => `• ${contactEntryLine(e, locale)}`).join('\n')), inline: false };
}

function pageButtons(reply: Reply, page: number, pages: number, options: RenderOptions): ActionRow[] {
  const button = (style: Button['style'], label: string, custom_id: string, disabled = false): Button => ({ type: ComponentType.Button, style, label, custom_id, disabled });
  const m = t(reply.locale);
  const base = { command: reply.command, locale: reply.locale, kind: options.kind, query: options.query ?? reply.query };
  const buttons: Button[] = [];
  if (pages > 1) {
    // Clamped, so the ids stay distinct (Discord requires it) even when a button is disabled at either end.
    const prev = encodeState({ ...base, action: 'page', page: Math.max(0, page - 1) });
    const next = encodeState({ ...base, action: 'page', page: Math.min(pages - 1, page + 1) });
    // Both or neither: a long query that cannot travel in a custom_id gets the first page only.
    if (prev && next) {
      buttons.push(button(ButtonStyle.Secondary, `◀ ${m.previous}`, prev, page === 0), button(ButtonStyle.Secondary, `${m.next} ▶`, next, page >= pages - 1));
    }
  }
  if (reply.private && !(reply.type === 'notice' && reply.error)) {
    const share = encodeState({ ...base, action: 'share', page });
    if (share) buttons.push(button(ButtonStyle.Primary, m.share, share));
  }
  return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

function header(reply: Reply): string {
  const description = describeReply(reply);
  return [`**${esc(titleOf(reply))}**`, description ? esc(description) : ''].filter(Boolean).join('\n');
}

/** The reply model as a Discord message for one page. Every door sends exactly this. */
export function renderDiscord(reply: Reply, options: RenderOptions = {}): MessagePayload {
  const m = t(reply.locale);
  const base = { allowed_mentions: { parse: [] as [] } };
  const paged = <T>(items: T[], size: number) => {
    const pages = Math.max(1, Math.ceil(items.length / size));
    const page = Math.min(Math.max(0, options.page ?? 0), pages - 1);
    const from = page * size;
    const slice = items.slice(from, from + size);
    const footer = m.pageOf(from + 1, from + slice.length, items.length);
    return { page, pages, slice, footer };
  };

  switch (reply.type) {
    case 'notice':
      return fitMessage({ ...base, content: esc(reply.title), embeds: [], components: pageButtons(reply, 0, 1, options) });
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
      const embed = entryEmbed(reply.entry, reply.locale, true);
      if (reply.provenance) embed.footer = { text: `${embed.footer?.text ?? ''} · ${provenanceLine(reply.provenance, reply.locale)}` };
      return fitMessage({ ...base, content: header({ ...reply, title: entryHeadline(reply.entry, reply.locale) }), embeds: [embed], components: pageButtons(reply, 0, 1, options) });
    }
    case 'report':
      return fitMessage({ ...base, content: esc(reportLine(reply.report, reply.locale)), embeds: [], components: pageButtons(reply, 0, 1, options) });
    case 'entries': {
      const { page, pages, slice, footer } = paged(reply.entries, PAGE_SIZE);
      const embeds = slice.map((e) => entryEmbed(e, reply.locale));
      embeds[embeds.length - 1]!.footer = { text: `${footer} · ${m.appName}` };
      return fitMessage({ ...base, content: header(reply), embeds, components: pageButtons(reply, page, pages, options) });
    }
    case 'contacts': {
      const { page, pages, slice, footer } = paged(reply.contacts, CONTACTS_PER_PAGE);
      return fitMessage({
        ...base,
        embeds: [{ title: esc(titleOf(reply)), color: BRAND, fields: slice.map((c) => contactField(c, reply.locale)), footer: { text: `${footer} · ${m.appName}` } }],
        components: pageButtons(reply, page, pages, options),
      });
    }
    case 'summary': {
      const f = reply.facts;
      const list = (lines: string[], max = SUMMARY_LISTS.fieldCharacters) => truncate(lines.join('\n'), max) || '–';
      const timeline = reply.entries.map((e) => `• ${summaryLine(e, reply.locale)}`);
      const shown = timeline.slice(0, SUMMARY_LISTS.activities);
      if (timeline.length > shown.length) shown.push(m.more(timeline.length - shown.length));
      return fitMessage({
        ...base,
        embeds: [
          {
            title: esc(reply.title),
            description: esc(reply.description ?? ''),
            color: BRAND,
            fields: [
              { name: m.byKind, value: list(f.byKind.map((k) => `${KIND_LABELS[k.kind][reply.locale]}: **${k.count}**`)), inline: true },
              { name: m.counties, value: esc(list(f.counties.map((c) => `${c.label} (${c.count})`))), inline: true },
              { name: m.people, value: esc(list(f.people.map(personText))), inline: false },
              { name: m.places, value: esc(list(f.places.slice(0, SUMMARY_LISTS.places).map((p) => `${p.place.name} (${p.count})`))), inline: false },
              { name: m.activities, value: esc(list(shown)), inline: false },
            ],
            footer: { text: m.appName },
          },
        ],
        components: pageButtons(reply, 0, 1, options),
      });
    }
  }
}
