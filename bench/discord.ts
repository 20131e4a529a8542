/**
 * Reply latency through the project's Discord stand-in: the real discord.js client logged in over the gateway,
 * time measured from the stand-in dispatching INTERACTION_CREATE to it receiving the interaction callback.
 */
import type { InteractionRecord } from '../test/stand-in/discord.js';
import { startHarness } from '../test/e2e/harness.js';
import { type Stat, stat } from './stats.js';

export interface DiscordResult {
  sequential: Stat;
  burst: Stat & { interactions: number; bursts: number; answeredOnce: number; lost: number };
}

const commands: [string, { name: string; type: number; value: string }[]][] = [
  ['visit', [{ name: 'place', type: 3, value: 'Motala' }]],
  ['contact', [{ name: 'who', type: 3, value: 'projektledare' }]],
  ['timeline', [{ name: 'period', type: 3, value: '2017' }]],
  ['search', [{ name: 'query', type: 3, value: 'citizen service' }]],
  ['ask', [{ name: 'question', type: 3, value: 'När besökte vi Motala?' }]],
];

const latency = (r: InteractionRecord) => r.callbacks[0]!.at - r.dispatchedAt;

export async function benchDiscord(options: { sequential: number; bursts: number; burstSize: number }): Promise<DiscordResult> {
  const h = await startHarness();
  try {
    const one: number[] = [];
    for (let i = 0; i < options.sequential; i++) {
      const [name, opts] = commands[i % commands.length]!;
      one.push(latency(await h.discord.answered(h.discord.command(name, opts, i % 2 ? 'sv-SE' : 'en-US'), 10000)));
    }
    const all: InteractionRecord[] = [];
    for (let b = 0; b < options.bursts; b++) {
      const burst = Array.from({ length: options.burstSize }, (_, i) => {
        const [name, opts] = commands[i % commands.length]!;
        return i % 4 === 3 ? h.discord.autocomplete('visit', 'place', 'Mo') : h.discord.command(name, opts);
      });
      await Promise.all(burst.map((r) => h.discord.answered(r, 15000)));
      all.push(...burst);
    }
    const answeredOnce = all.filter((r) => r.callbacks.length === 1 && r.rejected.length === 0).length;
    return {
      sequential: stat(one),
      burst: { ...stat(all.map(latency)), interactions: all.length, bursts: options.bursts, answeredOnce, lost: all.length - answeredOnce },
    };
  } finally {
    await h.stop();
  }
}
