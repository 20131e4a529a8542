import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { COMMAND_SPECS } from '../commands/registry.js';
import type { CommandSpec, OptionSpec } from '../commands/spec.js';
import { DISCORD } from '../limits.js';

/**
 * The slash commands as Discord receives them, derived from the command specs. Names and options are a contract
 * (deployment and other tools rely on them): change them only on purpose. Discord has no fallback for sv-SE, so
 * every name and description carries its Swedish localization.
 */

export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Option = NonNullable<CommandDefinition['options']>[number];

const sv = (text: string) => ({ 'sv-SE': text });

const privateOption = {
  type: ApplicationCommandOptionType.Boolean,
  name: 'private',
  name_localizations: sv('privat'),
  description: 'Only you see the answer (default: the channel sees it)',
  description_localizations: sv('Bara du ser svaret (annars ser kanalen det)'),
  required: false,
} as const satisfies Option;

function option(o: OptionSpec): Option {
  const common = {
    name: o.name,
    name_localizations: sv(o.sv),
    description: o.description.en,
    description_localizations: sv(o.description.sv),
    required: o.required,
  };
  if (o.choices) {
    return {
      ...common,
      type: ApplicationCommandOptionType.String,
      choices: o.choices.map((c) => ({ name: c.label.en, name_localizations: sv(c.label.sv), value: c.value })),
    };
  }
  // Discord allows up to 6000; text over MAX_QUERY_LENGTH gets a clear message from the bot, not Discord's.
  return { ...common, type: ApplicationCommandOptionType.String, autocomplete: o.autocomplete !== undefined, max_length: DISCORD.stringOption };
}

export function discordDefinition(spec: CommandSpec): CommandDefinition {
  return {
    type: ApplicationCommandType.ChatInput,
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    name: spec.name,
    name_localizations: sv(spec.sv),
    description: spec.description.en,
    description_localizations: sv(spec.description.sv),
    ...(spec.options.length > 0 || spec.shareable ? { options: [...spec.options.map(option), ...(spec.shareable ? [privateOption] : [])] } : {}),
    ...(spec.defaultMemberPermissions === 'manage-server' ? { default_member_permissions: String(PermissionFlagsBits.ManageGuild) } : {}),
  };
}

export function discordDefinitions(specs: readonly CommandSpec[] = COMMAND_SPECS): CommandDefinition[] {
  return specs.map(discordDefinition);
}
