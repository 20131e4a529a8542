import type { Locale } from '../i18n.js';
import { t } from '../i18n.js';
import { MAX_QUERY_LENGTH } from '../limits.js';

export type InputCheck = { ok: true; text: string } | { ok: false; reason: 'empty' | 'too-long' | 'control'; message: string };

// Zero-width spaces and joiners, bidi marks and the BOM carry no meaning in a query: drop them quietly.
const INVISIBLE = /[\p{Cf}]/gu;
// Other control characters (C0/C1, except ordinary spaces) are refused: nobody types them on purpose.
const CONTROL = /[\p{Cc}]/u;

/** Validates user text the same way for every door. */
export function checkText(raw: string, locale: Locale, options: { required: boolean } = { required: true }): InputCheck {
  const m = t(locale);
  const text = raw.normalize('NFC').replace(INVISIBLE, '').replace(/[\t ]+/g, ' ').trim();
  if (CONTROL.test(text)) return { ok: false, reason: 'control', message: m.errorControl };
  if ([...text].length > MAX_QUERY_LENGTH) return { ok: false, reason: 'too-long', message: m.errorTooLong(MAX_QUERY_LENGTH) };
  if (options.required && text.length === 0) return { ok: false, reason: 'empty', message: m.errorEmpty };
  return { ok: true, text };
}
