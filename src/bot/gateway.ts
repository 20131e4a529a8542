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
  type ModalSubmitInteraction,
  Partials,
} from 'discord.js';
import type { Logger } from 'pino';
import { type Answer, answerWithin, asksPrivately, type InteractionInput } from '../interactions/answer.js';
import { localeFromDiscord, t } from '../i18n.js';
import { DEFER_AFTER_MS, DISCORD } from '../limits.js';
import type { RecordHost } from '../live/host.js';
import { scrub } from '../log.js';
import type { MessagePayload } from '../render/fit.js';
import type { Actor } from '../living/permissions.js';

export interface BotOptions {
  token: string;
  apiUrl?: string;
  enableMentions: boolean;
  /** Where answers come from: the record in this process or in one of its own (src/live/host.ts). */
  record: RecordHost;
  logger: Logger;
  /** How an interaction is answered; tests put a slow or failing one here to exercise deferral and apologies. */
  answer?: (input: InteractionInput, record: RecordHost) => Answer | Promise<Answer>;
}

/** discord.js wants camelCase allowedMentions; everything else it takes as API JSON. */
function toDiscordJs(payload: MessagePayload) {
  const { allowed_mentions: _am, flags: _f, attachments: _a, files, ...rest } = payload;
  // discord.js sends files as multipart with payload_json and describes them in `attachments` itself.
  const attachments = files?.map((f) => ({ attachment: f.data, name: f.name, description: f.description }));
  return { ...rest, ...(attachments ? { files: attachments } : {}), allowedMentions: { parse: [], repliedUser: false } };
}

/** For a new message: the same body, plus the ephemeral flag when the answer is private (the one place this door maps it). */
function asNewMessage(payload: MessagePayload, isPrivate: boolean) {
  return isPrivate ? { ...toDiscordJs(payload), flags: MessageFlags.Ephemeral as const } : toDiscordJs(payload);
}

/** Who acts: the member's shown name, roles and resolved permissions in a server (none in a DM). */
function actorOf(interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction): Actor {
  const member = interaction.member;
  const roles = member ? (Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()]) : undefined;
  // The permissions Discord resolved for this interaction (discord.js's member.permissions would grant a server
  // owner everything, whatever Discord says).
  const permissions = interaction.memberPermissions?.bitfield.toString();
  const nick = member ? ('nickname' in member ? member.nickname : member.nick) : null;
  return {
    userId: interaction.user.id,
    name: nick || interaction.user.globalName || interaction.user.username,
    ...(roles ? { roles } : {}),
    ...(permissions !== undefined ? { permissions } : {}),
  };
}

type Answerable = ChatInputCommandInteraction | AutocompleteInteraction | ButtonInteraction | ModalSubmitInteraction;

function inputOf(interaction: Answerable): InteractionInput {
  const base = { locale: interaction.locale, userId: interaction.user.id };
  if (interaction.isModalSubmit()) {
    const fields = Object.fromEntries([...interaction.fields.fields.values()].flatMap((f) => ('value' in f && typeof f.value === 'string' ? [[f.customId, f.value]] : [])));
    return { ...base, kind: 'modal', customId: interaction.customId, fields, actor: actorOf(interaction) };
  }
  if (interaction.isButton()) {
    const { message } = interaction;
    return { ...base, kind: 'button', customId: interaction.customId, messageIsPrivate: message.flags.has(MessageFlags.Ephemeral), messageContent: message.content, actor: actorOf(interaction) };
  }
  const options = Object.fromEntries(interaction.options.data.map((o) => [o.name, o.value as string | number | boolean]));
  if (interaction.isAutocomplete()) {
    const focused = interaction.options.getFocused(true);
    return { ...base, kind: 'autocomplete', command: interaction.commandName, focused: focused.name, value: String(focused.value) };
  }
  return { ...base, kind: 'command', command: interaction.commandName, options, actor: actorOf(interaction) };
}

