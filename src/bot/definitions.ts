import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { KINDS } from '../data/schema.js';
import { KIND_LABELS } from '../i18n.js';
import { DISCORD } from '../limits.js';

/**
 * The slash commands as Discord receives them. Names and options are a contract (deployment and other tools rely
 * on them): change them only on purpose. Discord has no fallback for sv-SE, so every name and description carries
 * its Swedish localization.
 */

type Command = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Option = NonNullable<Command['options']>[number];

const sv = (text: string) => ({ 'sv-SE': text });

const privateOption = {
  type: ApplicationCommandOptionType.Boolean,
  name: 'private',
  name_localizations: sv('privat'),
  description: 'Only you see the answer (default: the channel sees it)',
  description_localizations: sv('Bara du ser svaret (annars ser kanalen det)'),
  required: false,
} as const satisfies Option;

const text = (name: string, svName: string, description: string, svDescription: string, extra: { required?: boolean; autocomplete?: boolean } = {}) =>
  ({
    type: ApplicationCommandOptionType.String,
    name,
    name_localizations: sv(svName),
    description,
    description_localizations: sv(svDescription),
    required: extra.required ?? true,
    autocomplete: extra.autocomplete ?? false,
    // Discord allows up to 6000; text over our MAX_QUERY_LENGTH gets a clear message from the bot, not Discord's.
    max_length: DISCORD.stringOption,
  }) as const satisfies Option;

const base = {
  type: ApplicationCommandType.ChatInput,
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
} satisfies Partial<Command>;

export const COMMAND_DEFINITIONS: Command[] = [
  {
    ...base,
    name: 'visit',
    name_localizations: sv('besök'),
    description: 'When the team was at a place, what they did, and whom they talked to',
    description_localizations: sv('När teamet var på en plats, vad de gjorde och vem de talade med'),
    options: [text('place', 'plats', 'A library, municipality or county, e.g. Motala', 'Ett bibliotek, en kommun eller ett län, t.ex. Motala', { autocomplete: true }), privateOption],
  },
  {
    ...base,
    name: 'contact',
    name_localizations: sv('kontakt'),
    description: 'People and organisations: roles, and when the team was in touch',
    description_localizations: sv('Personer och organisationer: roller och när teamet hade kontakt'),
    options: [text('who', 'vem', 'A name, role or organisation, e.g. projektledare', 'Ett namn, en roll eller organisation, t.ex. projektledare', { autocomplete: true }), privateOption],
  },
  {
    ...base,
    name: 'timeline',
    name_localizations: sv('tidslinje'),
    description: 'Activities in a period, in date order',
    description_localizations: sv('Aktiviteter under en period, i datumordning'),
    options: [text('period', 'period', 'A year, season or month, e.g. spring 2017', 'Ett år, en termin eller månad, t.ex. våren 2017', { autocomplete: true }), privateOption],
  },
  {
    ...base,
    name: 'search',
    name_localizations: sv('sök'),
    description: 'Free-text search of the record, in Swedish or English',
    description_localizations: sv('Fritextsökning i protokollet, på svenska eller engelska'),
    options: [
      text('query', 'sökord', 'What to look for, e.g. citizen service', 'Vad du letar efter, t.ex. medborgarservice'),
      {
        type: ApplicationCommandOptionType.String,
        name: 'kind',
        name_localizations: sv('typ'),
        description: 'Only entries of this kind',
        description_localizations: sv('Bara aktiviteter av den här typen'),
        required: false,
        choices: KINDS.map((kind) => ({ name: KIND_LABELS[kind].en, name_localizations: sv(KIND_LABELS[kind].sv), value: kind })),
      },
      privateOption,
    ],
  },
  {
    ...base,
    name: 'summary',
    name_localizations: sv('sammanfattning'),
    description: 'A shareable summary: counts by kind, places, people',
    description_localizations: sv('En sammanfattning att dela: antal per typ, platser, personer'),
    options: [text('period', 'period', 'A period (default: the whole project)', 'En period (annars hela projektet)', { required: false, autocomplete: true }), privateOption],
  },
  {
    ...base,
    name: 'entry',
    name_localizations: sv('aktivitet'),
    description: 'One activity in full, quoting the record',
    description_localizations: sv('En aktivitet i sin helhet, med protokollets ord'),
    options: [text('title', 'titel', 'Start typing a title, place or period', 'Börja skriva en titel, plats eller period', { autocomplete: true }), privateOption],
  },
  {
    ...base,
    name: 'ask',
    name_localizations: sv('fråga'),
    description: 'Ask a question in plain Swedish or English',
    description_localizations: sv('Ställ en fråga på vanlig svenska eller engelska'),
    options: [text('question', 'fråga', 'e.g. When did we visit Motala?', 't.ex. När besökte vi Motala?'), privateOption],
  },
  {
    ...base,
    name: 'help',
    name_localizations: sv('hjälp'),
    description: 'What Projektminne can do',
    description_localizations: sv('Vad Projektminne kan göra'),
  },
];

/** The option that carries each command's text (what autocomplete completes and what the command reads). */
export const TEXT_OPTION = {
  visit: 'place',
  contact: 'who',
  timeline: 'period',
  search: 'query',
  summary: 'period',
  entry: 'title',
  ask: 'question',
  help: null,
} as const;
