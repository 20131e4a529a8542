import { KINDS } from '../data/schema.js';
import { KIND_LABELS } from '../i18n.js';
import { living } from '../living/text.js';
import { notice } from './reply.js';
import type { CommandSpec } from './spec.js';

/**
 * `/log` (sv `/logga`): adds an activity to the record, or corrects one, through a form. Discord's modals hold
 * text inputs only, so what can be chosen from a list is chosen before the form opens: the kind (choices), the
 * period and the place (autocomplete); the form then holds when, where, who, title and the text, pre-filled. The
 * writing itself is src/living/ (an effect, outside the pure commands); in a terminal this only points there.
 */
export const log: CommandSpec = {
  name: 'log',
  sv: 'logga',
  code: 'l',
  description: { en: 'Add an activity to the record (or correct one)', sv: 'Lägg till en aktivitet i protokollet (eller rätta en)' },
  help: {
    en: 'Add an activity through a form; with an entry, correct it. `/log what:Study visit when:spring 2018 where:Kiruna`',
    sv: 'Lägg till en aktivitet via ett formulär; med en aktivitet, rätta den. `/logga typ:Studiebesök när:våren 2018 var:Kiruna`',
  },
  usage: '',
  options: [
    {
      role: 'form',
      name: 'what',
      sv: 'typ',
      description: { en: 'What kind of activity (needed for a new one)', sv: 'Vilken sorts aktivitet (behövs för en ny)' },
      required: false,
      choices: KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] })),
    },
    {
      role: 'form',
      name: 'when',
      sv: 'när',
      description: { en: 'A period or a date, e.g. spring 2018', sv: 'En period eller ett datum, t.ex. våren 2018' },
      required: false,
      autocomplete: 'period',
    },
    {
      role: 'form',
      name: 'where',
      sv: 'var',
      description: { en: 'A place in the record or in Sweden', sv: 'En plats i protokollet eller i Sverige' },
      required: false,
      autocomplete: 'where',
    },
    {
      role: 'form',
      name: 'entry',
      sv: 'aktivitet',
      description: { en: 'Correct this activity instead (its form opens filled in)', sv: 'Rätta den här aktiviteten i stället (formuläret öppnas ifyllt)' },
      required: false,
      autocomplete: 'title',
    },
    {
      role: 'form',
      name: 'restore',
      sv: 'återställ',
      description: { en: 'Put a removed activity back (its id)', sv: 'Lägg tillbaka en borttagen aktivitet (dess id)' },
      required: false,
    },
  ],
  shareable: false,
  defaultMemberPermissions: 'manage-server',
  run: ({ text }, { locale }) => notice('log', text, locale, living(locale).terminal),
};
