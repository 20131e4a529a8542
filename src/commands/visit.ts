import { t } from '../i18n.js';
import { editDistance } from '../search/fuzzy.js';
import { fold } from '../search/text.js';
import { notice } from './reply.js';
import type { CommandSpec } from './spec.js';

/** `visit <place>`: what the team did at a library, municipality or county, in date order, with whom. */
export const visit: CommandSpec = {
  name: 'visit',
  sv: 'besök',
  code: 'v',
  description: {
    en: 'When the team was at a place, what they did, and whom they talked to',
    sv: 'När teamet var på en plats, vad de gjorde och vem de talade med',
  },
  help: {
    en: 'When were we there, what did we do, whom did we meet? `/visit Motala`',
    sv: 'När var vi där, vad gjorde vi och vem träffade vi? `/besök Motala`',
  },
  usage: '<place>',
  options: [
    {
      role: 'text',
      name: 'place',
      sv: 'plats',
      description: { en: 'A library, municipality or county, e.g. Motala', sv: 'Ett bibliotek, en kommun eller ett län, t.ex. Motala' },
      required: true,
      autocomplete: 'place',
    },
  ],
  shareable: true,
  run: ({ text }, { index, locale }) => {
    const m = t(locale);
    const match = index.places.resolve(text);
    if (!match) {
      // Offer the three closest place names so a near miss is one click away.
      const key = fold(text);
      const closest = index.places.names
        .map((n) => ({ label: n.label, d: editDistance(key, fold(n.label), 99) }))
        .sort((a, b) => a.d - b.d)
        .slice(0, 3)
        .map((n) => n.label);
      return notice('visit', text, locale, `${m.visitNone(text)} ${m.visitDidYouMean(closest.join(', '))}`);
    }
    // One place's entries are already in date order; several places are merged by walking the date-ordered record
    // once (no sort, no duplicates), which stays linear when a word like "bibliotek" names thousands of places.
    let entries = match.places[0]!.entries;
    if (match.places.length > 1) {
      const wanted = new Set(match.places.flatMap((p) => p.entries));
      entries = index.chronological.filter((e) => wanted.has(e));
    }
    const labels = match.places.slice(0, 4).map((p) => p.label);
    const shown = labels.length > 3 ? `${labels.slice(0, 3).join(', ')} …` : labels.join(', ');
    return { type: 'entries', command: 'visit', query: text, locale, title: m.visitTitle(shown), entries, places: match.places };
  },
};
