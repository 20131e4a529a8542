import type { Kind } from '../data/schema.js';

/**
 * One colour per kind, used in embeds and the timeline picture. Drawn from Okabe & Ito's and Paul Tol's palettes
 * for colour-blind readers, and chosen so that every pair stays apart (CIEDE2000 ΔE ≥ 12) for normal vision and
 * under simulated deuteranopia and protanopia (Machado et al. 2009, full severity), and every colour stands out
 * from the picture's dark card (contrast ≥ 3:1). test/colours.test.ts checks all three. Bars also say their kind
 * in words, so colour is never the only cue.
 */
export const KIND_COLOURS: Record<Kind, number> = {
  survey: 0xcc79a7,
  workshop: 0xe69f00,
  conference: 0xcc3311,
  mapping: 0x009988,
  'study-trip': 0x0072b2,
  'study-visit': 0x33bbee,
  visit: 0xeedd88,
  'phone-interview': 0xd55e00,
  'phone-call': 0xffaabb,
  conversation: 0xee8866,
  email: 0xffffff,
};

export const hex = (colour: number) => `#${colour.toString(16).padStart(6, '0')}`;
