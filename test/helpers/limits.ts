import { expect } from 'vitest';
import { DISCORD } from '../../src/limits.js';
import type { MessagePayload } from '../../src/render/fit.js';

/** Asserts every Discord limit on a payload, counting UTF-16 units (never fewer than Discord's characters). */
export function expectWithinLimits(p: MessagePayload): void {
  expect(p.allowed_mentions).toEqual({ parse: [] });
  expect((p.content ?? '').length).toBeLessThanOrEqual(DISCORD.contentLength);
  expect(p.embeds.length).toBeLessThanOrEqual(DISCORD.embedsPerMessage);
  let total = 0;
  for (const e of p.embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(DISCORD.embedTitle);
    expect((e.description ?? '').length).toBeLessThanOrEqual(DISCORD.embedDescription);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(DISCORD.embedFields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(DISCORD.embedFieldName);
      expect(f.value.length).toBeLessThanOrEqual(DISCORD.embedFieldValue);
      total += f.name.length + f.value.length;
    }
    total += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text.length ?? 0);
  }
  expect(total).toBeLessThanOrEqual(DISCORD.embedTotalCharacters);
  for (const row of p.components) for (const b of row.components) expect(b.custom_id.length).toBeLessThanOrEqual(DISCORD.customId);
}
