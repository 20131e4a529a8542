import { createRequire } from 'node:module';
import { renderAsync, Resvg } from '@resvg/resvg-js';
import { KINDS, type Entry, type Kind } from '../data/schema.js';
import { formatSpan, inSentence, KIND_LABELS, type Locale, t } from '../i18n.js';
import { monthNumber, type MonthSpan } from '../search/period.js';
import { hex, KIND_COLOURS } from './colours.js';

/**
 * The timeline picture for /timeline and /summary: the period's entries on a month axis, våren/hösten (spring/
 * autumn) marked, one bar per entry coloured by kind and labelled with its kind and place, and a legend of kinds.
 *
 * Rendering: an SVG we write, turned into PNG by resvg (@resvg/resvg-js). resvg is a maintained Rust renderer
 * shipped as prebuilt binaries inside npm packages — no system libraries, no browser — and it draws text only
 * with the fonts it is given: here Inter from @expo-google-fonts/inter (TTF, full Swedish), never a system font,
 * so the picture is the same on every machine. The card is opaque and dark with light text, so it reads the same
 * on Discord's dark and light themes.
 */

export const PICTURE = {
  width: 1000,
  height: 560,
  padding: 32,
  lanesTop: 150,
  lanesBottom: 470,
  minLaneHeight: 18,
  maxLaneHeight: 34,
  background: '#1e2330',
  bandA: '#252b3a',
  bandB: '#2b3244',
  text: '#eef0f4',
  muted: '#a9b1c2',
} as const;

export interface Mark {
  entry: Entry;
  x: number;
  y: number;
  width: number;
  height: number;
  colour: string;
  label: string;
  labelInside: boolean;
}

/** One piece of text in the picture, where it is drawn; the tests check these boxes never overlap. */
export interface TextItem {
  text: string;
  /** Baseline start (or middle/end, by `anchor`). */
  x: number;
  y: number;
  size: number;
  anchor: 'start' | 'middle' | 'end';
  fill: string;
  weight?: number;
  role: 'title' | 'subtitle' | 'more' | 'season' | 'month' | 'bar' | 'legend';
}

export interface TimelineLayout {
  marks: Mark[];
  /** Entries that did not fit in the lanes (many at once): counted, not drawn. */
  hidden: number;
  months: number;
  kinds: Kind[];
  xOfMonth: (monthIndex: number) => number;
  span: MonthSpan;
  /** Every text, bar labels included, in drawing order. */
  texts: TextItem[];
  /** The legend's colour swatches (14 × 14), one per kind shown. */
  swatches: { kind: Kind; x: number; y: number }[];
  /** The season columns: [x, width] each. */
  columns: { x: number; width: number }[];
}

/*
 * Text width, estimated from Inter's advance widths (measured with resvg, in ems) by class of character, taking the
 * widest of each class: the estimate is never short of what is drawn (test/picture.test.ts measures it), so a
 * label given room by it stays in that room. Semibold runs about 6 % wider.
 */
const NARROW = /[iljI.,:;'!·\s]/u;
const SLIM = /[tfr()[\]|1-]/u;
const WIDE = /[mwMW@…]/u;
const CAPITAL = /[\p{Lu}\d]/u;
const charWidth = (c: string) => (NARROW.test(c) ? 0.3 : SLIM.test(c) ? 0.42 : WIDE.test(c) ? 1 : CAPITAL.test(c) ? 0.77 : 0.61);
export const textWidth = (text: string, size: number, weight = 400) =>
  [...text].reduce((sum, c) => sum + charWidth(c), 0) * size * (weight >= 600 ? 1.06 : 1);

/** The space a text takes: its advance, and from the cap height above the baseline to the descenders below. */
export function textBox(item: Pick<TextItem, 'text' | 'x' | 'y' | 'size' | 'anchor' | 'weight'>): { x0: number; x1: number; y0: number; y1: number } {
  const width = textWidth(item.text, item.size, item.weight);
  const x0 = item.anchor === 'start' ? item.x : item.anchor === 'middle' ? item.x - width / 2 : item.x - width;
  return { x0, x1: x0 + width, y0: item.y - item.size * 0.8, y1: item.y + item.size * 0.25 };
}

function fit(text: string, width: number, size: number, weight = 400): string {
  if (textWidth(text, size, weight) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, size, weight) > width) chars.pop();
  return chars.length > 1 ? `${chars.join('')}…` : '';
}

