// The scheduler only triggers: at start it runs core's runDue once (a slot missed while everything was down), and
// its triggers follow AWARENESS_CRON in AWARENESS_TZ plus a minutely sweep. No real waiting: node-cron's own view of
// the next runs is checked instead.
import { describe, expect, it } from 'vitest';
import cron from 'node-cron';
import type { Awareness } from '../../src/core/awareness/awareness.js';
import { createLogger } from '../../src/log.js';
import { startAwarenessScheduler } from '../../src/scheduler/awareness.js';

describe('awareness scheduler', () => {
  it('runs once at start, registers the slot trigger in its zone and the sweep, and stops cleanly', async () => {
    let runs = 0;
    const fake = {
      deps: { schedule: { name: 'weekly', cron: '0 9 * * 1', timezone: 'Europe/Paris', graceMs: 0 } },
      runDue: async () => {
        runs += 1;
        return [];
      },
    } as unknown as Awareness;
    const scheduler = startAwarenessScheduler(fake, createLogger('silent'));
    try {
      await new Promise((resolve) => setImmediate(resolve));
      expect(runs).toBe(1);
      const tasks = [...cron.getTasks().values()];
      const slot = tasks.find((t) => t.name === 'awareness')!;
      const sweep = tasks.find((t) => t.name === 'awareness-sweep')!;
      // The next runs of the slot trigger fall on Mondays at 09:00 in Paris.
      for (const at of slot.getNextRuns(3)) {
        expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(at)).toBe('Mon 09:00');
      }
      const [a, b] = sweep.getNextRuns(2);
      expect(b!.getTime() - a!.getTime()).toBe(60_000);
    } finally {
      await scheduler.stop();
    }
    expect([...cron.getTasks().values()].filter((t) => t.name?.startsWith('awareness'))).toHaveLength(0);
  });
});
