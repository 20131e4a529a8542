import type { Kind } from './data/schema.js';

export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Discord sends "sv-SE" for Swedish; every other locale gets English. */
export function localeFromDiscord(discordLocale: string | null | undefined): Locale {
  return discordLocale?.toLowerCase().startsWith('sv') ? 'sv' : 'en';
}

export const KIND_LABELS: Record<Kind, Record<Locale, string>> = {
  survey: { sv: 'Enkät', en: 'Survey' },
  workshop: { sv: 'Workshop', en: 'Workshop' },
  conference: { sv: 'Konferens', en: 'Conference' },
  mapping: { sv: 'Kartläggning', en: 'Mapping' },
  'study-trip': { sv: 'Studieresa', en: 'Study trip' },
  'study-visit': { sv: 'Studiebesök', en: 'Study visit' },
  visit: { sv: 'Besök', en: 'Visit' },
  'phone-interview': { sv: 'Telefonintervju', en: 'Phone interview' },
  'phone-call': { sv: 'Telefonsamtal', en: 'Phone call' },
  conversation: { sv: 'Samtal', en: 'Conversation' },
  email: { sv: 'Mejlkontakt', en: 'Email' },
};

const MONTHS: Record<Locale, string[]> = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "våren 2017" → "Våren 2017" at the start of a sentence; lowerFirst the other way. */
export const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('sv-SE') + s.slice(1);
export const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('sv-SE') + s.slice(1);
const capitalise = upperFirst;

/** "2017-01".."2017-06" → "våren 2017" / "spring 2017"; a single month, a year, or a range otherwise. */
export function formatSpan(start: string, end: string, locale: Locale): string {
  const [sy, sm] = start.split('-').map(Number) as [number, number];
  const [ey, em] = end.split('-').map(Number) as [number, number];
  const season = (y: number, m: number, edge: 'start' | 'end'): string | null => {
    const spring = locale === 'sv' ? 'våren' : 'spring';
    const autumn = locale === 'sv' ? 'hösten' : 'autumn';
    if (edge === 'start' ? m === 1 : m === 6) return `${spring} ${y}`;
    if (edge === 'start' ? m === 7 : m === 12) return `${autumn} ${y}`;
    return null;
  };
  if (start === end) return capitalise(`${MONTHS[locale][sm - 1]} ${sy}`);
  if (sy === ey && sm === 1 && em === 12) return String(sy);
  if (sm === 1 && em === 12) return `${sy}–${ey}`;
  if (sy === ey && ((sm === 1 && em === 6) || (sm === 7 && em === 12))) return capitalise(season(sy, sm, 'start')!);
  const from = season(sy, sm, 'start') ?? `${MONTHS[locale][sm - 1]} ${sy}`;
  const to = season(ey, em, 'end') ?? `${MONTHS[locale][em - 1]} ${ey}`;
  return capitalise(`${from} – ${to}`);
}

