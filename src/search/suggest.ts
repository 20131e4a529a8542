import { formatSpan, KIND_LABELS, type Locale, periodLabel } from '../i18n.js';
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
  name: string;
  value: string;
  /** Folded text it is matched against: the label first, then what else it may be known by. */
  key: string;
  /** Order on an empty query, and the tie-break: bigger first. */
  weight: number;
}

const cut = (text: string) => (text.length <= DISCORD.choiceName ? text : `${text.slice(0, DISCORD.choiceName - 1)}…`);

function candidate(name: string, value: string, aliases: string, weight: number): Candidate {
  return { name: cut(name), value: value.slice(0, DISCORD.choiceValue), key: fold(`${name} ${aliases}`), weight };
}

/**
 * How well a typed text matches: 0 exact, 1 prefix, 2 a word starts with it, 3 contains, 4 one typo away;
 * null for no match. Exact beats prefix beats contains, as people expect from a completion list.
 */
function rank(key: string, label: string, typed: string): number | null {
  if (label === typed) return 0;
  if (label.startsWith(typed)) return 1;
  const keyWords = words(key);
  if (keyWords.some((w) => w.startsWith(typed))) return 2;
  if (typed.length >= 3 && key.includes(typed)) return 3;
  // Years and numbers are not typos of each other: 2016 is not a near miss for 2017.
  const edits = /\d/.test(typed) ? 0 : allowedEdits(typed.length);
  if (edits > 0 && keyWords.some((w) => editDistance(typed, w.slice(0, typed.length + edits), edits) <= edits)) return 4;
  return null;
}

/** Autocomplete lists for each option, built once per record and locale. */
export class Suggester {
  private readonly lists = new Map<string, Candidate[]>();

  constructor(private readonly index: RecordIndex) {}

  private list(field: SuggestField, locale: Locale): Candidate[] {
    const id = `${field}:${locale}`;
    let list = this.lists.get(id);
    if (!list) {
      list = this.build(field, locale).sort((a, b) => b.weight - a.weight);
      this.lists.set(id, list);
    }
    return list;
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
        return index.chronological.map((e, i) =>
          candidate(`${periodLabel(e.period, locale)} · ${e.title}`, e.id, `${KIND_LABELS[e.kind][locale]} ${e.places.map((p) => p.name).join(' ')}`, -i),
        );
    }
  }

  /** At most 25 choices, best first; on an empty query the most useful entries of the list. */
  suggest(field: SuggestField, typed: string, locale: Locale): Choice[] {
    const list = this.list(field, locale);
    const query = fold(typed).replace(/\s+/g, ' ').trim().slice(0, 100);
    if (!query) return list.slice(0, DISCORD.autocompleteChoices).map(({ name, value }) => ({ name, value }));
    const scored: { c: Candidate; r: number }[] = [];
    for (const c of list) {
      const r = rank(c.key, fold(c.name), query);
      if (r !== null) scored.push({ c, r });
    }
    scored.sort((a, b) => a.r - b.r || b.c.weight - a.c.weight);
    return scored.slice(0, DISCORD.autocompleteChoices).map(({ c }) => ({ name: c.name, value: c.value }));
  }
}
