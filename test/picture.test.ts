import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderDiscord, withPicture } from '../src/render/discord.js';
import { KIND_COLOURS } from '../src/render/colours.js';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { KINDS } from '../src/data/schema.js';
import { layoutTimeline, PICTURE, textBox, type TimelineLayout, timelinePng } from '../src/render/picture.js';
import { monthNumber } from '../src/search/period.js';
import { index, makeEntry, run } from './helpers/record.js';

const WHOLE = { start: '2016-01', end: '2018-06' };

function pixel(png: PNG, x: number, y: number): [number, number, number] {
  const i = (Math.round(y) * png.width + Math.round(x)) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
}
const rgb = (colour: number): [number, number, number] => [(colour >> 16) & 255, (colour >> 8) & 255, colour & 255];
const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]!) <= 3);

describe('the timeline picture', () => {
  for (const locale of ['sv', 'en'] as const) {
    it(`decodes, has the expected size and shows a known entry in its colour where it belongs (${locale})`, () => {
      const entries = index.timeline(WHOLE);
      const png = PNG.sync.read(timelinePng(entries, WHOLE, locale, 'Tidslinje'));
      expect([png.width, png.height]).toEqual([PICTURE.width, PICTURE.height]);

      const layout = layoutTimeline(entries, WHOLE, locale);
      expect(layout.marks).toHaveLength(22);
      for (const [id, kind] of [
        ['2017-autumn-study-trip-motala', 'study-trip'],
        ['2016-spring-survey-public-libraries', 'survey'],
        ['2018-spring-email-nacka', 'email'],
      ] as const) {
        const mark = layout.marks.find((m) => m.entry.id === id)!;
        // The right end of the bar holds no text; it must be the kind's colour.
        expect(near(pixel(png, mark.x + mark.width - 4, mark.y + mark.height / 2), rgb(KIND_COLOURS[kind])), id).toBe(true);
        // And the study trip is in hösten 2017: right of the middle of the 30-month axis.
        if (kind === 'study-trip') expect(mark.x).toBeGreaterThan(layout.xOfMonth(2017 * 12 + 6) - 1);
      }
      // The background far from any bar is the card's colour, not a bar's.
      expect(near(pixel(png, PICTURE.width - 40, PICTURE.height - 12), rgb(parseInt(PICTURE.background.slice(1), 16)))).toBe(true);
    });
  }

  it('draws entries that run past the period only inside it, and counts what does not fit', () => {
    const spring = { start: '2017-01', end: '2017-06' };
    const layout = layoutTimeline(index.timeline(spring), spring, 'en');
    const mapping = layout.marks.find((m) => m.entry.kind === 'mapping')!;
    expect(mapping.x).toBeGreaterThanOrEqual(PICTURE.padding);
    expect(layout.hidden).toBe(0);
  });

  it('is attached to /timeline and /summary answers, and an empty period gets a message, not a picture', async () => {
    for (const [name, text] of [['timeline', '2017'], ['summary', ''], ['summary', 'våren 2018']] as const) {
      const reply = run(name, text, 'sv');
      const payload = await withPicture(renderDiscord(reply), reply);
      expect(payload.files?.[0]?.name).toBe('timeline.png');
      expect(payload.attachments).toEqual([{ id: '0', filename: 'timeline.png', description: expect.any(String) }]);
      expect(PNG.sync.read(payload.files![0]!.data).width).toBe(PICTURE.width);
    }
    const empty = run('timeline', '2020', 'sv');
    expect(empty.type).toBe('notice');
    expect((await withPicture(renderDiscord(empty), empty)).files).toBeUndefined();
    const visit = run('visit', 'Motala');
    expect((await withPicture(renderDiscord(visit), visit)).files).toBeUndefined();
  });
});

