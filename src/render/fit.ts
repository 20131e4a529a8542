import type { ButtonStyle, ComponentType, MessageFlags } from 'discord-api-types/v10';
import { DISCORD } from '../limits.js';

/** The parts of a Discord message this project sends. Plain API JSON: the same for every door. */
export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}
export interface Embed {
  title?: string;
  description?: string;
  color?: number;
  fields?: EmbedField[];
  footer?: { text: string };
  author?: { name: string };
  image?: { url: string };
}
export interface Button {
  type: ComponentType.Button;
  style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger;
  label: string;
  custom_id: string;
  disabled?: boolean;
}
export interface ActionRow {
  type: ComponentType.ActionRow;
  components: Button[];
}
export interface MessagePayload {
  content?: string;
  embeds: Embed[];
  components: ActionRow[];
  allowed_mentions: { parse: []; replied_user?: boolean };
  /** Set by a door (never by rendering): the ephemeral flag for a private answer. */
  flags?: MessageFlags;
  /** Ids are snowflake strings in Discord's API; for a new upload, the file's index. */
  attachments?: { id: string; filename: string; description?: string }[];
  /** Files sent with the message (multipart, described in `attachments`); not part of the JSON body. */
  files?: { name: string; data: Buffer; contentType: string; description?: string }[];
}

const ELLIPSIS = '…';

/**
 * Cuts text to at most `max` UTF-16 units (Discord counts characters; UTF-16 length is never smaller, so this is
 * safe), never splitting a surrogate pair, and marks the cut with an ellipsis.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - ELLIPSIS.length) break;
    out += ch;
  }
  return out + ELLIPSIS;
}

function embedSize(e: Embed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

function fitEmbed(e: Embed): Embed {
  const fields = (e.fields ?? [])
    .filter((f) => f.name.trim() && f.value.trim())
    .slice(0, DISCORD.embedFields)
    .map((f) => ({ ...f, name: truncate(f.name, DISCORD.embedFieldName), value: truncate(f.value, DISCORD.embedFieldValue) }));
  return {
    ...e,
    ...(e.title !== undefined ? { title: truncate(e.title, DISCORD.embedTitle) } : {}),
    ...(e.description !== undefined ? { description: truncate(e.description, DISCORD.embedDescription) } : {}),
    ...(e.footer ? { footer: { text: truncate(e.footer.text, DISCORD.embedFooterText) } } : {}),
    ...(e.author ? { author: { name: truncate(e.author.name, DISCORD.embedAuthorName) } } : {}),
    ...(fields.length > 0 ? { fields } : { fields: undefined }),
  };
}

/** Shrinks one embed to at most `budget` characters: fields from the end first, then the description. */
function shrinkEmbed(e: Embed, budget: number): Embed {
  const out: Embed = { ...e, fields: [...(e.fields ?? [])] };
  while (embedSize(out) > budget && out.fields!.length > 0) out.fields!.pop();
  if (embedSize(out) > budget && out.description) {
    const rest = embedSize({ ...out, description: '' });
    out.description = truncate(out.description, Math.max(1, budget - rest));
  }
  if (embedSize(out) > budget && out.title) out.title = truncate(out.title, Math.max(1, budget - embedSize({ ...out, title: '' })));
  if (out.fields!.length === 0) delete out.fields;
  return out;
}

/**
 * Makes any payload acceptable to Discord: content 2000, 10 embeds, 6000 characters across embeds, 25 fields,
 * 1024 per field value, 256 per title and field name, 100-character custom_id, 80-character labels, and
 * `allowed_mentions: { parse: [] }` always. The renderers aim inside the limits; this is the guarantee.
 */
export function fitMessage(payload: MessagePayload): MessagePayload {
  const embeds: Embed[] = [];
  let total = 0;
  for (const raw of payload.embeds.slice(0, DISCORD.embedsPerMessage)) {
    let embed = fitEmbed(raw);
    const size = embedSize(embed);
    if (total + size > DISCORD.embedTotalCharacters) {
      const budget = DISCORD.embedTotalCharacters - total;
      if (budget < 50) break;
      embed = shrinkEmbed(embed, budget);
    }
    total += embedSize(embed);
    embeds.push(embed);
  }
  const components = payload.components
    .slice(0, 5)
    .map((row) => ({
      ...row,
      components: row.components
        .filter((b) => b.custom_id.length <= DISCORD.customId)
        .slice(0, 5)
        .map((b) => ({ ...b, label: truncate(b.label, DISCORD.buttonLabel) })),
    }))
    .filter((row) => row.components.length > 0);
  return {
    ...payload,
    ...(payload.content !== undefined ? { content: truncate(payload.content, DISCORD.contentLength) } : {}),
    embeds,
    components,
    allowed_mentions: { parse: [] },
  };
}
