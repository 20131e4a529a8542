import { t } from '../i18n.js';
import { parseQuestion } from '../question/parse.js';
import { selectAnswer } from '../question/select.js';
import { fold, words } from '../search/text.js';
import { type CommandContext, type CommandReply, notice } from './reply.js';
import type { CommandSpec } from './spec.js';
import { summary } from './summary.js';

// "Sammanfatta 2017", "summary of spring 2017": a summary is its own command, with counts and the picture.
const SUMMARY_WORDS = /^(sammanfatta\w*|sammanfattning|summary|summari[sz]e|overview|oversikt)$/;

/**
 * `ask <question>`: a plain question in Swedish or English, read whole — what is asked (when, who, where, how many,
 * which, how we were in touch, what happened, yes/no, first/last) and every constraint in it (places, regions, a
 * period, kinds from nouns and verbs, names, negations) applied together — and answered in one sentence first,
 * from the entries below it. src/question/ reads and selects; src/render/answer.ts words the answer.
 */
function answer({ text }: { text: string }, context: CommandContext): CommandReply {
  const { index, locale } = context;
  if (words(fold(text)).some((w) => SUMMARY_WORDS.test(w))) {
    const period = words(text).filter((w) => !SUMMARY_WORDS.test(fold(w))).join(' ');
    const reply = summary.run({ text: period }, context);
    return reply.type === 'notice' ? summary.run({ text: '' }, context) : reply;
  }
  const question = parseQuestion(text, index);
  const model = selectAnswer(question, index);
  // A land's answer rests on tens of thousands of entries: copied only when there are two lists to join.
  const entries = model.also.length === 0 ? model.entries : [...model.entries, ...model.also];
  if (entries.length === 0) return { ...notice('ask', text, locale, t(locale).askNone(text)), answer: model };
  return { type: 'entries', command: 'ask', query: text, locale, title: text, entries, answer: model };
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
