import type { Kind } from '../data/schema.js';

/** One colour per kind, used in embeds and the timeline picture; distinct on dark and light backgrounds. */
export const KIND_COLOURS: Record<Kind, number> = {
  survey: 0xb39ddb,
  workshop: 0xffca28,
  conference: 0xef5350,
  mapping: 0x26a69a,
  'study-trip': 0x42a5f5,
  'study-visit': 0x66bb6a,
  visit: 0xd4e157,
  'phone-interview': 0xff7043,
  'phone-call': 0xf48fb1,
  conversation: 0xa1887f,
  email: 0x90a4ae,
};

export const hex = (colour: number) => `#${colour.toString(16).padStart(6, '0')}`;
