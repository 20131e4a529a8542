import type { Entry } from '../data/schema.js';
import { formatSpan, type Locale, periodLabel } from '../i18n.js';
import { DISCORD } from '../limits.js';
import type { RecordIndex } from './engine.js';
import { allowedEdits, editDistance } from './fuzzy.js';
import { fold, words } from './text.js';

/** The option being completed; each draws on its own list. */
export type SuggestField = 'place' | 'who' | 'period' | 'title';

export interface Choice {
  name: string;
  value: string;
}

interface Candidate {
  /** What the choice shows; built when shown for titles (see display), so 100,000 titles cost no names. */
  name: string;
  value: string;
  /** The folded label. */
  label: string;
  /** Folded text it is matched against: the label first, then what else it may be known by. */
  key: string;
  /** Order on an empty query, and the tie-break: bigger first. */
  weight: number;
  /** For titles: the entry, whose period is shown in the user's language. */
  entry?: Entry;
}

/** A list, best-weighted first, with an index for big lists (titles at 100,000 entries). */
interface CandidateList {
  items: Candidate[];
  /** For lists over BUCKETED_FROM: candidates (positions) by the first two letters of each word of their key. */
  buckets: Map<string, Int32Array> | null;
}

/** Lists longer than this are searched through word buckets instead of a full scan. */
const BUCKETED_FROM = 5000;

const cut = (text: string) => (text.length <= DISCORD.choiceName ? text : `${text.slice(0, DISCORD.choiceName - 1)}…`);

function candidate(name: string, value: string, aliases: string, weight: number): Candidate {
  const shown = cut(name);
  return { name: shown, value: value.slice(0, DISCORD.choiceValue), label: fold(shown), key: words(fold(`${name} ${aliases}`)).join(' '), weight };
}

function bucketsOf(items: Candidate[]): Map<string, Int32Array> {
  const lists = new Map<string, number[]>();
  items.forEach((c, i) => {
    for (const prefix of new Set(words(c.key).map((w) => w.slice(0, 2)))) {
      let list = lists.get(prefix);
      if (!list) lists.set(prefix, (list = []));
      list.push(i);
    }
  });
  return new Map([...lists].map(([k, v]) => [k, Int32Array.from(v)]));
}

/**
 * How well a typed text matches: 0 exact, 1 prefix, 2 a word starts with it, 3 contains; null for no match.
 * Exact beats prefix beats contains, as people expect from a completion list. Typos are a second pass (typoRank).
 */
function rank(key: string, label: string, typed: string): number | null {
  if (label === typed) return 0;
  if (label.startsWith(typed)) return 1;
  if (key.startsWith(typed) || key.includes(` ${typed}`)) return 2;
  if (typed.length >= 3 && key.includes(typed)) return 3;
  return null;
}

/** One typo away from a word of the candidate: 4, else null. Years are not typos of each other (2016 ≠ 2017). */
function typoRank(key: string, typed: string): number | null {
  const edits = /\d/.test(typed) ? 0 : allowedEdits(typed.length);
  if (edits === 0) return null;
  return words(key).some((w) => editDistance(typed, w.slice(0, typed.length + edits), edits) <= edits) ? 4 : null;
}

/** Autocomplete lists for each option, built once per record and locale. */
export class Suggester {
  private readonly lists = new Map<string, CandidateList>();

  constructor(private readonly index: RecordIndex) {}

  private list(field: SuggestField, locale: Locale): CandidateList {
    // Titles match the same in both languages (only the shown period differs), so they share one list.
    const id = field === 'title' ? field : `${field}:${locale}`;
    let list = this.lists.get(id);
    if (!list) {
      const items = this.build(field, locale).sort((a, b) => b.weight - a.weight);
      list = { items, buckets: items.length > BUCKETED_FROM ? bucketsOf(items) : null };
      this.lists.set(id, list);
    }
    return list;
  }

  /** Builds every list now rather than on the first keystroke (start-up pays, not the first user). */
  warm(): void {
    for (const field of ['place', 'who', 'period', 'title'] as const) for (const locale of ['sv', 'en'] as const) this.list(field, locale);
  }