/** "Våren 2017" → "våren 2017" and "Spring 2017" → "spring 2017" inside a sentence; English months keep capitals. */
export function inSentence(label: string, locale: Locale): string {
  return locale === 'sv' || /^(Spring|Autumn)/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** The period as the record writes it in Swedish; in English, built from its months. */
export function periodLabel(period: { label: string; start: string; end: string }, locale: Locale): string {
  return locale === 'sv' ? period.label : formatSpan(period.start, period.end, locale);
}

/** Every piece of UI text. English defines the shape; Swedish must match it key for key. */
const en = {
    appName: 'Projektminne',
    pageOf: (from: number, to: number, total: number) => `${from}–${to} of ${total}`,
    page: (page: number, pages: number) => `Page ${page} of ${pages}`,
    kind: 'Kind',
    period: 'Period',
    places: 'Places',
    people: 'People',
    organisations: 'Organisations',
    topics: 'Topics',
    record: 'From the record',
    entryId: 'Id',
    organisation: 'Organisation',
    contacts: 'Contacts',
    visitTitle: (place: string) => `Visits and contacts: ${place}`,
    visitNone: (query: string) => `I can't find any activities at "${query}".`,
    visitDidYouMean: (names: string) => `Did you mean: ${names}?`,
    visitNoActivity: (place: string) => `The record has no activity in ${place}.`,
    contactTitle: (query: string) => `Contacts: ${query}`,
    contactNone: (query: string) => `I can't find a contact matching "${query}".`,
    contactDidYouMean: (name: string) => `Did you mean ${name}?`,
    timelineTitle: (period: string) => `Timeline: ${period}`,
    timelineNone: (period: string) => `No activities in ${period}.`,
    badPeriod: (query: string, command: string) =>
      `I don't understand the period "${query}". Try for example ${command} 2017, ${command} spring 2017, autumn 2016, September 2017 or 2016–2017.`,
    searchTitle: (query: string) => `Search: ${query}`,
    searchNone: (query: string) => `Nothing found for "${query}".`,
    summaryTitle: (period: string) => `Summary: ${period}`,
    summaryWhole: 'the whole project',
    summaryNone: (period: string) => `No activities in ${period} to summarise.`,
    summaryLead: (count: number, period: string) => `${count} ${count === 1 ? 'activity' : 'activities'} in ${period}.`,
    summaryBeyond: (count: number) => (count === 1 ? 'One of them also runs outside this period.' : `${count} of them also run outside this period.`),
    datedBySeason: (season: string) => `dated by season (${season}), not by month`,
    datedOnly: (period: string) => `the record dates it only to ${period}`,
    runsOutside: (period: string) => `runs ${period}, partly outside this period`,
    continued: (name: string) => `${name} (continued)`,
    byKind: 'By kind',
    pictureWritten: (file: string) => `Picture written to ${file}.`,
    pictureNotWritten: (file: string, reason: string) => `Could not write the picture to ${file} (${reason === 'ENOENT' ? 'no such folder' : reason}).`,
    noPicture: 'No picture: --png goes with timeline and summary when there are activities to show.',
    activities: 'Activities',
    counties: 'Counties',
    entryNone: (query: string) => `I can't find an activity called "${query}".`,
    askInterpreted: (command: string) => `Read as ${command}`,
    readAs: 'Read as',
    periodUnsupported: (which: 'summer' | 'winter' | 'quarter') =>
      `The record dates by spring and autumn term and by single months, not by ${which === 'summer' ? 'summers' : which === 'winter' ? 'winters' : 'quarters'}: try e.g. spring 2017, autumn 2017, June 2017 or 2017.`,
    askNone: (query: string) => `I couldn't find an answer to "${query}".`,
    helpTitle: 'Projektminne – help',
    helpIntro:
      "I know the project's record for 2016–2018: activities, study visits, interviews and contacts. Write in English or Swedish; typos and missing å/ä/ö are fine. The record's own words stay Swedish.",
    errorEmpty: 'Type something to search for.',
    errorTooLong: (max: number) => `That text is too long (at most ${max} characters).`,
    errorControl: 'That text contains control characters that are not allowed.',
    errorUnknownCommand: (name: string, names: readonly string[]) => `Unknown command "${name}". Commands: ${names.join(', ')}.`,
    errorInternal: 'Something went wrong on my side. Please try again in a moment.',
    previous: 'Previous',
    next: 'Next',
    share: 'Share in channel',
    buttonExpired: (command: string | undefined) => `This button no longer works. Run ${command ?? 'the command'} again.`,
    sharedBy: (user: string) => `Shared by ${user}`,
    more: (n: number) => `… and ${n} more`,
  };

export type Messages = typeof en;

const sv: Messages = {
    appName: 'Projektminne',
    pageOf: (from: number, to: number, total: number) => `${from}–${to} av ${total}`,
    page: (page: number, pages: number) => `Sida ${page} av ${pages}`,
    kind: 'Typ',
    period: 'Period',
    places: 'Platser',
    people: 'Personer',
    organisations: 'Organisationer',
    topics: 'Ämnen',
    record: 'Ur protokollet',
    entryId: 'Id',
    organisation: 'Organisation',
    contacts: 'Kontakter',
    visitTitle: (place: string) => `Besök och kontakter: ${place}`,
    visitNone: (query: string) => `Jag hittar inga aktiviteter på platsen ”${query}”.`,
    visitDidYouMean: (names: string) => `Menade du: ${names}?`,
    visitNoActivity: (place: string) => `Protokollet har ingen aktivitet i ${place}.`,
    contactTitle: (query: string) => `Kontakter: ${query}`,
    contactNone: (query: string) => `Jag hittar ingen kontakt som matchar ”${query}”.`,
    contactDidYouMean: (name: string) => `Menade du ${name}?`,
    timelineTitle: (period: string) => `Tidslinje: ${period}`,
    timelineNone: (period: string) => `Inga aktiviteter under ${period}.`,
    badPeriod: (query: string, command: string) =>
      `Jag förstår inte perioden ”${query}”. Prova till exempel ${command} 2017, ${command} våren 2017, hösten 2016, september 2017 eller 2016–2017.`,
    searchTitle: (query: string) => `Sökning: ${query}`,
    searchNone: (query: string) => `Inga träffar på ”${query}”.`,
    summaryTitle: (period: string) => `Sammanfattning: ${period}`,
    summaryWhole: 'hela projektet',
    summaryNone: (period: string) => `Inga aktiviteter under ${period} att sammanfatta.`,
    summaryLead: (count: number, period: string) => `${count} ${count === 1 ? 'aktivitet' : 'aktiviteter'} under ${period}.`,
    summaryBeyond: (count: number) => (count === 1 ? 'En av dem pågår också utanför perioden.' : `${count} av dem pågår också utanför perioden.`),
    datedBySeason: (season: string) => `daterad till terminen (${season}), inte till månad`,
    datedOnly: (period: string) => `protokollet daterar den bara till ${period}`,
    runsOutside: (period: string) => `pågick ${period}, delvis utanför perioden`,
    continued: (name: string) => `${name} (forts.)`,
    byKind: 'Per typ',
    pictureWritten: (file: string) => `Bilden sparad i ${file}.`,
    pictureNotWritten: (file: string, reason: string) => `Kunde inte spara bilden i ${file} (${reason === 'ENOENT' ? 'mappen finns inte' : reason}).`,
    noPicture: 'Ingen bild: --png gäller tidslinje och sammanfattning när det finns aktiviteter att visa.',
    activities: 'Aktiviteter',
    counties: 'Län',
    entryNone: (query: string) => `Jag hittar ingen aktivitet som heter ”${query}”.`,
    askInterpreted: (command: string) => `Tolkat som ${command}`,
    readAs: 'Tolkat som',
    periodUnsupported: (which: 'summer' | 'winter' | 'quarter') =>
      `Protokollet daterar efter vår- och hösttermin och enstaka månader, inte efter ${which === 'summer' ? 'somrar' : which === 'winter' ? 'vintrar' : 'kvartal'}: prova t.ex. våren 2017, hösten 2017, juni 2017 eller 2017.`,
    askNone: (query: string) => `Jag kunde inte hitta något svar på ”${query}”.`,
    helpTitle: 'Projektminne – hjälp',
    helpIntro:
      'Jag kan projektets protokoll 2016–2018: aktiviteter, studiebesök, intervjuer och kontakter. Skriv på svenska eller engelska; stavfel och saknade å/ä/ö går bra.',
    errorEmpty: 'Skriv något att söka efter.',
    errorTooLong: (max: number) => `Texten är för lång (högst ${max} tecken).`,
    errorControl: 'Texten innehåller otillåtna kontrolltecken.',
    errorUnknownCommand: (name: string, names: readonly string[]) => `Okänt kommando ”${name}”. Kommandon: ${names.join(', ')}.`,
    errorInternal: 'Något gick fel hos mig. Försök igen om en stund.',
    previous: 'Föregående',
    next: 'Nästa',
    share: 'Dela i kanalen',
    buttonExpired: (command: string | undefined) => `Den här knappen fungerar inte längre. Kör ${command ?? 'kommandot'} igen.`,
    sharedBy: (user: string) => `Delat av ${user}`,
    more: (n: number) => `… och ${n} till`,
  };

const MESSAGES: Record<Locale, Messages> = { sv, en };

export function t(locale: Locale): Messages {
  return MESSAGES[locale];
}