function describe(interaction: Interaction): Record<string, unknown> {
  return {
    interaction: interaction.id,
    type: interaction.isAutocomplete() ? 'autocomplete' : interaction.isButton() ? 'button' : interaction.isChatInputCommand() ? 'command' : interaction.isModalSubmit() ? 'modal' : `type-${interaction.type}`,
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
  const answer = options.answer ?? ((input: InteractionInput, host: RecordHost) => host.answer(input));
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
    if (!interaction.isChatInputCommand() && !interaction.isAutocomplete() && !interaction.isButton() && !interaction.isModalSubmit()) return;
    const started = Date.now();
    const fields = describe(interaction);
    let outcome = 'answered';
    try {
      const input = inputOf(interaction);
      // Most answers are ready at once; a picture is drawn off the main thread. If an answer is late (a busy
      // event loop, a big record), the door defers first and edits the answer in — never acknowledging twice.
      const work = Promise.resolve().then(() => answer(input, record));
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

  async function deliver(interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction, work: Promise<Answer>): Promise<string> {
    // Counted from when Discord created the interaction, so time spent reaching us counts too.
    const first = await answerWithin(work, DEFER_AFTER_MS - (Date.now() - interaction.createdTimestamp));
    if (first === null) {
      // Acknowledge now; the answer follows as an edit.
      if (interaction.isButton()) await interaction.deferUpdate();
      else await interaction.deferReply(asksPrivately(inputOf(interaction)) ? { flags: MessageFlags.Ephemeral } : {});
      const result = await work;
      if (result.kind === 'choices') throw new Error('choices for a command');
      // A modal can only be the first answer; /log's form is ready at once, so this means a stalled process.
      if (result.kind === 'modal') throw new Error('a modal cannot follow a deferral');
      if (result.kind === 'message' && interaction.isButton()) await interaction.followUp(asNewMessage(result.payload, result.private));
      else await interaction.editReply(toDiscordJs(result.payload));
      return 'deferred';
    }
    const result = first;
    if (result.kind === 'modal' && !interaction.isModalSubmit()) await interaction.showModal(result.modal);
    else if (result.kind === 'update' && interaction.isButton()) await interaction.update(toDiscordJs(result.payload));
    else if (result.kind === 'message') await interaction.reply(asNewMessage(result.payload, result.private));
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

  /**
   * A mention or a DM goes through the same core as a slash command (like /ask, or the command its first word
   * names): the same answer, picture and limits, and an apology if it fails.
   */
  async function answerMessage(message: Message): Promise<void> {
    if (message.author.bot || !client.user) return;
    const isDm = message.channel.isDMBased();
    if (!isDm && !message.mentions.has(client.user, { ignoreEveryone: true, ignoreRoles: true, ignoreRepliedUser: true })) return;
    const started = Date.now();
    // A message carries no user locale: the server's preferred one stands in.
    const locale = message.guild?.preferredLocale;
    const text = message.content.replace(new RegExp(`<@!?${client.user.id}>`, 'g'), ' ').trim();
    const fields = { message: message.id, type: 'mention', dm: isDm, locale };
    let outcome = 'answered';
    try {
      const result = await answer({ kind: 'message', text, locale, userId: message.author.id }, record);
      if (result.kind !== 'message') throw new Error(`cannot deliver ${result.kind} for a message`);
      await message.reply(toDiscordJs(result.payload));
    } catch (error) {
      outcome = 'failed';
      logger.error({ ...fields, err: scrub((error as Error)?.stack ?? String(error), [options.token]) }, 'message failed');
      await message
        .reply({ content: t(localeFromDiscord(locale)).errorInternal, allowedMentions: { parse: [], repliedUser: false } })
        .catch((err: unknown) => logger.warn({ ...fields, err: scrub(String(err), [options.token]) }, 'could not apologise'));
    } finally {
      logger.info({ ...fields, latencyMs: Date.now() - started, outcome }, 'message');
    }
  }

  return client;
}
