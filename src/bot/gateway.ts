import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  MessageFlags,
  Partials,
} from 'discord.js';
import type { Logger } from 'pino';
import { parseCommandLine, runCommand } from '../commands/index.js';
import type { Loaded, LiveRecord } from '../data/live.js';
import { localeFromDiscord, t } from '../i18n.js';
import { DEFER_AFTER_MS, DISCORD } from '../limits.js';
import { scrub } from '../log.js';
import { renderDiscord } from '../render/discord.js';
import type { MessagePayload } from '../render/fit.js';
import { type Answer, answerInteraction, answerWithin, type InteractionInput } from './answer.js';

export interface BotOptions {
  token: string;
  apiUrl?: string;
  enableMentions: boolean;
  record: LiveRecord;
  logger: Logger;
  /** How an interaction is answered; tests put a slow or failing one here to exercise deferral and apologies. */
  answer?: (input: InteractionInput, loaded: Loaded) => Answer | Promise<Answer>;
}

/** discord.js wants camelCase allowedMentions; everything else it takes as API JSON. */
function toDiscordJs(payload: MessagePayload) {
  const { allowed_mentions: _am, flags: _f, attachments: _a, files, ...rest } = payload;
  // discord.js sends files as multipart with payload_json and describes them in `attachments` itself.
  const attachments = files?.map((f) => ({ attachment: f.data, name: f.name, description: f.description }));
  return { ...rest, ...(attachments ? { files: attachments } : {}), allowedMentions: { parse: [], repliedUser: false } };
}

/** For a new message: the same body, plus the ephemeral flag when private. */
function asNewMessage(payload: MessagePayload, ephemeral: boolean) {
  return ephemeral ? { ...toDiscordJs(payload), flags: MessageFlags.Ephemeral as const } : toDiscordJs(payload);
}

function inputOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction | ButtonInteraction): InteractionInput {
  const base = { locale: interaction.locale, userId: interaction.user.id };
  if (interaction.isButton()) {
    return { ...base, kind: 'button', customId: interaction.customId, messageIsPrivate: interaction.message.flags.has(MessageFlags.Ephemeral) };
  }
  const options = Object.fromEntries(interaction.options.data.map((o) => [o.name, o.value as string | number | boolean]));
  if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused(true);
    return { ...base, kind: 'autocomplete', command: interaction.commandName, focused: focused.name, value: String(focused.value) };
  }
  return { ...base, kind: 'command', command: interaction.commandName, options };
}

function describe(interaction: Interaction): Record<string, unknown> {
  return {
    interaction: interaction.id,
    type: interaction.isAutocomplete() ? 'autocomplete' : interaction.isButton() ? 'button' : interaction.isChatInputCommand() ? 'command' : `type-${interaction.type}`,
    command: interaction.isChatInputCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    locale: interaction.locale,
    guild: interaction.guildId,
  };
}

/**
 * The gateway door: one discord.js client, one central interaction dispatch. It acknowledges each interaction
 * exactly once, defers when the answer could miss Discord's 3 seconds, turns any failure into a short private
 * apology, and logs every interaction with its latency and outcome.
 */
