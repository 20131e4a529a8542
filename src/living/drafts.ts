import { randomBytes } from 'node:crypto';
import type { LogForm } from './form.js';

/**
 * Forms that could not be saved, kept so the "open the form again" button can bring the text back: a modal's
 * text (up to 4000 characters a field) does not fit in a custom_id (100), so the button carries a short token and
 * the text waits here. In memory only, for DRAFT_TTL_MS, at most MAX_DRAFTS: a draft is a convenience for the
 * next minutes, not a record — after a restart or the time limit the button says so and /log starts afresh.
 */
export const DRAFT_TTL_MS = 30 * 60 * 1000;
const MAX_DRAFTS = 500;

export class Drafts {
  private readonly drafts = new Map<string, { form: LogForm; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps a form and returns its token (11 URL-safe characters). */
  keep(form: LogForm): string {
    this.sweep();
    const token = randomBytes(8).toString('base64url');
    this.drafts.set(token, { form, expires: this.now() + DRAFT_TTL_MS });
    // Oldest first in a Map: past the cap, the oldest draft goes.
    if (this.drafts.size > MAX_DRAFTS) this.drafts.delete(this.drafts.keys().next().value!);
    return token;
  }

  /** The form for a token, or null when it expired or never was. */
  take(token: string): LogForm | null {
    const draft = this.drafts.get(token);
    if (!draft || draft.expires < this.now()) {
      this.drafts.delete(token);
      return null;
    }
    return draft.form;
  }

  /** Every draft still kept, for a record process that takes over from this one (src/live/process-host.ts). */
  kept(): [string, { form: LogForm; expires: number }][] {
    this.sweep();
    return [...this.drafts];
  }

  /** Takes over drafts another process kept (see kept()). */
  adopt(kept: readonly [string, { form: LogForm; expires: number }][]): void {
    for (const [token, draft] of kept) this.drafts.set(token, draft);
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, draft] of this.drafts) if (draft.expires < now) this.drafts.delete(token);
  }
}

/** One per process: both Discord doors of a process share it. */
export const drafts = new Drafts();
