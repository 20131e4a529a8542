import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCommand } from '../src/commands/registry.js';
import { command } from './helpers/record.js';
import { renderJson } from '../src/render/json.js';
import { index } from './helpers/record.js';

// The query set of issue 10: questions a team member asks, written from data/record.txt. The fixture's `_rules`
// say how each question was read; this file holds no expectations of its own.

const SHAPES = ['when', 'who', 'where', 'how-many', 'which', 'how-in-touch', 'what-happened', 'yes-no', 'first-last'] as const;
const LOCALES = ['sv', 'en'] as const;
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

const Question = z
  .object({
    q: z.string().min(1),
    locale: z.enum(LOCALES),
    shape: z.enum(SHAPES),
    expect: z.array(z.string()),
    order: z.union([z.literal('record'), z.literal('any'), z.array(z.string())]).optional(),
    facts: z.array(z.string().min(1)),
    notFacts: z.array(z.string().min(1)).optional(),
    yes: z.boolean().optional(),
    count: z.number().int().nonnegative().optional(),
    counted: z.enum(['entries', 'counties', 'municipalities', 'people']).optional(),
    // Guards for the validate suite only: what the question names, as the set's author read it.
    period: z.object({ start: month, end: month }).optional(),
    kinds: z.array(z.string()).min(1).optional(),
    within: z.array(z.string()).min(1).optional(),
    outside: z.array(z.string()).min(1).optional(),
    people: z.array(z.string()).min(1).optional(),
    complete: z.literal(true).optional(),
  })
  .strict();
type Question = z.infer<typeof Question>;

const QuerySet = z.object({ _rules: z.array(z.string()).min(1), questions: z.array(Question).min(170) }).strict();

// Read straight from the data file, not through src/, so the guards below cannot inherit a bug from the loader.
const Place = z.object({
  name: z.string(),
  district: z.string().nullish(),
  municipality: z.string().nullable(),
  county: z.string().nullable(),
});
const Activity = z.object({
  id: z.string(),
  kind: z.string(),
  period: z.object({ start: month, end: month }),
  places: z.array(Place),
  people: z.array(z.object({ name: z.string().nullable() })),
});
type Activity = z.infer<typeof Activity>;

function readJson(relative: string): unknown {
  return JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8'));
}

function parseOrThrow<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(where);
  }
  return parsed.data;
}

const { questions } = parseOrThrow(QuerySet, readJson('./fixtures/questions.json'), 'test/fixtures/questions.json');
const activities = parseOrThrow(
  z.object({ entries: z.array(Activity) }),
  readJson('../data/activities.json'),
  'data/activities.json',
).entries;
const byId = new Map(activities.map((a) => [a.id, a]));
const recordPosition = new Map(activities.map((a, i) => [a.id, i]));
const label = (q: Question) => `${q.locale} ${q.shape}: ${q.q}`;

