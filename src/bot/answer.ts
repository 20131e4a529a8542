import { runCommand } from '../commands/index.js';
import { COMMAND_NAMES, type CommandName, notice } from '../commands/reply.js';
import type { Loaded } from '../data/live.js';
import { KINDS, type Kind } from '../data/schema.js';
import { type Locale, localeFromDiscord, t } from '../i18n.js';
import { decodeState } from '../render/custom-id.js';
import { renderDiscord, withPicture } from '../render/discord.js';
import type { MessagePayload } from '../render/fit.js';
import type { Choice, SuggestField } from '../search/suggest.js';
import { TEXT_OPTION } from './definitions.js';

/**
 * What an interaction asks, as plain data: both doors (the discord.js gateway client and the HTTP endpoint)
 * translate their interaction into this, so they cannot answer differently.
 */
export type InteractionInput =
  | { kind: 'command'; command: string; options: Record<string, string | number | boolean>; locale: string | undefined; userId: string }
  | { kind: 'autocomplete'; command: string; focused: string; value: string; locale: string | undefined; userId: string }
  | { kind: 'button'; customId: string; locale: string | undefined; userId: string; messageIsPrivate: boolean };

export type Answer =
  /** Post a new message (the interaction's reply). */
  | { kind: 'message'; payload: MessagePayload; ephemeral: boolean }
  /** Replace the message the button is on (page turns). */
  | { kind: 'update'; payload: MessagePayload }
  | { kind: 'choices'; choices: Choice[] };

const AUTOCOMPLETE_FIELD: Partial<Record<string, SuggestField>> = {
  'visit:place': 'place',
  'contact:who': 'who',
  'timeline:period': 'period',
  'summary:period': 'period',
  'entry:title': 'title',
};

const isCommand = (name: string): name is CommandName => (COMMAND_NAMES as readonly string[]).includes(name);
const asKind = (value: unknown): Kind | undefined => (KINDS as readonly unknown[]).includes(value) ? (value as Kind) : undefined;

function errorMessage(text: string, locale: Locale): Answer {
  return { kind: 'message', payload: renderDiscord(notice('help', '', locale, text, true), { private: true }), ephemeral: true };
}

/**
 * Answers one interaction from the loaded record. Pure apart from reading `loaded`; never throws on user input.
 * Asynchronous only because the timeline picture is drawn off the main thread.
 */
export async function answerInteraction(input: InteractionInput, loaded: Loaded): Promise<Answer> {
  const locale = localeFromDiscord(input.locale);
  switch (input.kind) {
    case 'autocomplete': {
      const field = AUTOCOMPLETE_FIELD[`${input.command}:${input.focused}`];
      const typed = typeof input.value === 'string' ? input.value : String(input.value ?? '');
      return { kind: 'choices', choices: field ? loaded.suggester.suggest(field, typed, locale) : [] };
    }
    case 'command': {
      if (!isCommand(input.command)) return errorMessage(t(locale).errorUnknownCommand(input.command), locale);
      const optionName = TEXT_OPTION[input.command];
      const raw = optionName ? input.options[optionName] : '';
      const text = typeof raw === 'string' ? raw : raw === undefined ? '' : String(raw);
      const kind = asKind(input.options.kind);
      const isPrivate = input.options.private === true;
      const reply = runCommand(input.command, { text, kind }, loaded.index, locale);
      const ephemeral = isPrivate || (reply.type === 'notice' && reply.error);
      return { kind: 'message', payload: await withPicture(renderDiscord(reply, { private: ephemeral, kind, query: text }), reply), ephemeral };
    }
    case 'button': {
      const state = decodeState(input.customId);
      if (!state) return errorMessage(t(locale).buttonExpired, locale);
      const reply = runCommand(state.command, { text: state.query, kind: state.kind }, loaded.index, state.locale);
      if (state.action === 'share') {
        const payload = await withPicture(renderDiscord(reply, { page: state.page, kind: state.kind, query: state.query }), reply);
        const shared = `${t(state.locale).sharedBy(`<@${input.userId}>`)}`;
        return { kind: 'message', payload: { ...payload, content: payload.content ? `${payload.content}\n-# ${shared}` : `-# ${shared}` }, ephemeral: false };
      }
      // A page turn keeps the message as it is: private stays private, with its Share button. An update cannot
      // change a message's flags, so none are sent.
      const { flags: _flags, ...payload } = renderDiscord(reply, { page: state.page, kind: state.kind, query: state.query, private: input.messageIsPrivate });
      return { kind: 'update', payload };
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
