// The scheduler only triggers: at start it runs each job's runDue once (a slot missed while everything was down),
// and its triggers follow the job's cron expression in its zone plus a minutely sweep. The awareness tip and the
// digest start through the same code. No real waiting: node-cron's own view of the next runs is checked instead.
import { describe, expect, it } from 'vitest';
import cron from 'node-cron';
import { createLogger } from '../../src/log.js';
import { startSlotScheduler } from '../../src/scheduler/slots.js';

const local = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(at);

describe('slot scheduler', () => {
  it('runs each job once at start, registers its slot trigger in its zone and its sweep, and stops cleanly', async () => {
    const runs = { awareness: 0, digest: 0 };
    const job = (name: keyof typeof runs) => async () => {
      runs[name] += 1;
      return [{ kind: 'held-elsewhere', slotAt: new Date(0) }];
    };
    const schedulers = [
      startSlotScheduler('awareness', { cron: '0 9 * * 1', timezone: 'Europe/Paris' }, job('awareness'), createLogger('silent')),
      startSlotScheduler('digest', { cron: '0 8 * * 1', timezone: 'America/New_York' }, job('digest'), createLogger('silent')),
    ];
    try {
      await new Promise((resolve) => setImmediate(resolve));
      expect(runs).toEqual({ awareness: 1, digest: 1 });
      const tasks = [...cron.getTasks().values()];
      const named = (name: string) => tasks.find((t) => t.name === name)!;
      // The next runs of each slot trigger fall on Mondays at the job's local time.
      for (const at of named('awareness').getNextRuns(3)) expect(local(at, 'Europe/Paris')).toBe('Mon 09:00');
      for (const at of named('digest').getNextRuns(3)) expect(local(at, 'America/New_York')).toBe('Mon 08:00');
      for (const sweep of ['awareness-sweep', 'digest-sweep']) {
        const [a, b] = named(sweep).getNextRuns(2);
        expect(b!.getTime() - a!.getTime()).toBe(60_000);
      }
    } finally {
      await Promise.all(schedulers.map((s) => s.stop()));
    }
    expect([...cron.getTasks().values()].filter((t) => t.name?.startsWith('awareness') || t.name?.startsWith('digest'))).toHaveLength(0);
  });

  it('logs a failed run under the job name instead of throwing', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (l: string) => void lines.push(l) } as unknown as NodeJS.WritableStream);
    let calls = 0;
    const scheduler = startSlotScheduler('digest', { cron: '0 8 * * 1', timezone: 'UTC' }, async () => {
      calls += 1;
      throw new Error('database unavailable');
    }, logger);
    await scheduler.stop();
    expect(calls).toBe(1);
    expect(lines.join('')).toMatch(/"msg":"digest run failed"/);
  });
});
