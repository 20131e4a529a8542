import { createRequire } from 'node:module';
import { renderAsync, Resvg } from '@resvg/resvg-js';
import { KINDS, type Entry, type Kind } from '../data/schema.js';
import { formatSpan, inSentence, KIND_LABELS, type Locale, t } from '../i18n.js';
import { monthNumber, type MonthSpan } from '../search/period.js';
import { hex, KIND_COLOURS } from './colours.js';

/**
 * The timeline picture for /timeline and /summary: the period's entries on a month axis, våren/hösten (spring/
 * autumn) marked, one bar per entry coloured by kind and labelled with its place, and a legend of kinds.
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

export interface TimelineLayout {
  marks: Mark[];
  /** Entries that did not fit in the lanes (many at once): counted, not drawn. */
  hidden: number;
  months: number;
  kinds: Kind[];
  xOfMonth: (monthIndex: number) => number;
  span: MonthSpan;
}

// Inter's average advance is a little over half the font size; enough to decide what fits.
const textWidth = (text: string, size: number) => [...text].length * size * 0.56;

function fit(text: string, width: number, size: number): string {
  if (textWidth(text, size) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, size) > width) chars.pop();
  return chars.length > 1 ? `${chars.join('')}…` : '';
}

/**
 * The place a bar is about. An entry lists where it took place first and what it was about last (the September
 * conversations: Storforsen, then the centre discussed), so the last place.
 */
function barLabel(entry: Entry, locale: Locale): string {
  return entry.places.at(-1)?.name ?? KIND_LABELS[entry.kind][locale];
}