/**
 * What a bar says: the kind and the place ("Studieresa · Motala bibliotek"), so four Stockholm bars read as the
 * survey, the workshops, the conference and the mapping. An entry lists where it took place first and what it was
 * about last (the September conversations: Storforsen, then the centre discussed), so the last place.
 */
function barLabel(entry: Entry, locale: Locale): string {
  const place = entry.places.at(-1)?.name;
  return place ? `${KIND_LABELS[entry.kind][locale]} · ${place}` : entry.title;
}

/** The label shortened to its room; when too little of the place would be left to read, the kind alone. */
function fitBarLabel(entry: Entry, label: string, room: number, size: number, locale: Locale): string {
  const fitted = fit(label, room, size);
  const kind = KIND_LABELS[entry.kind][locale];
  return fitted === label || [...fitted].length >= [...kind].length + 3 + 2 ? fitted : fit(kind, room, size);
}

const BAR_FONT = 14;
const LEGEND_FONT = 14;

/** Where everything goes. Pure: tests use it to know where a known entry's bar must be and that no text collides. */
export function layoutTimeline(entries: readonly Entry[], span: MonthSpan, locale: Locale, title = ''): TimelineLayout {
  const P = PICTURE;
  const m = t(locale);
  const m0 = monthNumber(span.start);
  const months = monthNumber(span.end) - m0 + 1;
  const plotWidth = P.width - 2 * P.padding;
  const xOfMonth = (i: number) => P.padding + ((i - m0) / months) * plotWidth;
  // The end of the season column a month is in (våren Jan–Jun, hösten Jul–Dec), clipped to the axis.
  const columnEnd = (i: number) => xOfMonth(Math.min(m0 + months, Math.floor(i / 6) * 6 + 6));
  // Stable: entries of the same period keep the order they come in, which is the record's.
  const sorted = [...entries].sort((a, b) => a.period.start.localeCompare(b.period.start) || a.period.end.localeCompare(b.period.end));

  // Lanes: each bar (and its label, when the label sits beside it) takes the first lane that is free there.
  const maxLanes = Math.floor((P.lanesBottom - P.lanesTop) / P.minLaneHeight);
  const laneEnds: number[] = [];
  const placed: { entry: Entry; lane: number; x: number; width: number; label: string; inside: boolean; room: number }[] = [];
  let hidden = 0;
  for (const entry of sorted) {
    const first = Math.max(m0, monthNumber(entry.period.start));
    const last = Math.min(m0 + months - 1, monthNumber(entry.period.end));
    const x = xOfMonth(first) + 2;
    const width = Math.max(8, xOfMonth(last + 1) - 2 - x);
    const label = barLabel(entry, locale);
    // A label goes inside its bar, or beside it but only as far as the end of the bar's own season column: it never
    // runs into the next season. Whichever has more room, and the label is shortened to fit it.
    const insideRoom = width - 12;
    const besideRoom = columnEnd(last) - (x + width + 6) - 4;
    const inside = textWidth(label, BAR_FONT) <= insideRoom || insideRoom >= besideRoom;
    const room = inside ? insideRoom : besideRoom;
    const reach = inside ? x + width : x + width + 6 + Math.min(room, textWidth(label, BAR_FONT));
    let lane = laneEnds.findIndex((e) => e <= x - 4);
    if (lane === -1 && laneEnds.length < maxLanes) lane = laneEnds.length;
    if (lane === -1) {
      hidden++;
      continue;
    }
    laneEnds[lane] = reach;
    placed.push({ entry, lane, x, width, label, inside, room });
  }
  const lanes = Math.max(1, laneEnds.length);
  const laneHeight = Math.min(P.maxLaneHeight, (P.lanesBottom - P.lanesTop) / lanes);
  const barHeight = Math.max(8, laneHeight - 6);
  // Text no taller than its bar; too small to read is left out rather than drawn over its neighbours.
  const barFont = Math.min(BAR_FONT, barHeight);
  const texts: TextItem[] = [];
  const marks = placed.map(({ entry, lane, x, width, label, inside, room }) => {
    const mark = {
      entry,
      x,
      y: P.lanesTop + lane * laneHeight + 3,
      width,
      height: barHeight,
      colour: hex(KIND_COLOURS[entry.kind]),
      label: barFont >= 10 ? fitBarLabel(entry, label, room, barFont, locale) : '',
      labelInside: inside,
    };
    if (mark.label) {
      texts.push({
        text: mark.label,
        x: inside ? x + 6 : x + width + 6,
        y: mark.y + mark.height / 2 + barFont * 0.35,
        size: barFont,
        anchor: 'start',
        fill: inside ? textOn(mark.colour) : P.text,
        role: 'bar',
      });
    }
    return mark;
  });

  // Header: the title, then the sentence, with "… and N more" at the right of the sentence's line.
  const more = hidden > 0 ? m.more(hidden) : '';
  const moreWidth = more ? textWidth(more, 15) + 16 : 0;
  texts.unshift(
    { text: fit(title, plotWidth, 28, 600), x: P.padding, y: 52, size: 28, anchor: 'start', fill: P.text, weight: 600, role: 'title' },
    {
      text: fit(m.summaryLead(entries.length, inSentence(formatSpan(span.start, span.end, locale), locale)), plotWidth - moreWidth, 17),
      x: P.padding,
      y: 82,
      size: 17,
      anchor: 'start',
      fill: P.muted,
      role: 'subtitle',
    },
    ...(more ? [{ text: more, x: P.width - P.padding, y: 82, size: 15, anchor: 'end' as const, fill: P.text, role: 'more' as const }] : []),
  );

  // Season columns (våren = Jan–Jun, hösten = Jul–Dec), labelled where there is room; month initials under the
  // lanes when there are few enough months to read them.
  const columns: TimelineLayout['columns'] = [];
  for (let s = Math.floor(m0 / 6) * 6; s <= m0 + months - 1; s += 6) {
    const x = xOfMonth(Math.max(s, m0));
    const w = xOfMonth(Math.min(s + 6, m0 + months)) - x;
    columns.push({ x, width: w });
    const spring = s % 12 === 0;
    const label = fit(formatSpan(`${Math.floor(s / 12)}-${spring ? '01' : '07'}`, `${Math.floor(s / 12)}-${spring ? '06' : '12'}`, locale), w - 8, 15);
    if (w >= 64 && label) texts.push({ text: label, x: x + w / 2, y: 124, size: 15, anchor: 'middle', fill: P.muted, role: 'season' });
  }
  if (months <= 18) {
    for (let i = 0; i < months; i++) {
      texts.push({ text: 'JFMAMJJASOND'[(m0 + i) % 12]!, x: (xOfMonth(m0 + i) + xOfMonth(m0 + i + 1)) / 2, y: P.lanesBottom + 22, size: 12, anchor: 'middle', fill: P.muted, role: 'month' });
    }
  }

  // Legend: the kinds in this picture, in rows from the bottom up so that it always fits the card.
  const kinds = KINDS.filter((k) => entries.some((e) => e.kind === k));
  const items = kinds.map((kind) => ({ kind, label: KIND_LABELS[kind][locale], width: 22 + textWidth(KIND_LABELS[kind][locale], LEGEND_FONT) + 18 }));
  const rows: (typeof items)[] = [[]];
  let used = 0;
  for (const item of items) {
    if (used + item.width > plotWidth && rows.at(-1)!.length > 0) {
      rows.push([]);
      used = 0;
    }
    rows.at(-1)!.push(item);
    used += item.width;
  }
  const swatches: TimelineLayout['swatches'] = [];
  rows.forEach((row, r) => {
    const y = P.height - 18 - (rows.length - 1 - r) * 22;
    let x = P.padding;
    for (const item of row) {
      swatches.push({ kind: item.kind, x, y: y - 12 });
      texts.push({ text: item.label, x: x + 22, y, size: LEGEND_FONT, anchor: 'start', fill: P.text, role: 'legend' });
      x += item.width;
    }
  });
  return { marks, hidden, months, kinds, xOfMonth, span, texts, swatches, columns };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Dark text on light bars, light text on dark ones. */
function textOn(colour: string): string {
  const n = parseInt(colour.slice(1), 16);
  const luminance = (0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)) / 255;
  return luminance > 0.55 ? '#10131a' : '#ffffff';
}

