import type { Kind } from '../data/schema.js';
import { KIND_LABELS } from '../i18n.js';

/** Words that name each kind, beyond its Swedish and English labels, so "mejlat" or "called" find it. */
const KIND_SYNONYMS: Record<Kind, string> = {
  survey: 'enkät enkäter questionnaire',
  workshop: 'workshop workshopar workshops',
  conference: 'konferens conference',
  mapping: 'kartläggning genomgång mapping',
  'study-trip': 'studieresa resa trip',
  'study-visit': 'studiebesök besök visit',
  visit: 'besök visit',
  'phone-interview': 'telefonintervju intervju telefon interview phone',
  'phone-call': 'telefonsamtal samtal telefon call phone',
  conversation: 'samtal conversation',
  email: 'mejlkontakt mailkontakt mejl mail e-post email',
};

export function kindWords(kind: Kind): string {
  return `${KIND_LABELS[kind].sv} ${KIND_LABELS[kind].en} ${KIND_SYNONYMS[kind]}`;
}
