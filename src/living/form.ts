import { entrySchema, type Entry, type Kind, KINDS, type Person, type Place } from '../data/schema.js';
import { formatSpan } from '../i18n.js';
import type { RecordIndex } from '../search/engine.js';
import { isUnsupported, parsePeriod, readPeriod } from '../search/period.js';
import { sweden as defaultSweden, type Sweden } from '../search/sweden.js';
import { newEntryId } from '../store/ids.js';

/** The form's text fields, in the order the modal shows them (Discord allows five). */
export const FORM_FIELDS = ['when', 'where', 'who', 'title', 'text'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** How long each field may be: the entry schema's title limit, and Discord's 4000 for a text input. */
export const FIELD_MAX: Record<FormField, number> = { when: 100, where: 1000, who: 2000, title: 200, text: 4000 };

/** What /log is filling in: the kind (a slash option, since a modal has no choice list), the entry it corrects, and the text fields. */
export interface LogForm {
  kind: Kind;
  /** The entry being corrected; null for a new one. */
  entryId: string | null;
  values: Record<FormField, string>;
}

export type ProblemCode = 'empty' | 'period' | 'place' | 'region' | 'person' | 'too-long' | 'invalid';

/** One thing wrong with the form, naming its field; `typed` is the line it is about. */
export interface FieldProblem {
  field: FormField | 'what';
  code: ProblemCode;
  typed?: string;
  max?: number;
  /** The schema's own message, for what the form's parsing does not catch itself. */
  message?: string;
}

export type FormResult = { ok: true; entry: Entry } | { ok: false; problems: FieldProblem[] };

const lines = (text: string) => text.split(/\r?\n|;/).map((l) => l.trim()).filter(Boolean);

/** The form pre-filled from an entry, for a correction. */
export function formOf(entry: Entry): LogForm {
  return {
    kind: entry.kind,
    entryId: entry.id,
    values: {
      when: entry.period.label,
      where: entry.places.map((p) => (p.municipality && p.municipality !== p.name ? `${p.name}, ${p.municipality}` : p.name)).join('\n'),
      who: entry.people.map((p) => [p.name ?? '-', p.role ?? '-', p.organisation].join(', ')).join('\n'),
      title: entry.title,
      text: entry.source,
    },
  };
}

/** An empty form, with what the slash options gave (period, kind, place). */
export function newForm(kind: Kind, prefill: Partial<Record<FormField, string>> = {}): LogForm {
  return { kind, entryId: null, values: { when: '', where: '', who: '', title: '', text: '', ...prefill } };
}

/**
 * A place line → a place of the entry: a place the record has ("Motala bibliotek"); a place followed by its
 * municipality ("Kiruna bibliotek, Kiruna"); a line naming a Swedish municipality ("Kiruna bibliotek" lies in
 * Kiruna); a municipality or county itself. A land (Norrland) is too wide to be a place of an activity.
 */
function placeOf(line: string, index: RecordIndex, sweden: Sweden): Place | 'region' | null {
  const known = index.places.lookup(line);
  if (known.status === 'found' && known.match.quality === 'exact' && !known.match.sweden) {
    const p = known.match.places[0]!.place;
    return { name: p.name, municipality: p.municipality ?? null, county: p.county, ...(p.district ? { district: p.district } : {}) };
  }
  const [name, within] = line.split(/\s*,\s*/, 2) as [string, string | undefined];
  const whole = sweden.place(within ?? name);
  const mention = whole ? null : sweden.mentions(within ?? name).find((m) => m.place.level !== 'region');
  const found = whole ?? mention?.place ?? null;
  if (!found) return null;
  if (found.level === 'region') return 'region';
  if (found.level === 'county') return { name: within ? name : found.name, municipality: null, county: found.name };
  return { name: within || !whole ? name : found.name, municipality: found.name, county: found.county };
}

/** "Name, role[, organisation]"; "-" for a name or role the record does not know. */
function personOf(line: string, places: Place[]): Person | null {
  const [name = '', role = '', ...rest] = line.split(/\s*,\s*/);
  const organisation = rest.join(', ') || places[0]?.name;
  if (!organisation) return null;
  const orNull = (s: string) => (s && s !== '-' ? s : null);
  return { name: orNull(name), role: orNull(role), organisation };
}

/** The section an entry of this kind goes under: where the record puts that kind most, else its first section. */
function sectionFor(kind: Kind, index: RecordIndex): string {
  const counts = new Map<string, number>();
  for (const e of index.entries) if (e.kind === kind) counts.set(e.section, (counts.get(e.section) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return best ?? index.record.record.sections[0] ?? index.record.record.title;
}

const DATED = /^([^:]{4,40}):\s*/;

/**
 * The entry a filled-in form describes, or every problem with it, each naming its field. The text is kept in the
 * record's own style: with its date in front ("Hösten 2018: Besök på …"), so the report prints it as it is.
 */
export function entryFromForm(form: LogForm, index: RecordIndex, taken: (id: string) => boolean, existing: Entry | null = null, sweden: Sweden = defaultSweden()): FormResult {
  const problems: FieldProblem[] = [];
  const v = form.values;
  for (const field of FORM_FIELDS) {
    if ([...v[field]].length > FIELD_MAX[field]) problems.push({ field, code: 'too-long', max: FIELD_MAX[field] });
  }
  for (const field of ['when', 'title', 'text'] as const) if (!v[field].trim()) problems.push({ field, code: 'empty' });
  if (!KINDS.includes(form.kind)) problems.push({ field: 'what', code: 'invalid', typed: String(form.kind) });

  const period = v.when.trim() ? readPeriod(v.when) : null;
  if (v.when.trim() && (!period || isUnsupported(period))) problems.push({ field: 'when', code: 'period', typed: v.when.trim() });

  const places: Place[] = [];
  for (const line of lines(v.where)) {
    const place = placeOf(line, index, sweden);
    if (place === 'region') problems.push({ field: 'where', code: 'region', typed: line });
    else if (!place) problems.push({ field: 'where', code: 'place', typed: line });
    else places.push(place);
  }
  const people: Person[] = [];
  for (const line of lines(v.who)) {
    const person = personOf(line, places);
    if (person) people.push(person);
    else problems.push({ field: 'who', code: 'person', typed: line });
  }
  if (problems.length > 0 || !period || isUnsupported(period)) return { ok: false, problems };

  const label = existing && existing.period.start === period.start && existing.period.end === period.end ? existing.period.label : formatSpan(period.start, period.end, 'sv');
  const text = v.text.trim().replace(/\s+\n/g, '\n');
  const prefix = DATED.exec(text);
  const dated = prefix ? parsePeriod(prefix[1]!) : null;
  const source = dated ? text : `${label}: ${text}`;
  const body: Omit<Entry, 'id'> = {
    kind: form.kind,
    period: { label, start: period.start, end: period.end },
    section: existing?.section ?? sectionFor(form.kind, index),
    title: v.title.trim(),
    summary: existing && existing.source === source ? existing.summary : prefix && dated ? text.slice(prefix[0].length) : text,
    places,
    organisations: [...new Set(people.map((p) => p.organisation))],
    topics: existing?.topics ?? [],
    people,
    source,
  };
  const entry = { id: existing?.id ?? newEntryId(body, taken), ...body };
  const checked = entrySchema.safeParse(entry);
  if (checked.success) return { ok: true, entry: checked.data };
  return {
    ok: false,
    problems: checked.error.issues.map((issue) => ({ field: fieldOfPath(String(issue.path[0] ?? '')), code: 'invalid' as const, message: issue.message })),
  };
}

/** The form field an entry field comes from. */
function fieldOfPath(path: string): FormField | 'what' {
  const map: Record<string, FormField | 'what'> = { period: 'when', places: 'where', people: 'who', organisations: 'who', title: 'title', source: 'text', summary: 'text', kind: 'what', section: 'what', id: 'title' };
  return map[path] ?? 'text';
}
