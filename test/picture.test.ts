import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderDiscord, withPicture } from '../src/render/discord.js';
import { KIND_COLOURS } from '../src/render/colours.js';
import { layoutTimeline, PICTURE, timelinePng } from '../src/render/picture.js';
import { index, run } from './helpers/record.js';

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
