import { t } from '../i18n.js';
import { allowedEdits, editDistance } from '../search/fuzzy.js';
import { parsePeriod } from '../search/period.js';
import { queryGroups } from '../search/query.js';
import { fold, lower, STOPWORDS, words } from '../search/text.js';
import { contact } from './contact.js';
import { type CommandContext, type CommandReply, notice } from './reply.js';
import { search } from './search.js';
import { type CommandSpec, localName } from './spec.js';
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

function routed(reply: CommandReply, as: CommandSpec, text: string, question: string, locale: CommandContext['locale']): CommandReply {
  const read = t(locale).askInterpreted(`/${localName(as, locale)}${text ? ` ${text}` : ''}`);
  return { ...reply, command: 'ask', query: question, description: reply.description ? `${read}\n${reply.description}` : read };
}

/**
 * `ask <question>`: a plain question in Swedish or English, routed to the command that answers it, with the
 * place, person and period taken from the words. "När besökte vi Motala?" → visit Motala; "Who was the project
 * lead in Västerbotten?" → contact projektledare Västerbotten; "Vad gjorde vi hösten 2016?" → timeline.
 */
function answer({ text }: { text: string }, context: CommandContext): CommandReply {
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
  const run = (command: CommandSpec, input: string) => routed(command.run({ text: input }, context), command, input, text, locale);

  if (has(SUMMARY_WORDS)) return run(summary, periodText);

  if (content && (has(CONTACT_WORDS) || namesAPerson(content, context))) {
    const reply = run(contact, content);
    if (reply.type !== 'notice') return reply;
  }

  const place = placeIn(content, context);
  if (place && (has(VISIT_WORDS) || !period)) {
    const reply = run(visit, place);
    if (reply.type !== 'notice') return reply;
  }

  if (period && queryGroups(content).length === 0) return run(timeline, periodText);

  const query = [content, periodText].filter(Boolean).join(' ');
  if (query) {
    const reply = run(search, query);
    if (reply.type !== 'notice') return reply;
  }
  return notice('ask', text, locale, t(locale).askNone(text));
}

export const ask: CommandSpec = {
  name: 'ask',
  sv: 'fråga',
  code: 'a',
  description: { en: 'Ask a question in plain Swedish or English', sv: 'Ställ en fråga på vanlig svenska eller engelska' },
  help: { en: 'Ask in plain words. `/ask When did we visit Motala?`', sv: 'Fråga fritt. `/fråga När besökte vi Motala?`' },
  usage: '<question>',
  options: [
    {
      role: 'text',
      name: 'question',
      sv: 'fråga',
      description: { en: 'e.g. When did we visit Motala?', sv: 't.ex. När besökte vi Motala?' },
      required: true,
    },
  ],
  shareable: true,
  run: answer,
};
