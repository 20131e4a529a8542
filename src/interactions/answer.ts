import { COMMAND_SPECS, findCommand, parseCommandLine, runCommand } from '../commands/registry.js';
import { notice, type Reply } from '../commands/reply.js';
import { localName, textOption } from '../commands/spec.js';
import { KINDS, type Kind } from '../data/schema.js';
import { type Locale, localeFromDiscord, t } from '../i18n.js';
import type { Loaded } from '../live/record.js';
import { decodeState, queryFromMessage } from '../render/custom-id.js';
import { renderDiscord, withPicture } from '../render/discord.js';
import type { MessagePayload } from '../render/fit.js';
import type { Choice } from '../autocomplete/suggest.js';
import type { Actor } from '../living/permissions.js';
import { withProvenance } from '../living/provenance.js';
import type { ModalPayload } from '../render/living.js';
import { withReportFiles } from '../render/report-files.js';
import { answerLiving } from './modal.js';

/**
 * What an interaction asks, as plain data. Every door translates its input into this — the discord.js gateway
 * client, the HTTP endpoint, and a chat message that mentions the bot — so they cannot answer differently.
 */
export type InteractionInput =
  // `actor`: who acts, with their roles and permissions (guild interactions), for the write path (src/living/).
  | { kind: 'command'; command: string; options: Record<string, string | number | boolean>; locale: string | undefined; userId: string; actor?: Actor }
  | { kind: 'autocomplete'; command: string; focused: string; value: string; locale: string | undefined; userId: string }
  | {
      kind: 'button';
      customId: string;
      locale: string | undefined;
      userId: string;
      messageIsPrivate: boolean;
      /** The content of the message the button is on: it says what was asked, which buttons re-run (custom-id.ts). */
      messageContent: string;
      actor?: Actor;
    }
  /** A submitted modal (/log's form): its text inputs by custom_id. */
  | { kind: 'modal'; customId: string; fields: Record<string, string>; locale: string | undefined; userId: string; actor?: Actor }
  /** A message that mentions the bot, or a DM: "visit Motala", "besök Motala" or a question. */
  | { kind: 'message'; text: string; locale: string | undefined; userId: string };

export type Answer =
  /** Post a new message (the interaction's reply). `private`: only the asker sees it; each door maps this once. */
  | { kind: 'message'; payload: MessagePayload; private: boolean }
  /** Replace the message the button is on (page turns). */
  | { kind: 'update'; payload: MessagePayload }
  | { kind: 'choices'; choices: Choice[] }
  /** Show a modal (/log's form); Discord allows it only as the first answer, never after a deferral. */
  | { kind: 'modal'; modal: ModalPayload };

const asKind = (value: unknown): Kind | undefined => ((KINDS as readonly unknown[]).includes(value) ? (value as Kind) : undefined);

function errorMessage(text: string, locale: Locale): Answer {
  return { kind: 'message', payload: renderDiscord({ ...notice('help', '', locale, text, true), private: true }), private: true };
}

/** Whether a deferred acknowledgement should already be private: the asker chose `private`. */
export function asksPrivately(input: InteractionInput): boolean {
  return input.kind === 'command' && input.options.private === true;
}

async function message(reply: Reply, kind?: Kind): Promise<Answer> {
  return { kind: 'message', payload: await withReportFiles(await withPicture(renderDiscord(reply, { kind }), reply), reply), private: reply.private };
}

/**
 * Answers one interaction from the loaded record. Pure apart from reading `loaded`; never throws on user input.
 * Asynchronous only because the timeline picture is drawn off the main thread.
 */
export async function answerInteraction(input: InteractionInput, loaded: Loaded): Promise<Answer> {
  const locale = localeFromDiscord(input.locale);
  // The living record (/log, its form, Undo/Restore) first: it writes, so it lives outside the pure commands.
  if (input.kind === 'command' || input.kind === 'button' || input.kind === 'modal') {
    const living = answerLiving(input, loaded);
    if (living) return living;
  }
  switch (input.kind) {
    case 'modal':
      return errorMessage(t(locale).buttonExpired(undefined), locale);
    case 'autocomplete': {
      const list = findCommand(input.command)?.options.find((o) => o.name === input.focused)?.autocomplete;
      const typed = typeof input.value === 'string' ? input.value : String(input.value ?? '');
      return { kind: 'choices', choices: list ? loaded.suggester.suggest(list, typed, locale) : [] };
    }
    case 'command': {
      const spec = findCommand(input.command);
      if (!spec) return errorMessage(t(locale).errorUnknownCommand(input.command, COMMAND_SPECS.map((s) => `/${localName(s, locale)}`)), locale);
      const optionName = textOption(spec)?.name;
      const raw = optionName ? input.options[optionName] : '';
      const text = typeof raw === 'string' ? raw : raw === undefined ? '' : String(raw);
      const kind = asKind(input.options.kind);
      return message(withProvenance(runCommand(spec, { text, kind, private: input.options.private === true }, loaded.index, locale), loaded.store), kind);
    }
    case 'message': {
      // A chat message cannot be private: Discord has no ephemeral messages outside interactions.
      const { spec, text } = parseCommandLine(input.text);
      return message({ ...withProvenance(runCommand(spec, { text }, loaded.index, locale), loaded.store), private: false });
    }
    case 'button': {
      const state = decodeState(input.customId);
      const spec = state && findCommand(state.command);
      const query = state && queryFromMessage(state, input.messageContent);
      if (!state || !spec || query === null) return errorMessage(t(locale).buttonExpired(spec ? `/${localName(spec, locale)}` : undefined), locale);
      const reply = withProvenance(runCommand(spec, { text: query, kind: state.kind, private: input.messageIsPrivate }, loaded.index, state.locale), loaded.store);
      const render = { page: state.page, kind: state.kind };
      if (state.action === 'share') {
        const payload = await withReportFiles(await withPicture(renderDiscord({ ...reply, private: false }, render), reply), reply);
        const shared = t(state.locale).sharedBy(`<@${input.userId}>`);
        return { kind: 'message', payload: { ...payload, content: payload.content ? `${payload.content}\n-# ${shared}` : `-# ${shared}` }, private: false };
      }
      // A page turn keeps the message as it is: private stays private, with its Share button. An update cannot
      // change a message's flags, and none are sent.
      return { kind: 'update', payload: renderDiscord(reply, render) };
    }
  }
}

/**
 * The answer if it is ready within `ms`, else null: the door then acknowledges at once (Discord's deferral) and
 * delivers the answer when it comes. Never acknowledges twice; the caller does exactly one of the two.
 */
export async function answerWithin(work: Promise<Answer>, ms: number): Promise<Answer | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), Math.max(0, ms))));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