const overlaps = (a: ReturnType<typeof textBox>, b: ReturnType<typeof textBox>) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Every rule the picture's text keeps, checked on one layout. */
function expectReadable(layout: TimelineLayout, what: string): void {
  const boxes = layout.texts.map((t) => ({ t, box: textBox(t) }));
  for (const { t, box } of boxes) {
    expect(box.x0 >= 0 && box.x1 <= PICTURE.width && box.y0 >= 0 && box.y1 <= PICTURE.height, `${what}: "${t.text}" inside the card`).toBe(true);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      expect(overlaps(boxes[i]!.box, boxes[j]!.box), `${what}: "${boxes[i]!.t.text}" and "${boxes[j]!.t.text}" overlap`).toBe(false);
    }
  }
  // "… and N more" stays off the axis (the month ticks and the lanes).
  for (const { t, box } of boxes.filter((b) => b.t.role === 'more')) expect(box.y1 < 104, `${what}: ${t.text}`).toBe(true);
  // A bar's label is inside the bar, or beside it within the bar's own season column.
  const m0 = monthNumber(layout.span.start);
  for (const mark of layout.marks.filter((mk) => mk.label)) {
    const box = textBox(layout.texts.find((t) => t.role === 'bar' && t.text === mark.label && Math.abs(t.y - (mark.y + mark.height / 2)) < mark.height)!);
    if (mark.labelInside) {
      expect(box.x0 >= mark.x && box.x1 <= mark.x + mark.width, `${what}: "${mark.label}" inside its bar`).toBe(true);
    } else {
      const last = Math.min(monthNumber(mark.entry.period.end), m0 + layout.months - 1);
      const columnEnd = layout.xOfMonth(Math.min(m0 + layout.months, Math.floor(last / 6) * 6 + 6));
      expect(box.x0 >= mark.x + mark.width && box.x1 <= columnEnd, `${what}: "${mark.label}" within its own season column`).toBe(true);
    }
  }
}

const require = createRequire(import.meta.url);
const FONTS = ['400Regular/Inter_400Regular.ttf', '600SemiBold/Inter_600SemiBold.ttf'].map((f) => require.resolve(`@expo-google-fonts/inter/${f}`));
/** The width resvg actually draws a text at, with the picture's font. */
function drawnWidth(text: string, size: number, weight = 400): number {
  const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="100"><text x="10" y="60" font-size="${size}" font-weight="${weight}" font-family="Inter">${esc}</text></svg>`;
  return new Resvg(svg, { font: { fontFiles: FONTS, loadSystemFonts: false, defaultFontFamily: 'Inter' } }).getBBox()?.width ?? 0;
}

describe('the timeline picture’s text', () => {
  const periods = [WHOLE, { start: '2016-01', end: '2016-12' }, { start: '2017-01', end: '2017-12' }, { start: '2017-01', end: '2017-06' }, { start: '2017-09', end: '2017-09' }, { start: '2018-01', end: '2018-06' }];

  it('never overlaps, stays in the card, and keeps bar labels in their bar or their own season column', () => {
    for (const locale of ['sv', 'en'] as const) {
      for (const span of periods) expectReadable(layoutTimeline(index.timeline(span), span, locale, 'Tidslinje: en rubrik som är ganska lång'), `${locale} ${span.start}–${span.end}`);
    }
  });

  it('with more entries than lanes: "… and N more" in the header, clear of the axis and of the sentence', () => {
    const crowded = Array.from({ length: 60 }, (_, i) =>
      makeEntry(`e-${i}`, { kind: KINDS[i % KINDS.length]!, period: { label: 'September 2017', start: '2017-09', end: '2017-09' }, places: [{ name: `Bibliotek nummer ${i}`, municipality: 'Motala', county: 'Östergötlands län' }] }),
    );
    for (const locale of ['sv', 'en'] as const) {
      const span = { start: '2017-01', end: '2017-12' };
      const layout = layoutTimeline(crowded, span, locale, 'Tidslinje: 2017');
      expect(layout.hidden).toBeGreaterThan(0);
      expect(layout.texts.some((t) => t.role === 'more')).toBe(true);
      expectReadable(layout, `crowded ${locale}`);
    }
  });

  it('labels each bar with what happened: kind and place, so the four 2016 bars read differently', () => {
    const span = { start: '2016-01', end: '2016-12' };
    const labels = layoutTimeline(index.timeline(span), span, 'sv').marks.map((mk) => mk.label);
    expect(labels).toEqual(['Enkät · Stockholms län', 'Workshop · Stockholms län', 'Konferens · Stockholms län', 'Kartläggning · Stockholms län']);
  });

  it('measures no text shorter than resvg draws it, so room given is room enough', () => {
    for (const locale of ['sv', 'en'] as const) {
      const layout = layoutTimeline(index.timeline(WHOLE), WHOLE, locale, 'Sammanfattning: hela projektet (våren 2016 – våren 2018)');
      for (const t of layout.texts) {
        const box = textBox(t);
        expect(drawnWidth(t.text, t.size, t.weight), `"${t.text}"`).toBeLessThanOrEqual(box.x1 - box.x0 + 0.5);
      }
    }
  });
});
