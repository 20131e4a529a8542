/**
 * Synthetic records for benchmarks: schema-valid entries drawn with a fixed seed from the record's domain —
 * libraries, municipalities and counties, people and roles, kinds, seasons and months, Swedish compounds and
 * inflections — about 45 words each, like the real entries.
 */
import type { Entry, Kind, RecordFile } from '../src/data/schema.js';

/** mulberry32: small, fast, and the same sequence everywhere for a seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const MUNICIPALITIES: [string, string][] = [
  ['Stockholm', 'Stockholms län'], ['Botkyrka', 'Stockholms län'], ['Huddinge', 'Stockholms län'], ['Nacka', 'Stockholms län'],
  ['Nykvarn', 'Stockholms län'], ['Södertälje', 'Stockholms län'], ['Järfälla', 'Stockholms län'], ['Solna', 'Stockholms län'],
  ['Sundbyberg', 'Stockholms län'], ['Täby', 'Stockholms län'], ['Värmdö', 'Stockholms län'], ['Norrtälje', 'Stockholms län'],
  ['Haninge', 'Stockholms län'], ['Tyresö', 'Stockholms län'], ['Upplands Väsby', 'Stockholms län'], ['Sigtuna', 'Stockholms län'],
  ['Motala', 'Östergötlands län'], ['Linköping', 'Östergötlands län'], ['Norrköping', 'Östergötlands län'], ['Mjölby', 'Östergötlands län'],
  ['Sundsvall', 'Västernorrlands län'], ['Härnösand', 'Västernorrlands län'], ['Örnsköldsvik', 'Västernorrlands län'], ['Kramfors', 'Västernorrlands län'],
  ['Umeå', 'Västerbottens län'], ['Skellefteå', 'Västerbottens län'], ['Lycksele', 'Västerbottens län'], ['Vilhelmina', 'Västerbottens län'],
  ['Malmö', 'Skåne län'], ['Lund', 'Skåne län'], ['Helsingborg', 'Skåne län'], ['Kristianstad', 'Skåne län'], ['Ystad', 'Skåne län'],
  ['Göteborg', 'Västra Götalands län'], ['Borås', 'Västra Götalands län'], ['Trollhättan', 'Västra Götalands län'], ['Skövde', 'Västra Götalands län'],
  ['Uppsala', 'Uppsala län'], ['Enköping', 'Uppsala län'], ['Östhammar', 'Uppsala län'], ['Västerås', 'Västmanlands län'], ['Köping', 'Västmanlands län'],
  ['Örebro', 'Örebro län'], ['Karlskoga', 'Örebro län'], ['Gävle', 'Gävleborgs län'], ['Hudiksvall', 'Gävleborgs län'], ['Falun', 'Dalarnas län'],
  ['Borlänge', 'Dalarnas län'], ['Karlstad', 'Värmlands län'], ['Arvika', 'Värmlands län'], ['Jönköping', 'Jönköpings län'], ['Värnamo', 'Jönköpings län'],
  ['Växjö', 'Kronobergs län'], ['Kalmar', 'Kalmar län'], ['Visby', 'Gotlands län'], ['Halmstad', 'Hallands län'], ['Luleå', 'Norrbottens län'],
  ['Kiruna', 'Norrbottens län'], ['Älvsbyn', 'Norrbottens län'], ['Östersund', 'Jämtlands län'], ['Karlskrona', 'Blekinge län'], ['Eskilstuna', 'Södermanlands län'],
];
const DISTRICTS = ['Hässelby gård', 'Skärholmen', 'Älvsjö', 'Blackeberg', 'Skogås', 'Vårsta', 'Rinkeby', 'Kista', 'Farsta', 'Tensta', 'Fisksätra', 'Flemingsberg', 'Alby', 'Hallunda', 'Rosengård', 'Hjällbo', 'Gottsunda', 'Navestad'];
const FIRST = ['Julia', 'Rebecca', 'Petter', 'Anna', 'Erik', 'Maria', 'Johan', 'Karin', 'Lars', 'Sara', 'Mikael', 'Eva', 'Anders', 'Lena', 'Per', 'Emma', 'Oskar', 'Ingrid', 'Ali', 'Fatima', 'Björn', 'Åsa', 'Göran', 'Linnéa', 'Tove', 'Jonas', 'Elin', 'Hanna', 'Magnus', 'Sofia'];
const LAST = ['Larsson', 'Eriksson', 'Stjernstedt', 'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Lindberg', 'Lindqvist', 'Åberg', 'Öberg', 'Björk', 'Holm', 'Sjöberg', 'Wallin', 'Engström', 'Lundgren', 'Hassan', 'Mohammed', 'Nyström', 'Bergström', 'Sandberg', 'Forsberg', 'Håkansson', 'Ek'];
const ROLES = ['projektledare', 'projektsamordnare', 'samordnare', 'bibliotekschef', 'enhetschef', 'bibliotekarie', 'utvecklingsledare', 'verksamhetsutvecklare', 'IT-pedagog', 'kommunikatör', 'länsbibliotekarie', 'regionutvecklare'];
const TOPICS = ['digital kompetens', 'medborgarservice', 'digital delaktighet', 'lärcentrum', 'folkbildning', 'meröppet bibliotek', 'språkcafé', 'läsfrämjande', 'e-tjänster', 'källkritik', 'integration', 'samverkan', 'biblioteksplan', 'programverksamhet', 'digitalt utanförskap', 'nyanlända', 'seniorer', 'studieförbund', 'kundcenter', 'medborgarkontor'];
const KIND_PHRASES: Record<Kind, [string, string]> = {
  survey: ['Enkät till folkbiblioteken i', 'A survey of the public libraries in'],
  workshop: ['Workshopar med bibliotekspersonal på', 'Workshops with library staff at'],
  conference: ['Regional konferens om arbetet på biblioteken i', 'A regional conference on the work of the libraries in'],
  mapping: ['Kartläggning av tillgången till medborgarservice i', 'A mapping of access to citizen service in'],
  'study-trip': ['Studieresa till', 'A study trip to'],
  'study-visit': ['Studiebesök på', 'A study visit to'],
  visit: ['Besök och samtal på', 'A visit and conversation at'],
  'phone-interview': ['Telefonintervju med', 'A phone interview with'],
  'phone-call': ['Telefonsamtal med', 'A phone call with'],
  conversation: ['Samtal med', 'A conversation with'],
  email: ['Mailkontakt med', 'Email contact with'],
};
const KINDS = Object.keys(KIND_PHRASES) as Kind[];
const FILLER = [
  'tillsammans med biblioteksanställda i länet', 'om bibliotekens arbete med digitala servicecenter', 'kring samarbeten mellan biblioteket och andra kommunala aktörer',
  'med fokus på stadsbibliotekens medborgarservice', 'där personalen berättade om workshoparna', 'och genomgång av kommunernas webbplatser och biblioteksplaner',
  'om flerspråkig personal och samarbete med Arbetsförmedlingen', 'om lärcentrumets verksamhet för nyanlända', 'inför nästa års biblioteksplan',
  'om bibliotekens insatser för digital kompetens', 'och uppföljning av enkäten från förra terminen', 'med projektsamordnarna från regionbiblioteket',
];
const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

export function generateRecord(count: number, seed = 42): RecordFile {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const kind = pick(KINDS);
    const [muni, county] = pick(MUNICIPALITIES);
    const year = 2010 + Math.floor(r() * 16);
    const shape = r();
    const pad = (m: number) => String(m).padStart(2, '0');
    const period =
      shape < 0.6
        ? r() < 0.5
          ? { label: `Våren ${year}`, start: `${year}-01`, end: `${year}-06` }
          : { label: `Hösten ${year}`, start: `${year}-07`, end: `${year}-12` }
        : shape < 0.9
          ? (() => {
              const m = 1 + Math.floor(r() * 12);
              return { label: `${MONTHS[m - 1]![0]!.toUpperCase()}${MONTHS[m - 1]!.slice(1)} ${year}`, start: `${year}-${pad(m)}`, end: `${year}-${pad(m)}` };
            })()
          : { label: `Hösten ${year}-våren ${year + 1}`, start: `${year}-07`, end: `${year + 1}-06` };
    const genitive = muni.endsWith('s') ? muni : `${muni}s`;
    const district = r() < 0.25 ? pick(DISTRICTS) : undefined;
    const library = district ? `${district} bibliotek` : r() < 0.5 ? `${genitive} stadsbibliotek` : `${genitive} bibliotek`;
    const place = { name: library, municipality: muni, county, ...(district ? { district } : {}) };
    const peopleCount = kind === 'phone-interview' || kind === 'conversation' ? 1 + Math.floor(r() * 2) : r() < 0.3 ? 1 : 0;
    const people = Array.from({ length: peopleCount }, () => ({ name: `${pick(FIRST)} ${pick(LAST)}`, role: pick(ROLES), organisation: library }));
    const topics = [pick(TOPICS), pick(TOPICS)];
    const [sv, en] = KIND_PHRASES[kind];
    const who = people.map((p) => `${p.name}, ${p.role}`).join(' och ');
    const source = `${period.label}: ${sv} ${library}${who ? `. ${who}` : ''}, ${pick(FILLER)} ${pick(FILLER)}. Samtalet handlade om ${topics.join(' och ')} ${pick(FILLER)}.`;
    entries.push({
      id: `${period.start}-${kind}-${i}`,
      kind,
      period,
      section: 'Syntetiska aktiviteter',
      title: `${sv} ${library}`.slice(0, 200),
      summary: `${en} ${library} in ${muni}, about ${topics.join(' and ')}.`,
      places: [place],
      organisations: [library, `${muni} kommun`],
      topics,
      people,
      source,
    });
  }
  return { record: { title: `Syntetiskt protokoll, ${count} aktiviteter`, sections: ['Syntetiska aktiviteter'] }, entries };
}
