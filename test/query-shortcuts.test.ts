/**
 * The query paths take shortcuts at scale (work for the page shown, not for every match): each must answer exactly
 * as the long way does. Checked against the long way, written out here, on a generated record big enough for the
 * shortcuts to matter.
 */
import { describe, expect, it } from 'vitest';
import { replicateRecord } from '../bench/replicate.js';
import { runCommand } from '../src/commands/registry.js';
import { DISCORD } from '../src/limits.js';
import { answerSentence } from '../src/render/answer.js';
import { escapeDiscord } from '../src/render/escape.js';
import { truncate } from '../src/render/fit.js';
import { editDistance } from '../src/search/fuzzy.js';
import { RecordIndex } from '../src/search/engine.js';
import { fold } from '../src/search/text.js';
import { command } from './helpers/record.js';

const index = new RecordIndex(replicateRecord(3000));
const counties = [...new Set(index.entries.flatMap((e) => e.places.map((p) => p.county)))];

describe('shortcuts answer as the long way does', () => {
  it("Discord's answer stops past what its content shows, and shows the same characters", () => {
    let cut = 0;
    for (const county of counties) {
      const reply = runCommand(command('visit'), { text: county }, index, 'sv');
      if (!reply.answer) continue;
      const whole = answerSentence(reply.answer, 'sv');
      const shown = answerSentence(reply.answer, 'sv', DISCORD.contentLength);
      if (shown.length < whole.length) cut++;
      expect(truncate(escapeDiscord(shown), DISCORD.contentLength)).toBe(truncate(escapeDiscord(whole), DISCORD.contentLength));
    }
    // The record is big enough that counties' answers are longer than a message: the shortcut was taken.
    expect(cut).toBeGreaterThan(0);
  });

  it('relevant() selects what a ranked search scores within the share of its best', () => {
    for (const query of ['bibliotek', 'medborgarservice', 'digital kompetens', 'workshop 2017', 'projektledare', 'citizen service', 'Xyzzy']) {
      for (const share of [0, 0.21, 0.5]) {
        const { hits } = index.search(query);
        const best = hits.reduce((max, h) => Math.max(max, h.score), 0);
        const expected = hits.filter((h) => h.score >= best * share).map((h) => h.entry.id);
        expect(index.relevant(query, share).map((e) => e.id).sort()).toEqual(expected.sort());
        expect(index.finds(query)).toBe(hits.length > 0);
      }
    }
  });

  it("a did-you-mean names the three closest places, the record's order breaking ties", () => {
    for (const text of ['Atlantis', 'Motla', 'stadsbibblan', 'x']) {
      const key = fold(text);
      const expected = index.places.names
        .map((n) => ({ label: n.label, d: editDistance(key, fold(n.label), 99) }))
        .sort((a, b) => a.d - b.d)
        .slice(0, 3)
        .map((n) => n.label);
      expect(index.places.closest(text, 3)).toEqual(expected);
    }
  });
});
