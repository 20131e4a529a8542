import type { Kind } from '../data/schema.js';

/**
 * The words that steer how a question is read, folded (lower case, no diacritics; ø/æ read as ö/ä). Each list says
 * what it decides. They are matched as whole words (multi-word cues as phrases) and taken out of the text before the
 * rest is searched, so "vad har vi haft för kontakt med Nykvarn" searches for nothing but the place.
 */

/** How many items one sentence names before "och N till": an answer must stay a sentence on any record. */
export const SENTENCE_ITEMS = 12;

export type Shape = 'when' | 'who' | 'where' | 'how-many' | 'which' | 'how-in-touch' | 'what-happened' | 'yes-no' | 'first' | 'last';

/** The in-person kinds: what "besöka", "visit", "åka till", "vara i" mean. */
export const VISIT_KINDS: readonly Kind[] = ['visit', 'study-visit', 'study-trip'];
/** Being somewhere ("har vi varit i", "went to"): a visit, or a conversation held there face to face (Storforsen). */
export const BEING_KINDS: readonly Kind[] = [...VISIT_KINDS, 'conversation'];
/** The verbs of being somewhere (as opposed to meeting someone, "träffade", which names the same kinds). */
export const BEING_VERBS = new Set(['varit', 'akte', 'aka till', 'went', 'go to', 'go on', 'been']);
/** Every way the team was in touch with someone: "kontakt", "in touch". The project's own work is not contact. */
export const CONTACT_KINDS: readonly Kind[] = ['visit', 'study-visit', 'study-trip', 'phone-interview', 'phone-call', 'conversation', 'email'];

/** Talking to someone: face to face or on the phone, not a trip with colleagues or an email. */
export const TALK_KINDS: readonly Kind[] = ['visit', 'study-visit', 'phone-interview', 'phone-call', 'conversation'];

/**
 * Cues that are verbs ("besökte", "ringde", "visit"): a when-question with one of them about a place also lists the
 * place's other mentions after the asked kind. A noun ("workshoparna", "the phone calls") asks about that activity.
 */
export const VERB_CUES = new Set([
  ...'besokte besokt besoka akte varit visit visited vist went been traffade traffa met meet ringde ringt ringa ringte phone phoned call called'.split(' '),
  ...'mejlade mejla mejlat mailade emailed kontaktade contacted pratade pratat talade talk talked spoke speak intervjuade intervjuat'.split(' '),
  ...['intervjua', 'interviewed', 'telefonintervjuade', 'aka till', 'go to', 'go on', 'in touch', 'e mail', 'e mailed', 'besokte vi', 'kontakt'],
]);

/**
 * The project's own work can be mentioned in other entries' words: the September conversations were held at the
 * "Regional konferens Storforsen". A question about the conference there means those entries too.
 */
export const OWN_WORK_WORDS: Partial<Record<Kind, readonly string[]>> = {
  conference: ['konferens', 'conference'],
  workshop: ['workshop'],
  survey: ['enkat', 'survey'],
  mapping: ['kartlaggning', 'mapping'],
};

