import { t } from '../i18n.js';
import type { CommandSpec } from './spec.js';

/** `help`: what the bot can do; the renderers list every command from the registry. */
export const help: CommandSpec = {
  name: 'help',
  sv: 'hjälp',
  code: 'h',
  description: { en: 'What Projektminne can do', sv: 'Vad Projektminne kan göra' },
  help: { en: 'This help.', sv: 'Den här hjälpen.' },
  usage: '',
  options: [],
  shareable: false,
  run: ({ text }, { locale, commands }) => ({
    type: 'help',
    command: 'help',
    query: text,
    locale,
    title: t(locale).helpTitle,
    description: t(locale).helpIntro,
    commands,
  }),
};