export function createBot(options: BotOptions): Client {
  const { logger, record } = options;
  const answer = options.answer ?? answerInteraction;
  const intents = [GatewayIntentBits.Guilds];
  if (options.enableMentions) intents.push(GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages, GatewayIntentBits.MessageContent);
  const client = new Client({
    intents,
    partials: options.enableMentions ? [Partials.Channel] : [],
    allowedMentions: { parse: [], repliedUser: false },
    rest: options.apiUrl ? { api: options.apiUrl } : {},
  });

  client.once(Events.ClientReady, (c) => logger.info({ user: c.user.tag, guilds: c.guilds.cache.size }, 'connected to Discord'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'gateway reconnecting'));
  client.on(Events.Error, (error) => logger.error({ err: scrub(error.message, [options.token]) }, 'client error'));

  client.on(Events.InteractionCreate, (interaction) => {
    void dispatch(interaction);
  });

  async function dispatch(interaction: Interaction): Promise<void> {
    if (!interaction.isChatInputCommand() && !interaction.isAutocomplete() && !interaction.isButton()) return;
    const started = Date.now();
    const fields = describe(interaction);
    let outcome = 'answered';
    try {
      const input = inputOf(interaction);
      // Most answers are ready at once; a picture is drawn off the main thread. If an answer is late (a busy
      // event loop, a big record), the door defers first and edits the answer in — never acknowledging twice.
      const work = Promise.resolve().then(() => answer(input, record.current));
      if (interaction.isAutocomplete()) {
        // Autocomplete cannot be deferred: answer with what we have, or an empty list, never nothing.
        const result = await work.catch(() => null);
        await interaction.respond(result?.kind === 'choices' ? result.choices.slice(0, DISCORD.autocompleteChoices) : []);
      } else {
        outcome = await deliver(interaction, work);
      }
    } catch (error) {
      outcome = 'failed';
      logger.error({ ...fields, err: scrub((error as Error)?.stack ?? String(error), [options.token]) }, 'interaction failed');
      await apologise(interaction);
    } finally {
      logger.info({ ...fields, latencyMs: Date.now() - started, ageMs: Date.now() - interaction.createdTimestamp, outcome }, 'interaction');
    }
  }

  async function deliver(interaction: ChatInputCommandInteraction | ButtonInteraction, work: Promise<Answer>): Promise<string> {
    // Counted from when Discord created the interaction, so time spent reaching us counts too.
    const first = await answerWithin(work, DEFER_AFTER_MS - (Date.now() - interaction.createdTimestamp));
    if (first === null) {
      // Acknowledge now; the answer follows as an edit.
      if (interaction.isButton()) await interaction.deferUpdate();
      else await interaction.deferReply(interaction.options.getBoolean('private') ? { flags: MessageFlags.Ephemeral } : {});
      const result = await work;
      if (result.kind === 'choices') throw new Error('choices for a command');
      if (result.kind === 'message' && interaction.isButton()) await interaction.followUp(asNewMessage(result.payload, result.ephemeral));
      else await interaction.editReply(toDiscordJs(result.payload));
      return 'deferred';
    }
    const result = first;
    if (result.kind === 'update' && interaction.isButton()) await interaction.update(toDiscordJs(result.payload));
    else if (result.kind === 'message') await interaction.reply(asNewMessage(result.payload, result.ephemeral));
    else throw new Error(`cannot deliver ${result.kind} for this interaction`);
    return 'answered';
  }

  async function apologise(interaction: Interaction): Promise<void> {
    if (!interaction.isRepliable()) return;
    const apology = { content: t(localeFromDiscord(interaction.locale)).errorInternal, allowedMentions: { parse: [] }, flags: MessageFlags.Ephemeral as const };
    const edit = () => interaction.editReply({ content: apology.content, allowedMentions: { parse: [] } });
    try {
      if (interaction.deferred) await edit();
      else if (interaction.replied) await interaction.followUp(apology);
      else {
        // If the failure was the acknowledgement itself, Discord may have taken it all the same (40060): then the
        // apology goes in as an edit rather than a second acknowledgement.
        await interaction.reply(apology).catch((error: { code?: number }) => (error?.code === 40060 ? edit() : Promise.reject(error)));
      }
    } catch (error) {
      logger.warn({ interaction: interaction.id, err: scrub(String(error), [options.token]) }, 'could not apologise');
    }
  }

  if (options.enableMentions) {
    client.on(Events.MessageCreate, (message) => {
      void answerMessage(message);
    });
  }

  /** A mention or a DM is answered like /ask (or like the command its first word names). */
  async function answerMessage(message: Message): Promise<void> {
    if (message.author.bot || !client.user) return;
    const isDm = message.channel.isDMBased();
    if (!isDm && !message.mentions.has(client.user, { ignoreEveryone: true, ignoreRoles: true, ignoreRepliedUser: true })) return;
    const started = Date.now();
    const text = message.content.replace(new RegExp(`<@!?${client.user.id}>`, 'g'), ' ').trim();
    const locale = localeFromDiscord(message.guild?.preferredLocale);
    try {
      const { name, text: rest } = parseCommandLine(text);
      const reply = runCommand(name, { text: rest }, record.current.index, locale);
      await message.reply(toDiscordJs(renderDiscord(reply, { query: rest })));
      logger.info({ message: message.id, type: 'mention', dm: isDm, latencyMs: Date.now() - started, outcome: 'answered' }, 'message');
    } catch (error) {
      logger.error({ message: message.id, err: scrub(String(error), [options.token]) }, 'message failed');
    }
  }

  return client;
}