/** Words (or phrases) that name kinds, by verb or noun, Swedish and English. Longest phrases are tried first. */
export const KIND_CUES: readonly [string, readonly Kind[]][] = [
  ['studiebesok', ['visit', 'study-visit']],
  ['studiebesoket', ['visit', 'study-visit']],
  ['studiebesoken', ['visit', 'study-visit']],
  ['study visit', ['visit', 'study-visit']],
  ['study visits', ['visit', 'study-visit']],
  ['studieresa', ['study-trip']],
  ['studieresan', ['study-trip']],
  ['studieresor', ['study-trip']],
  ['studieresorna', ['study-trip']],
  ['study trip', ['study-trip']],
  ['study trips', ['study-trip']],
  ['telefonintervju', ['phone-interview']],
  ['telefonintervjuer', ['phone-interview']],
  ['telefonintervjuerna', ['phone-interview']],
  ['telefonintervjun', ['phone-interview']],
  ['telefonintervjuade', ['phone-interview']],
  ['phone interview', ['phone-interview']],
  ['phone interviews', ['phone-interview']],
  ['intervju', ['phone-interview']],
  ['intervjuer', ['phone-interview']],
  ['intervjun', ['phone-interview']],
  ['intervjuerna', ['phone-interview']],
  ['intervjuade', ['phone-interview']],
  ['intervjuat', ['phone-interview']],
  ['intervjua', ['phone-interview']],
  ['interview', ['phone-interview']],
  ['interviews', ['phone-interview']],
  ['interviewed', ['phone-interview']],
  ['telefonsamtal', ['phone-interview', 'phone-call']],
  ['telefonsamtalen', ['phone-interview', 'phone-call']],
  ['telefonsamtalet', ['phone-interview', 'phone-call']],
  ['phone call', ['phone-interview', 'phone-call']],
  ['phone calls', ['phone-interview', 'phone-call']],
  ['ringde', ['phone-interview', 'phone-call']],
  ['ringt', ['phone-interview', 'phone-call']],
  ['ringa', ['phone-interview', 'phone-call']],
  ['ringte', ['phone-interview', 'phone-call']],
  ['telefon', ['phone-interview', 'phone-call']],
  ['per telefon', ['phone-interview', 'phone-call']],
  ['phone', ['phone-interview', 'phone-call']],
  ['phoned', ['phone-interview', 'phone-call']],
  ['call', ['phone-interview', 'phone-call']],
  ['called', ['phone-interview', 'phone-call']],
  ['mejlade', ['email']],
  ['mejla', ['email']],
  ['mejlat', ['email']],
  ['mailade', ['email']],
  ['mejl', ['email']],
  ['mejlkontakt', ['email']],
  ['mejlkontakten', ['email']],
  ['mejlkontakter', ['email']],
  ['mejlkontakterna', ['email']],
  ['mejlet', ['email']],
  ['mejlen', ['email']],
  ['mailkontakt', ['email']],
  ['e-mail', ['email']],
  ['e mail', ['email']],
  ['email', ['email']],
  ['emails', ['email']],
  ['e-mails', ['email']],
  ['e mails', ['email']],
  ['emailed', ['email']],
  ['e-mailed', ['email']],
  ['e mailed', ['email']],
  ['email contacts', ['email']],
  ['e mail contacts', ['email']],
  ['mail', ['email']],
  ['samtal', ['conversation']],
  ['samtalen', ['conversation']],
  ['samtalet', ['conversation']],
  ['conversation', ['conversation']],
  ['conversations', ['conversation']],
  ['workshop', ['workshop']],
  ['workshops', ['workshop']],
  ['workshopar', ['workshop']],
  ['workshoparna', ['workshop']],
  ['workshopen', ['workshop']],
  ['workshoppar', ['workshop']],
  ['workshopparna', ['workshop']],
  ['workshoppen', ['workshop']],
  ['enkat', ['survey']],
  ['enkaten', ['survey']],
  ['enkater', ['survey']],
  ['enkaterna', ['survey']],
  ['survey', ['survey']],
  ['surveys', ['survey']],
  ['konferens', ['conference']],
  ['konferensen', ['conference']],
  ['konferenser', ['conference']],
  ['conference', ['conference']],
  ['conferences', ['conference']],
  ['kartlaggning', ['mapping']],
  ['kartlaggningen', ['mapping']],
  ['kartlaggningar', ['mapping']],
  ['mapping', ['mapping']],
  ['mappings', ['mapping']],
  ['map', ['mapping']],
  ['besokte', VISIT_KINDS],
  ['besokt', VISIT_KINDS],
  ['besoka', VISIT_KINDS],
  ['besok', VISIT_KINDS],
  ['besoket', VISIT_KINDS],
  ['besoken', VISIT_KINDS],
  ['besokte vi', VISIT_KINDS],
  ['aka till', BEING_KINDS],
  ['akte', BEING_KINDS],
  ['varit', BEING_KINDS],
  ['visit', VISIT_KINDS],
  ['visits', VISIT_KINDS],
  ['visited', VISIT_KINDS],
  ['vist', VISIT_KINDS],
  ['went', BEING_KINDS],
  ['travel', BEING_KINDS],
  ['travelled', BEING_KINDS],
  ['traveled', BEING_KINDS],
  ['reste', BEING_KINDS],
  ['resa till', BEING_KINDS],
  ['resor', VISIT_KINDS],
  ['resorna', VISIT_KINDS],
  ['trip', VISIT_KINDS],
  ['trips', VISIT_KINDS],
  ['go', BEING_KINDS],
  ['go to', BEING_KINDS],
  ['go on', BEING_KINDS],
  ['been', BEING_KINDS],
  ['traffade', [...VISIT_KINDS, 'conversation']],
  ['traffa', [...VISIT_KINDS, 'conversation']],
  ['met', [...VISIT_KINDS, 'conversation']],
  ['meet', [...VISIT_KINDS, 'conversation']],
  ['kontakt', CONTACT_KINDS],
  ['kontakter', CONTACT_KINDS],
  ['kontakten', CONTACT_KINDS],
  ['kontaktade', CONTACT_KINDS],
  ['contact', CONTACT_KINDS],
  ['contacts', CONTACT_KINDS],
  ['contacted', CONTACT_KINDS],
  ['in touch', CONTACT_KINDS],
  ['pratade', TALK_KINDS],
  ['pratat', TALK_KINDS],
  ['talade', TALK_KINDS],
  ['talk', TALK_KINDS],
  ['talked', TALK_KINDS],
  ['spoke', TALK_KINDS],
  ['speak', TALK_KINDS],
];

