import { t } from '../i18n.js';
import { allowedEdits, editDistance } from '../search/fuzzy.js';
import { parsePeriod } from '../search/period.js';
import { queryGroups } from '../search/query.js';
import { fold, lower, STOPWORDS, words } from '../search/text.js';
import { contact } from './contact.js';
import { type Command, type CommandContext, type CommandName, notice, type Reply } from './reply.js';
import { search } from './search.js';
import { summary } from './summary.js';
import { timeline } from './timeline.js';
import { visit } from './visit.js';

// Words that say what kind of question it is (folded, one word each). They steer the routing, then drop out.
const SUMMARY_WORDS = /^(sammanfatta\w*|summer\w*|summary|summari[sz]e|overview|oversikt|manga|many|statisti\w*)$/;
const CONTACT_WORDS = /^(vem|who|whom|kontakt\w*|contact\w*|pratade|talade|talked|talk|spoke|spoken|personer|people)$/;
const VISIT_WORDS = /^(besok\w*|visit\w*|akte|reste|went|been|traffade|met|where)$/;
const FILLER_WORDS = /^(nar|when|vad|what|vilken|vilket|vilka|which|hande|happened|gjorde|tell|lista|list|show|visa|beratta)$/;

interface Token {
  raw: string;
  folded: string;
}

/** Finds a place named in the question: the longest run of words that resolves exactly or by a typo. */
function placeIn(text: string, { index }: CommandContext): string | null {
  const ws = words(text);
  for (let n = Math.min(3, ws.length); n >= 1; n--) {
    for (let i = 0; i + n <= ws.length; i++) {
      const phrase = ws.slice(i, i + n).join(' ');
      if (phrase.length < 4) continue;
      const match = index.places.resolve(phrase);
      if (match && (match.quality === 'exact' || match.quality === 'fuzzy')) return phrase;
    }
  }
  return null;
}

/** True when a word of the question is (or is one typo from) part of a named person's name. */
function namesAPerson(content: string, { index }: CommandContext): boolean {
  const typed = words(fold(content)).filter((w) => w.length >= 3);
  const names = index.contacts.nameWords;
  return typed.some((w) => names.has(w) || [...names].some((n) => editDistance(w, n, allowedEdits(w.length)) <= allowedEdits(w.length)));
}

function routed(reply: Reply, as: CommandName, text: string, question: string, locale: CommandContext['locale']): Reply {
  const read = t(locale).askInterpreted(`/${as}${text ? ` ${text}` : ''}`);
  return { ...reply, command: 'ask', query: question, description: reply.description ? `${read}\n${reply.description}` : read };
}

/**
 * `ask <question>`: a plain question in Swedish or English, routed to the command that answers it, with the
 * place, person and period taken from the words. "När besökte vi Motala?" → visit Motala; "Who was the project
 * lead in Västerbotten?" → contact projektledare Västerbotten; "Vad gjorde vi hösten 2016?" → timeline.
 */
export const ask: Command = ({ text }, context) => {
  const { locale } = context;
  const period = parsePeriod(text);
  const periodWords = new Set(period ? words(period.matched) : []);
  const tokens: Token[] = words(lower(text)).map((raw) => ({ raw, folded: fold(raw) }));
  const has = (pattern: RegExp) => tokens.some((tk) => pattern.test(tk.folded));
  const periodText = tokens.filter((tk) => periodWords.has(tk.folded)).map((tk) => tk.raw).join(' ');
  const content = tokens
    .filter(
      (tk) =>
        !periodWords.has(tk.folded) &&
        !STOPWORDS.has(tk.folded) &&
        ![SUMMARY_WORDS, CONTACT_WORDS, VISIT_WORDS, FILLER_WORDS].some((p) => p.test(tk.folded)),
    )
    .map((tk) => tk.raw)
    .join(' ');
  const run = (command: Command, as: CommandName, input: string) => routed(command({ text: input }, context), as, input, text, locale);

  if (has(SUMMARY_WORDS)) return run(summary, 'summary', periodText);

  if (content && (has(CONTACT_WORDS) || namesAPerson(content, context))) {
    const reply = run(contact, 'contact', content);
    if (reply.type !== 'notice') return reply;
  }

  const place = placeIn(content, context);
  if (place && (has(VISIT_WORDS) || !period)) {
    const reply = run(visit, 'visit', place);
    if (reply.type !== 'notice') return reply;
  }

  if (period && queryGroups(content).length === 0) return run(timeline, 'timeline', periodText);

  const query = [content, periodText].filter(Boolean).join(' ');
  if (query) {
    const reply = run(search, 'search', query);
    if (reply.type !== 'notice') return reply;
  }
  return notice('ask', text, locale, t(locale).askNone(text));
};
