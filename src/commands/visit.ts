import { t } from '../i18n.js';
import { inDateOrder, listPositions } from '../question/facts.js';
import { commandAnswer } from '../question/select.js';
import { CONTACT_KINDS, VISIT_KINDS } from '../question/vocabulary.js';
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
    const found = index.places.lookup(text);
    if (found.status === 'no-activity') {
      // A real Swedish place the record has nothing in: say so, never offer a look-alike ("Kiruna" is not "Kinna").
      const place = found.place;
      const where = place.level === 'municipality' ? `${place.name} (${place.county})` : place.name;
      return notice('visit', text, locale, m.visitNoActivity(where));
    }
    const match = found.status === 'found' ? found.match : null;
    if (!match) {
      // Offer the three closest place names so a near miss is one click away.
      const closest = index.places.closest(text, 3);
      return notice('visit', text, locale, `${m.visitNone(text)} ${m.visitDidYouMean(closest.join(', '))}`);
    }
    // One place's entries are already in date order; several places are merged by walking the date-ordered record
    // once (no sort, no duplicates), which stays linear when a word like "bibliotek" names thousands of places.
    const { entries, positions } =
      match.places.length > 1
        ? inDateOrder(index, match.places.map((p) => p.entries))
        : { entries: match.places[0]!.entries, positions: listPositions(index, match.places[0]!.entries) };
    const labels = match.places.slice(0, 4).map((p) => p.label);
    const shown = labels.length > 3 ? `${labels.slice(0, 3).join(', ')} …` : labels.join(', ');
    const answer = commandAnswer('when', entries, { subject: labels[0], kinds: CONTACT_KINDS.filter((k) => VISIT_KINDS.includes(k)), record: { index, positions } });
    return { type: 'entries', command: 'visit', query: text, locale, title: m.visitTitle(shown), entries: [...answer.entries, ...answer.also], places: match.places, answer };
  },
};