/** "Var var vi", "were we in": being somewhere means the in-person kinds, but only with a place after it. */
export const BEING_CUES = [
  'var vi i', 'var vi pa', 'were we in', 'were we at', 'were we ever in', 'var i', 'var pa', 'har varit', 'varit i',
  // "När var vi senast i Motala?": the last time we were there, not the last time Motala came up (a conversation in Storforsen).
  'var vi senast i', 'var vi senast pa', 'var vi forst i', 'var vi forst pa', 'were we last in', 'were we first in',
];

/** Shape cues, tried in this order; the first that matches decides (phrases before single words). */
export const SHAPE_CUES: readonly [Shape, readonly string[]][] = [
  ['how-many', ['hur manga', 'how many', 'antal', 'number of', 'how often', 'hur ofta']],
  ['how-in-touch', ['hur hade vi kontakt', 'hur hade vi', 'hur pratade', 'pa vilka satt', 'pa vilket satt', 'vad har vi haft for kontakt', 'vad hade vi for kontakt', 'what kind of contact', 'what contact', 'how were we in touch', 'how we were in touch', 'how did we contact', 'how did we get in touch', 'how did we keep in touch', 'how did we talk', 'how did we', 'hur kontaktade']],
  ['first', ['forsta', 'forst', 'first', 'earliest', 'came first', 'tidigast']],
  ['last', ['senast', 'senaste', 'sista', 'sist', 'latest', 'last', 'most recent']],
  ['when', ['nar', 'when', 'vilket ar', 'what year', 'vilken termin']],
  ['who', ['vem', 'vilka personer', 'which people', 'who', 'whom', 'med vem', 'hvem', 'vilka var med', 'vilka deltog', 'vilka foljde med', 'vilka kontaktade']],
  ['where', ['var var', 'var ligger', 'var holls', 'var gjorde', 'var besokte', 'vart', 'where', 'i vilken kommun', 'i vilket lan', 'in which municipality', 'var hade']],
  ['what-happened', ['vad hande', 'vad gjorde', 'vad gjordes', 'what happened', 'what did we do', 'what was done', 'hva skjedde', 'beratta vad']],
  ['which', ['vilka', 'vilken', 'vilket', 'which', 'what', 'list', 'lista']],
];

