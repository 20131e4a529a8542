import { z } from 'zod';

/** The closed set of activity kinds found in the record. Order is the display order in summaries. */
export const KINDS = [
  'survey',
  'workshop',
  'conference',
  'mapping',
  'study-trip',
  'study-visit',
  'visit',
  'phone-interview',
  'phone-call',
  'conversation',
  'email',
] as const;
export type Kind = (typeof KINDS)[number];

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');

const text = z.string().trim().min(1, 'must not be empty');

export const periodSchema = z
  .object({
    label: text,
    start: month,
    end: month,
  })
  .strict()
  .refine((p) => p.start <= p.end, { message: 'start must not be after end', path: ['end'] });

export const placeSchema = z
  .object({
    name: text,
    /** null where the place is a region-wide body rather than a place in one municipality. */
    municipality: text.nullable(),
    county: text.regex(/ län$/, 'must be a county name ending in " län"'),
    /** A part of the municipality, e.g. "Hässelby gård" in Stockholm. */
    district: text.optional(),
  })
  .strict();

export const personSchema = z
  .object({
    /** null when the record names the organisation (or role) but not the person. */
    name: text.nullable(),
    role: text.nullable(),
    organisation: text,
  })
  .strict();

export const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase slug like 2017-autumn-study-trip-motala'),
    kind: z.enum(KINDS),
    period: periodSchema,
    section: text,
    title: text.max(200),
    summary: text,
    places: z.array(placeSchema),
    organisations: z.array(text),
    topics: z.array(text),
    people: z.array(personSchema),
    source: text,
  })
  .strict();

export const recordFileSchema = z
  .object({
    record: z
      .object({
        title: text,
        /** The original text the entries were taken from, relative to this file. */
        file: text.optional(),
        sections: z.array(text),
      })
      .strict(),
    entries: z.array(entrySchema).min(1, 'must hold at least one entry'),
  })
  .strict();

export type Period = z.infer<typeof periodSchema>;
export type Place = z.infer<typeof placeSchema>;
export type Person = z.infer<typeof personSchema>;
export type Entry = z.infer<typeof entrySchema>;
export type RecordFile = z.infer<typeof recordFileSchema>;