describe('validate: the query set agrees with data/activities.json', () => {
  const placeFields = (a: Activity) =>
    a.places.map((p) => new Set([p.name, p.district, p.municipality, p.county].filter((f): f is string => !!f).map((f) => f.toLowerCase())));
  const inAny = (a: Activity, names: string[]) => placeFields(a).some((fields) => names.some((n) => fields.has(n.toLowerCase())));
  const overlaps = (a: Activity, p: { start: string; end: string }) => a.period.start <= p.end && a.period.end >= p.start;
  const satisfies = (a: Activity, q: Question) =>
    (!q.period || overlaps(a, q.period)) &&
    (!q.kinds || q.kinds.includes(a.kind)) &&
    (!q.within || inAny(a, q.within)) &&
    (!q.outside || !inAny(a, q.outside)) &&
    (!q.people || a.people.some((p) => p.name !== null && q.people!.includes(p.name)));
  const hasGuard = (q: Question) => !!(q.period || q.kinds || q.within || q.outside || q.people);
  // Words that name a period, in the forms the record and the period parser's users write them.
  const NAMES_PERIOD = /\b(19|20)\d{2}\b|\b(vt|ht)\d{2}\b|\bvåren\b|\bhösten\b|\bspring\b|\bautumn\b|\bseptember\b|\bbörjan\b|\bbeginning\b|\bstart of\b/i;

  it('is large enough, in both languages, and covers every shape', () => {
    const sv = questions.filter((q) => q.locale === 'sv').length;
    expect(sv / questions.length).toBeGreaterThan(0.4);
    expect(sv / questions.length).toBeLessThan(0.6);
    for (const shape of SHAPES) {
      for (const locale of LOCALES) {
        expect(questions.filter((q) => q.shape === shape && q.locale === locale).length, `${shape}/${locale}`).toBeGreaterThanOrEqual(5);
      }
    }
    expect(new Set(questions.map((q) => q.q)).size).toBe(questions.length);
  });

  it('names only entries that exist, and orders exactly the expected entries', () => {
    for (const q of questions) {
      for (const id of q.expect) expect(byId.has(id), `${label(q)}: unknown id ${id}`).toBe(true);
      expect(new Set(q.expect).size, `${label(q)}: duplicate ids`).toBe(q.expect.length);
      if (Array.isArray(q.order)) expect([...q.order].sort(), `${label(q)}: order`).toEqual([...q.expect].sort());
    }
  });

  it('declares the period a question names, and expects only entries that overlap it', () => {
    for (const q of questions) {
      if (NAMES_PERIOD.test(q.q)) expect(q.period, `${label(q)}: names a period but declares none`).toBeDefined();
      if (!q.period || q.yes === false) continue;
      const outside = q.expect.filter((id) => !overlaps(byId.get(id)!, q.period!));
      expect(outside, `${label(q)}: entries outside ${q.period.start}..${q.period.end}`).toEqual([]);
    }
  });

  it("expects only entries that satisfy the question's constraints, and all of them when marked complete", () => {
    for (const q of questions) {
      if (q.yes === false || !hasGuard(q)) continue;
      const selected = activities.filter((a) => satisfies(a, q)).map((a) => a.id);
      expect(q.expect.filter((id) => !selected.includes(id)), `${label(q)}: expected but outside its constraints`).toEqual([]);
      if (q.complete) expect([...q.expect].sort(), `${label(q)}: complete`).toEqual([...selected].sort());
    }
  });

  it('says no only where nothing in the record satisfies the question', () => {
    for (const q of questions.filter((x) => x.yes === false)) {
      expect(hasGuard(q), `${label(q)}: a no needs constraints to check it against`).toBe(true);
      expect(activities.filter((a) => satisfies(a, q)).map((a) => a.id), label(q)).toEqual([]);
    }
    for (const q of questions.filter((x) => x.yes === true)) expect(q.expect.length, label(q)).toBeGreaterThan(0);
  });

  it('counts what the expected entries hold', () => {
    const distinct = (values: (string | null | undefined)[]) => new Set(values.filter((v): v is string => !!v)).size;
    for (const q of questions.filter((x) => x.count !== undefined)) {
      const entries = q.expect.map((id) => byId.get(id)!);
      const counted = {
        entries: entries.length,
        counties: distinct(entries.flatMap((e) => e.places.map((p) => p.county))),
        municipalities: distinct(entries.flatMap((e) => e.places.map((p) => p.municipality))),
        people: distinct(entries.flatMap((e) => e.people.map((p) => p.name))),
      }[q.counted ?? 'entries'];
      expect(counted, label(q)).toBe(q.count);
      expect(q.facts, `${label(q)}: the count is a fact`).toContain(String(q.count));
    }
  });

  it('never lists a string both as a fact and as a notFact', () => {
    for (const q of questions) {
      const facts = new Set(q.facts.map((f) => f.toLowerCase()));
      expect((q.notFacts ?? []).filter((n) => facts.has(n.toLowerCase())), label(q)).toEqual([]);
    }
  });
});

/** Entry ids behind a JSON reply, best first: a person's result stands for the entries where they appear. */
function resultIds(results: unknown[]): string[] {
  const ids = results.flatMap((r) => {
    const item = r as { id?: unknown; entries?: { id?: unknown }[] };
    if (Array.isArray(item.entries)) return item.entries.map((e) => String(e.id));
    return typeof item.id === 'string' ? [item.id] : [];
  });
  return [...new Set(ids)];
}

const YES_NO = { sv: { yes: /\bja\b/i, no: /\bnej\b/i }, en: { yes: /\byes\b/i, no: /\bno\b/i } } as const;

