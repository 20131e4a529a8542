import { differenceCiede2000, filterDeficiencyDeuter, filterDeficiencyProt, parse, wcagContrast, type Color } from 'culori';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../src/data/schema.js';
import { hex, KIND_COLOURS } from '../src/render/colours.js';
import { PICTURE } from '../src/render/picture.js';

/** The smallest CIEDE2000 difference two kinds' colours may have, in every way of seeing below. */
const FLOOR = 12;
const deltaE = differenceCiede2000();
const VIEWS: [string, (c: Color) => Color][] = [
  ['normal vision', (c) => c],
  // Machado, Oliveira & Fernandes (2009) at full severity: dichromats, the hardest case.
  ['deuteranopia', filterDeficiencyDeuter(1)],
  ['protanopia', filterDeficiencyProt(1)],
];

describe('the kind colours', () => {
  it(`keep every pair apart (ΔE2000 ≥ ${FLOOR}) for normal vision and simulated deuteranopia and protanopia`, () => {
    const colours = KINDS.map((kind) => ({ kind, colour: parse(hex(KIND_COLOURS[kind]))! }));
    for (const [view, simulate] of VIEWS) {
      for (let i = 0; i < colours.length; i++) {
        for (let j = i + 1; j < colours.length; j++) {
          const d = deltaE(simulate(colours[i]!.colour), simulate(colours[j]!.colour));
          expect(d, `${colours[i]!.kind} / ${colours[j]!.kind} under ${view}`).toBeGreaterThanOrEqual(FLOOR);
        }
      }
    }
  });

  it('catches a palette that does not: the old workshop yellow and visit lime under deuteranopia', () => {
    const [deutan] = [VIEWS[1]![1]];
    expect(deltaE(deutan(parse('#ffca28')!), deutan(parse('#d4e157')!))).toBeLessThan(FLOOR);
  });

  it('stand out from the picture’s dark card (contrast ≥ 3:1) and are all different', () => {
    for (const kind of KINDS) expect(wcagContrast(hex(KIND_COLOURS[kind]), PICTURE.background), kind).toBeGreaterThanOrEqual(3);
    expect(new Set(Object.values(KIND_COLOURS)).size).toBe(KINDS.length);
  });
});
