import type { Kind } from '../data/schema.js';

/**
 * Words that find each kind, in Swedish and English, so "mejlat", "called" or "study visit" find it. Kept here
 * rather than taken from the UI labels: the index must not change when a label is reworded.
 */
const KIND_WORDS: Record<Kind, string> = {
  survey: 'enkät enkäter survey questionnaire',
  workshop: 'workshop workshopar workshops',
  conference: 'konferens conference',
  mapping: 'kartläggning genomgång mapping',
  'study-trip': 'studieresa resa study trip',
  'study-visit': 'studiebesök besök study visit',
  visit: 'besök visit',
  'phone-interview': 'telefonintervju intervju telefon phone interview',
  'phone-call': 'telefonsamtal samtal telefon phone call',
  conversation: 'samtal conversation',
  email: 'mejlkontakt mailkontakt mejl mail e-post email',
};

export function kindWords(kind: Kind): string {
  return KIND_WORDS[kind];
}
