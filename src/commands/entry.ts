import { t } from '../i18n.js';
import { fold } from '../search/text.js';
import { type Command, notice } from './reply.js';

/** `entry <id or title>`: one entry in full, quoting the record. Autocomplete sends the id. */
export const entry: Command = ({ text }, { index, locale }) => {
  const key = fold(text);
  const found =
    index.byId.get(text.trim()) ??
    index.entries.find((e) => fold(e.title) === key) ??
    index.search(text).entries[0];
  if (!found) return notice('entry', text, locale, t(locale).entryNone(text));
  return { type: 'entry', command: 'entry', query: text, locale, title: found.title, entry: found };
};
