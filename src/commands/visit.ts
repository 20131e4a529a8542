import { t } from '../i18n.js';
import { fold } from '../search/text.js';
import { editDistance } from '../search/fuzzy.js';
import { type Command, notice } from './reply.js';

/** `visit <place>`: what the team did at a library, municipality or county, in date order, with whom. */
export const visit: Command = ({ text }, { index, locale }) => {
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
  return {
    type: 'entries',
    command: 'visit',
    query: text,
    locale,
    title: m.visitTitle(shown),
    description: match.places
      .slice(0, 10)
      .map((p) => (p.within ? `${p.label} (${p.within})` : p.label))
      .join(' · '),
    entries,
    places: match.places,
  };
};