/** Where everything goes. Pure: tests use it to know where a known entry's bar must be. */
export function layoutTimeline(entries: readonly Entry[], span: MonthSpan, locale: Locale): TimelineLayout {
  const P = PICTURE;
  const m0 = monthNumber(span.start);
  const months = monthNumber(span.end) - m0 + 1;
  const plotWidth = P.width - 2 * P.padding;
  const xOfMonth = (m: number) => P.padding + ((m - m0) / months) * plotWidth;
  const sorted = [...entries].sort((a, b) => a.period.start.localeCompare(b.period.start) || a.period.end.localeCompare(b.period.end) || a.id.localeCompare(b.id));

  // Lanes: each bar (and its label, when the label sits outside) takes the first lane that is free there.
  const maxLanes = Math.floor((P.lanesBottom - P.lanesTop) / P.minLaneHeight);
  const laneEnds: number[] = [];
  const placed: { entry: Entry; lane: number; x: number; width: number; label: string; inside: boolean }[] = [];
  let hidden = 0;
  for (const entry of sorted) {
    const x = xOfMonth(Math.max(m0, monthNumber(entry.period.start))) + 2;
    const end = xOfMonth(Math.min(m0 + months, monthNumber(entry.period.end) + 1)) - 2;
    const width = Math.max(8, end - x);
    const label = barLabel(entry, locale);
    // Inside the bar when it fits, or when there is no room to its right (the end of the axis).
    const roomRight = P.width - P.padding - (x + width + 8);
    const inside = textWidth(label, 14) <= width - 12 || roomRight < Math.min(textWidth(label, 14), 120);
    const reach = inside ? x + width : Math.min(P.width - P.padding, x + width + 8 + textWidth(label, 14));
    let lane = laneEnds.findIndex((e) => e <= x - 4);
    if (lane === -1 && laneEnds.length < maxLanes) lane = laneEnds.length;
    if (lane === -1) {
      hidden++;
      continue;
    }
    laneEnds[lane] = reach;
    placed.push({ entry, lane, x, width, label, inside });
  }
  const lanes = Math.max(1, laneEnds.length);
  const laneHeight = Math.min(P.maxLaneHeight, (P.lanesBottom - P.lanesTop) / lanes);
  const marks = placed.map(({ entry, lane, x, width, label, inside }) => {
    const labelRoom = inside ? width - 12 : P.width - P.padding - (x + width + 8);
    return {
      entry,
      x,
      y: P.lanesTop + lane * laneHeight + 3,
      width,
      height: Math.max(8, laneHeight - 6),
      colour: hex(KIND_COLOURS[entry.kind]),
      label: fit(label, labelRoom, 14),
      labelInside: inside,
    };
  });
  const kinds = KINDS.filter((k) => entries.some((e) => e.kind === k));
  return { marks, hidden, months, kinds, xOfMonth, span };
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
  const m = t(locale);
  const layout = layoutTimeline(entries, span, locale);
  const { xOfMonth, months } = layout;
  const m0 = monthNumber(span.start);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${P.width}" height="${P.height}" viewBox="0 0 ${P.width} ${P.height}" font-family="Inter">`);
  out.push(`<rect width="${P.width}" height="${P.height}" rx="18" fill="${P.background}"/>`);
  out.push(`<text x="${P.padding}" y="52" font-size="28" font-weight="600" fill="${P.text}">${esc(fit(title, P.width - 2 * P.padding, 28))}</text>`);
  out.push(`<text x="${P.padding}" y="82" font-size="17" fill="${P.muted}">${esc(m.summaryLead(entries.length, inSentence(formatSpan(span.start, span.end, locale), locale)))}</text>`);

  // Season bands (våren = Jan–Jun, hösten = Jul–Dec), labelled where there is room.
  for (let s = Math.floor(m0 / 6) * 6; s <= m0 + months - 1; s += 6) {
    const from = Math.max(s, m0);
    const to = Math.min(s + 6, m0 + months);
    const x = xOfMonth(from);
    const w = xOfMonth(to) - x;
    const spring = s % 12 === 0;
    out.push(`<rect x="${x.toFixed(1)}" y="104" width="${w.toFixed(1)}" height="${P.lanesBottom - 104 + 6}" fill="${spring ? P.bandA : P.bandB}"/>`);
    const label = formatSpan(`${Math.floor(s / 12)}-${spring ? '01' : '07'}`, `${Math.floor(s / 12)}-${spring ? '06' : '12'}`, locale);
    if (w >= 64) out.push(`<text x="${(x + w / 2).toFixed(1)}" y="124" font-size="15" text-anchor="middle" fill="${P.muted}">${esc(fit(label, w - 8, 15))}</text>`);
  }
  // Month ticks, and month initials when there are few enough months to read them.
  for (let i = 0; i <= months; i++) {
    const x = xOfMonth(m0 + i).toFixed(1);
    out.push(`<line x1="${x}" y1="134" x2="${x}" y2="${(m0 + i) % 6 === 0 ? 146 : 140}" stroke="${P.muted}" stroke-width="1"/>`);
  }
  if (months <= 18) {
    const names = locale === 'sv' ? 'JFMAMJJASOND' : 'JFMAMJJASOND';
    for (let i = 0; i < months; i++) {
      out.push(`<text x="${((xOfMonth(m0 + i) + xOfMonth(m0 + i + 1)) / 2).toFixed(1)}" y="${P.lanesBottom + 22}" font-size="12" text-anchor="middle" fill="${P.muted}">${names[(m0 + i) % 12]}</text>`);
    }
  }

  for (const mark of layout.marks) {
    out.push(`<rect x="${mark.x.toFixed(1)}" y="${mark.y.toFixed(1)}" width="${mark.width.toFixed(1)}" height="${mark.height.toFixed(1)}" rx="5" fill="${mark.colour}"/>`);
    if (mark.label && mark.height >= 12) {
      const ty = (mark.y + mark.height / 2 + 5).toFixed(1);
      const tx = mark.labelInside ? mark.x + 6 : mark.x + mark.width + 8;
      out.push(`<text x="${tx.toFixed(1)}" y="${ty}" font-size="14" fill="${mark.labelInside ? textOn(mark.colour) : P.text}">${esc(mark.label)}</text>`);
    }
  }
  if (layout.hidden > 0) {
    out.push(`<text x="${P.width - P.padding}" y="${P.lanesBottom + 22}" font-size="14" text-anchor="end" fill="${P.text}">${esc(m.more(layout.hidden))}</text>`);
  }

  // Legend: the kinds in this picture, wrapping onto a second row when needed.
  let lx = P.padding;
  let ly = P.height - 44;
  for (const kind of layout.kinds) {
    const label = KIND_LABELS[kind][locale];
    const w = 22 + textWidth(label, 15) + 18;
    if (lx + w > P.width - P.padding) {
      lx = P.padding;
      ly += 24;
    }
    out.push(`<rect x="${lx}" y="${ly - 12}" width="14" height="14" rx="3" fill="${hex(KIND_COLOURS[kind])}"/>`);
    out.push(`<text x="${lx + 22}" y="${ly}" font-size="15" fill="${P.text}">${esc(label)}</text>`);
    lx += w;
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
