import type { Locale } from '../i18n.js';

/**
 * The UI text of the living record (/log, Undo, Restore, the form), in both languages. Kept beside the code that
 * uses it rather than in src/i18n.ts while issue 12 edits that file; it has the same shape rules (English defines
 * the keys, Swedish must match) and can be folded in when the branches meet.
 */
const en = {
  formTitle: 'Log an activity',
  formTitleCorrect: 'Correct an activity',
  fieldWhen: 'When (a period or a date)',
  fieldWhere: 'Where (one place a line)',
  fieldWho: 'Who ("Name, role" a line)',
  fieldTitle: 'Title',
  fieldText: 'What happened, as the record says it',
  placeholderWhen: 'våren 2018, September 2017, 2018-05-14',
  placeholderWhere: 'Kiruna bibliotek\nMotala',
  placeholderWho: 'Saga Nilsson, bibliotekarie\nJulia Larsson, projektledare, Digidelcenter Motala bibliotek',
  placeholderTitle: 'Studiebesök på Kiruna bibliotek',
  placeholderText: 'Besök på Kiruna bibliotek om digital delaktighet.',
  added: (user: string) => `Added to the record by ${user}. This is how it will be found:`,
  updated: (user: string) => `Corrected by ${user}. This is how it will be found:`,
  restored: (user: string) => `Restored by ${user}:`,
  removed: (title: string, user: string) => `"${title}" was taken out of the record by ${user}. It is kept in the history and can be restored.`,
  undo: 'Undo',
  restore: 'Restore',
  reopen: 'Open the form again',
  invalid: 'The activity was not saved. Please check:',
  fieldNames: { when: 'When', where: 'Where', who: 'Who', title: 'Title', text: 'What happened', what: 'Kind', entry: 'Entry' } as Record<string, string>,
  problem: {
    empty: 'must not be empty',
    period: (typed: string) => `"${typed}" is not a period I can read (try våren 2018, September 2017, 2018-05-14 or 2016-2017)`,
    place: (typed: string) => `"${typed}" is not a place I know in Sweden (write a municipality, county, or a place followed by its municipality: "Kiruna bibliotek, Kiruna")`,
    region: (typed: string) => `"${typed}" is a whole part of Sweden: name a county or municipality`,
    person: (typed: string) => `"${typed}" needs an organisation: "Name, role, organisation", or name a place first`,
    tooLong: (max: number) => `must be at most ${max} characters`,
    invalid: (message: string) => message,
  },
  notEditor: 'Only members with the editor role or the Manage Server permission may change the record.',
  readOnly: 'This record is read from a file and cannot be changed here.',
  notFound: (id: string) => `There is no activity with the id "${id}".`,
  isRemoved: (id: string) => `The activity "${id}" has been taken out of the record. Restore it first (/log restore:${id}).`,
  notRemoved: (id: string) => `The activity "${id}" is in the record; there is nothing to restore.`,
  draftExpired: 'That form is no longer kept (forms are kept for 30 minutes, and not across a restart). Run /log again.',
  terminal: 'Activities are logged from Discord with /log, or imported from text with npm run import.',
  addedBy: (who: string, when: string) => `Added by ${who}, ${when}`,
  updatedBy: (who: string, when: string) => `corrected by ${who}, ${when}`,
  reportFiles: (title: string, n: number) => `${title}: ${n} ${n === 1 ? 'activity' : 'activities'}, as Markdown and Word files.`,
};

export type LivingMessages = typeof en;

const sv: LivingMessages = {
  formTitle: 'Logga en aktivitet',
  formTitleCorrect: 'Rätta en aktivitet',
  fieldWhen: 'När (en period eller ett datum)',
  fieldWhere: 'Var (en plats per rad)',
  fieldWho: 'Vem ("Namn, roll" per rad)',
  fieldTitle: 'Rubrik',
  fieldText: 'Vad som hände, med protokollets ord',
  placeholderWhen: 'våren 2018, september 2017, 2018-05-14',
  placeholderWhere: 'Kiruna bibliotek\nMotala',
  placeholderWho: 'Saga Nilsson, bibliotekarie\nJulia Larsson, projektledare, Digidelcenter Motala bibliotek',
  placeholderTitle: 'Studiebesök på Kiruna bibliotek',
  placeholderText: 'Besök på Kiruna bibliotek om digital delaktighet.',
  added: (user: string) => `Tillagd i protokollet av ${user}. Så här hittas den:`,
  updated: (user: string) => `Rättad av ${user}. Så här hittas den:`,
  restored: (user: string) => `Återställd av ${user}:`,
  removed: (title: string, user: string) => `”${title}” togs bort ur protokollet av ${user}. Den finns kvar i historiken och kan återställas.`,
  undo: 'Ångra',
  restore: 'Återställ',
  reopen: 'Öppna formuläret igen',
  invalid: 'Aktiviteten sparades inte. Kontrollera:',
  fieldNames: { when: 'När', where: 'Var', who: 'Vem', title: 'Rubrik', text: 'Vad som hände', what: 'Typ', entry: 'Aktivitet' },
  problem: {
    empty: 'får inte vara tomt',
    period: (typed: string) => `”${typed}” är ingen period jag kan läsa (prova våren 2018, september 2017, 2018-05-14 eller 2016-2017)`,
    place: (typed: string) => `”${typed}” är ingen plats jag känner till i Sverige (skriv en kommun, ett län, eller en plats följd av sin kommun: ”Kiruna bibliotek, Kiruna”)`,
    region: (typed: string) => `”${typed}” är en hel landsdel: skriv ett län eller en kommun`,
    person: (typed: string) => `”${typed}” behöver en organisation: ”Namn, roll, organisation”, eller skriv en plats först`,
    tooLong: (max: number) => `får vara högst ${max} tecken`,
    invalid: (message: string) => message,
  },
  notEditor: 'Bara medlemmar med redaktörsrollen eller behörigheten Hantera server får ändra i protokollet.',
  readOnly: 'Det här protokollet läses från en fil och kan inte ändras här.',
  notFound: (id: string) => `Det finns ingen aktivitet med id ”${id}”.`,
  isRemoved: (id: string) => `Aktiviteten ”${id}” är borttagen ur protokollet. Återställ den först (/logga återställ:${id}).`,
  notRemoved: (id: string) => `Aktiviteten ”${id}” finns i protokollet; det finns inget att återställa.`,
  draftExpired: 'Det formuläret finns inte kvar (formulär sparas i 30 minuter, och inte över en omstart). Kör /logga igen.',
  terminal: 'Aktiviteter loggas från Discord med /logga, eller importeras från text med npm run import.',
  addedBy: (who: string, when: string) => `Tillagd av ${who}, ${when}`,
  updatedBy: (who: string, when: string) => `rättad av ${who}, ${when}`,
  reportFiles: (title: string, n: number) => `${title}: ${n} ${n === 1 ? 'aktivitet' : 'aktiviteter'}, som Markdown- och Word-fil.`,
};

export function living(locale: Locale): LivingMessages {
  return locale === 'sv' ? sv : en;
}