  private build(field: SuggestField, locale: Locale): Candidate[] {
    const { index } = this;
    switch (field) {
      case 'place':
        return index.places.names.map((p) =>
          candidate(p.within ? `${p.label} (${p.within}) · ${p.entries.length}` : `${p.label} · ${p.entries.length}`, p.label, p.key, p.entries.length),
        );
      case 'who': {
        const out: Candidate[] = [];
        const roles = new Map<string, number>();
        const organisations = new Map<string, number>();
        for (const c of index.contacts.contacts) {
          if (c.name) out.push(candidate(`${c.name}${c.role ? `, ${c.role}` : ''} – ${c.organisation}`, c.name, '', 100 + c.entries.length));
          if (c.role) roles.set(c.role, (roles.get(c.role) ?? 0) + 1);
          organisations.set(c.organisation, (organisations.get(c.organisation) ?? 0) + c.entries.length);
        }
        for (const [role, n] of roles) out.push(candidate(`${role} (${n})`, role, '', 50 + n));
        for (const [org, n] of organisations) out.push(candidate(org, org, '', n));
        return out;
      }
      case 'period': {
        const spans = new Map<string, { start: string; end: string; count: number }>();
        const add = (start: string, end: string) => {
          const key = `${start}..${end}`;
          const span = spans.get(key) ?? { start, end, count: 0 };
          span.count++;
          spans.set(key, span);
        };
        for (const e of index.entries) {
          add(e.period.start, e.period.end);
          for (let y = Number(e.period.start.slice(0, 4)); y <= Number(e.period.end.slice(0, 4)); y++) add(`${y}-01`, `${y}-12`);
        }
        // Chronological: the weight falls as the start rises; a year comes before its seasons.
        return [...spans.values()].map((s) => {
          const label = formatSpan(s.start, s.end, locale);
          const weight = -Number(s.start.replace('-', '')) * 10 + (s.end.slice(5) === '12' && s.start.slice(5) === '01' ? 1 : 0);
          return candidate(label, label, formatSpan(s.start, s.end, locale === 'sv' ? 'en' : 'sv'), weight);
        });
      }
      case 'title':
        return index.chronological.map((e, i) => ({
          name: '',
          value: e.id,
          label: fold(e.title),
          // Titles already name the kind and the place; the period label is the one addition worth its memory.
          key: words(fold(`${e.title} ${e.period.label}`)).join(' '),
          weight: -i,
          entry: e,
        }));
    }
  }

  /** At most 25 choices, best first; on an empty query the most useful entries of the list. */
  suggest(field: SuggestField, typed: string, locale: Locale): Choice[] {
    const { items, buckets } = this.list(field, locale);
    const query = fold(typed).replace(/\s+/g, ' ').trim().slice(0, 100);
    const show = (c: Candidate): Choice => ({ name: c.entry ? cut(`${periodLabel(c.entry.period, locale)} · ${c.entry.title}`) : c.name, value: c.value });
    if (!query) return items.slice(0, DISCORD.autocompleteChoices).map(show);
    const scored: { c: Candidate; r: number }[] = [];
    const consider = (c: Candidate) => {
      const r = rank(c.key, c.label, query);
      if (r !== null) scored.push({ c, r });
    };
    const pool: Candidate[] = [];
    if (buckets && query.length < 2) {
      // One letter on a big list: the best-weighted candidates that start with it are enough.
      for (const c of items) if (c.label.startsWith(query) && scored.push({ c, r: 1 }) >= DISCORD.autocompleteChoices) break;
    } else if (buckets) {
      // A big list: only candidates with a word starting like the query's first word. A match inside a word
      // ("bibliotek" in "stadsbibliotek") is left to the smaller lists and to /search.
      for (const i of buckets.get(query.slice(0, 2)) ?? []) consider(items[i]!);
    } else {
      for (const c of items) consider(c);
      pool.push(...items);
    }
    // Typos only when the list has too few real matches, and only for lists small enough to scan.
    if (scored.length < DISCORD.autocompleteChoices) {
      const found = new Set(scored.map((x) => x.c));
      for (const c of pool) {
        if (found.has(c)) continue;
        const r = typoRank(c.key, query);
        if (r !== null) scored.push({ c, r });
      }
    }
    scored.sort((a, b) => a.r - b.r || b.c.weight - a.c.weight);
    return scored.slice(0, DISCORD.autocompleteChoices).map(({ c }) => show(c));
  }
}
