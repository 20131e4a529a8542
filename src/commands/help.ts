import { t } from '../i18n.js';
import type { Command } from './reply.js';

export const help: Command = ({ text }, { locale }) => ({
  type: 'help',
  command: 'help',
  query: text,
  locale,
  title: t(locale).helpTitle,
  description: t(locale).helpIntro,
});