/** Everything wrong with the reply to one question; empty when it passes. */
function problems(q: Question): string[] {
  let json: ReturnType<typeof renderJson>;
  try {
    json = renderJson(runCommand(command('ask'), { text: q.q }, index, q.locale));
  } catch (error) {
    return [`threw: ${(error as Error).message}`];
  }
  const found: string[] = [];
  const got = resultIds(json.results);
  const missing = q.expect.filter((id) => !got.includes(id));
  const extra = got.filter((id) => !q.expect.includes(id));
  if (missing.length) found.push(`missing ${missing.join(', ')}`);
  if (extra.length) found.push(`unexpected ${extra.join(', ')}`);

  const expectedOnly = got.filter((id) => q.expect.includes(id));
  if (q.order === 'record') {
    const sorted = [...expectedOnly].sort((a, b) => recordPosition.get(a)! - recordPosition.get(b)!);
    if (expectedOnly.join() !== sorted.join()) found.push(`not in record order: ${expectedOnly.join(', ')}`);
  } else if (Array.isArray(q.order) && expectedOnly.join() !== q.order.join()) {
    found.push(`order ${expectedOnly.join(', ')}, want ${q.order.join(', ')}`);
  }

  // `answer` is the sentence the lead is adding to the JSON reply; until it exists every fact is missing.
  const raw = (json as { answer?: unknown }).answer;
  const answer = (typeof raw === 'string' ? raw : '').normalize('NFC').toLowerCase();
  const lacking = q.facts.filter((f) => !answer.includes(f.normalize('NFC').toLowerCase()));
  if (lacking.length) found.push(`answer lacks ${lacking.map((f) => JSON.stringify(f)).join(', ')}`);
  const wrong = (q.notFacts ?? []).filter((f) => answer.includes(f.normalize('NFC').toLowerCase()));
  if (wrong.length) found.push(`answer says ${wrong.map((f) => JSON.stringify(f)).join(', ')}`);

  if (q.yes !== undefined) {
    const words = YES_NO[q.locale];
    const yesAt = answer.search(words.yes);
    const noAt = answer.search(words.no);
    const first = yesAt >= 0 && (noAt < 0 || yesAt < noAt) ? true : noAt >= 0 ? false : undefined;
    if (first !== q.yes) found.push(`answer does not begin its verdict with ${q.yes ? 'yes' : 'no'}`);
  }
  if (q.count !== undefined && !new RegExp(`(^|\\D)${q.count}(\\D|$)`).test(answer)) found.push(`answer lacks the count ${q.count}`);
  return found;
}

/**
 * Questions answered wrong today, each with why (the closing note of issue 10 lists them too):
 * - "Digital Agenda for Greater Stockholm": "Greater" and "Agenda" with "Stockholm" read as a place narrow to nothing;
 * - "Digidel centres"/"Digidelcenter": text search over-matches (Länsbibliotek Västerbotten) or under-matches (the
 *   study trip's "DigidelCenter" is not found from the English "Digidel centres");
 * - "Which came first: the study trip to Motala or the visit to Malmö?": the second kind is lost to the first.
 */
const KNOWN_WRONG = new Set([
  'When were the workshops on the Digital Agenda for Greater Stockholm?',
  'Vilka Digidelcenter hade vi kontakt med?',
  'Which Digidel centres did we visit?',
  'Which came first: the study trip to Motala or the visit to Malmö?',
]);

describe('ask answers the query set', () => {
  const outcomes: { q: Question; passed: boolean }[] = [];

  afterAll(() => {
    const row = (name: string, subset: typeof outcomes) =>
      `${name.padEnd(16)}${String(subset.filter((o) => o.passed).length).padStart(4)} / ${String(subset.length).padEnd(4)}`;
    const lines = ['query set: passed / total'];
    for (const shape of SHAPES) lines.push(row(shape, outcomes.filter((o) => o.q.shape === shape)));
    for (const locale of LOCALES) lines.push(row(locale, outcomes.filter((o) => o.q.locale === locale)));
    lines.push(row('all', outcomes));
    console.log(lines.join('\n'));
  });

  for (const q of questions) {
    // A question the bot still answers wrong is listed in KNOWN_WRONG: its test passes only while it stays wrong,
    // so a fix must take it off the list, and a new failure anywhere else fails the suite.
    const test = KNOWN_WRONG.has(q.q) ? it.fails : it;
    test(label(q), () => {
      const found = problems(q);
      outcomes.push({ q, passed: found.length === 0 });
      expect(found).toEqual([]);
    });
  }

  it('knows each of its known-wrong questions', () => {
    const asked = new Set(questions.map((q) => q.q));
    expect([...KNOWN_WRONG].filter((q) => !asked.has(q))).toEqual([]);
  });
});