/** A question that starts with one of these (a verb, or "did"/"have"…) asks yes or no. */
export const YES_NO_STARTS = [
  'har vi', 'har ni', 'hade vi', 'besokte vi', 'besokte ni', 'ringde vi', 'mejlade vi', 'traffade vi', 'var vi', 'gjorde vi', 'intervjuade vi',
  'pratade vi', 'akte vi', 'namns', 'finns', 'fanns', 'did we', 'did you', 'have we', 'has the', 'were we', 'was there', 'is there', 'do we',
  'vet du om', 'just wondering did we', 'did', 'besokte', 'ringde', 'mejlade', 'traffade',
  'reste vi', 'skickade vi', 'holl vi', 'ordnade vi', 'arrangerade vi', 'kontaktade vi', 'deltog vi',
];

/** Project-relative periods: resolved against the record's first and last seasons. */
export const PROJECT_START = ['i borjan av projektet', 'borjan av projektet', 'at the start of the project', 'at the beginning of the project', 'the beginning of the project', 'the start of the project', 'forst i projektet'];
export const PROJECT_LAST_SPRING = ['den sista varen i projektet', 'sista varen i projektet', 'the last spring of the project', 'the final spring of the project', 'sista varen'];
export const PROJECT_LAST_AUTUMN = ['den sista hosten i projektet', 'the last autumn of the project', 'sista hosten'];

/** Words before a place that exclude it: "utanför Stockholms län", "not in Stockholm", "except Motala". */
export const NEGATIONS = ['utanfor', 'inte i', 'inte pa', 'som inte ligger i', 'forutom', 'utom', 'outside', 'outside of', 'not in', 'not at', 'except', 'except for', 'apart from', 'not counting', 'that are not in', 'excluding', 'bortsett fran'];

/** What a list or a count is of, when it is not the activities themselves. */
export type Unit = 'counties' | 'municipalities' | 'people' | 'places' | 'libraries';
export const UNIT_CUES: readonly [string, Unit][] = [
  ['lan', 'counties'],
  ['counties', 'counties'],
  ['kommuner', 'municipalities'],
  ['kommun', 'municipalities'],
  ['municipalities', 'municipalities'],
  ['personer', 'people'],
  ['people', 'people'],
  ['platser', 'places'],
  ['orter', 'municipalities'],
  ['towns', 'municipalities'],
  ['cities', 'municipalities'],
  ['places', 'places'],
  ['bibliotek', 'libraries'],
  ['biblioteket', 'libraries'],
  ['libraries', 'libraries'],
  ['bibblor', 'libraries'],
  ['bibblorna', 'libraries'],
  ['bibblan', 'libraries'],
  ['library', 'libraries'],
  ['librarys', 'libraries'],
];

/** Words that carry no constraint in a question: politeness, question scaffolding, pronouns, light verbs. */
export const FILLER = new Set(
  (
    'snalla tack kan du kunde du beratta jag undrar undrar du vet om egentligen hej hallo nansin nagonsin nagon nagot nagra ' +
    'ar var vi ni oss vara vart vi gjorde gor gjort hade har haft for med om i pa till av en ett den det de som och eller ' +
    'holls gjordes ligger genomforde genomfort nams namns vid namn redovisningen protokollet projektet projekt ' +
    'can could would you please tell me i was wondering just hey did do does we us our have has had make made hold held ' +
    'take took place the a an of in on at to for and or is are was were it its there any anyone someone anything thing things ' +
    'ever both called named get keep along came come part took record project activities activity aktiviteter aktivitet ' +
    'ganger times gang say saga bade kontakt sa city stad town person total totalt sammanlagt overall anyone ' +
    // Verbs a question wraps a kind in ("Hur många mejl skickade vi?", "Which workshops did we run?"): searched as
    // text they matched other entries' words ("skickades") and the kind was lost to them.
    'skicka skickade skickat ut halla holl hallit ordna ordnade ordnat anordna anordnade arrangera arrangerade pagick pagar skedde ' +
    'via send sent out run ran organise organised organize organized arrange arranged happen happened still going'
  ).split(' '),
);