export function timelineSvg(entries: readonly Entry[], span: MonthSpan, locale: Locale, title: string): string {
  const P = PICTURE;
  const layout = layoutTimeline(entries, span, locale, title);
  const { xOfMonth, months } = layout;
  const m0 = monthNumber(span.start);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${P.width}" height="${P.height}" viewBox="0 0 ${P.width} ${P.height}" font-family="Inter">`);
  out.push(`<rect width="${P.width}" height="${P.height}" rx="18" fill="${P.background}"/>`);
  layout.columns.forEach((c, i) => {
    const spring = (Math.floor(m0 / 6) + i) % 2 === 0;
    out.push(`<rect x="${c.x.toFixed(1)}" y="104" width="${c.width.toFixed(1)}" height="${P.lanesBottom - 104 + 6}" fill="${spring ? P.bandA : P.bandB}"/>`);
  });
  for (let i = 0; i <= months; i++) {
    const x = xOfMonth(m0 + i).toFixed(1);
    out.push(`<line x1="${x}" y1="134" x2="${x}" y2="${(m0 + i) % 6 === 0 ? 146 : 140}" stroke="${P.muted}" stroke-width="1"/>`);
  }
  for (const mark of layout.marks) {
    out.push(`<rect x="${mark.x.toFixed(1)}" y="${mark.y.toFixed(1)}" width="${mark.width.toFixed(1)}" height="${mark.height.toFixed(1)}" rx="5" fill="${mark.colour}"/>`);
  }
  for (const s of layout.swatches) out.push(`<rect x="${s.x}" y="${s.y}" width="14" height="14" rx="3" fill="${hex(KIND_COLOURS[s.kind])}"/>`);
  for (const text of layout.texts) {
    const anchor = text.anchor === 'start' ? '' : ` text-anchor="${text.anchor}"`;
    const weight = text.weight ? ` font-weight="${text.weight}"` : '';
    out.push(`<text x="${text.x.toFixed(1)}" y="${text.y.toFixed(1)}" font-size="${text.size}"${weight}${anchor} fill="${text.fill}">${esc(text.text)}</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

const require = createRequire(import.meta.url);
const FONT_FILES = [
  require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  require.resolve('@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf'),
];

const RESVG_OPTIONS = { font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'Inter' }, fitTo: { mode: 'original' as const } };

/** The picture as PNG bytes. */
export function timelinePng(entries: readonly Entry[], span: MonthSpan, locale: Locale, title: string): Buffer {
  return new Resvg(timelineSvg(entries, span, locale, title), RESVG_OPTIONS).render().asPng();
}

/** The same, rendered on libuv's thread pool: a busy bot keeps answering others while a picture is drawn. */
export async function timelinePngAsync(entries: readonly Entry[], span: MonthSpan, locale: Locale, title: string): Promise<Buffer> {
  return (await renderAsync(timelineSvg(entries, span, locale, title), RESVG_OPTIONS)).asPng();
}
