// The reminders' sweep only triggers: it runs once at start (what fell due while everything was down), then every
// minute, one run at a time; a failed run is logged, not thrown. No real waiting: node-cron's next runs are checked.
import { describe, expect, it } from 'vitest';
import cron from 'node-cron';
import { createLogger } from '../../src/log.js';
import { startSweep } from '../../src/scheduler/sweep.js';

describe('minutely sweep', () => {
  it('runs once at start, then every minute, and stops cleanly', async () => {
    let runs = 0;
    const sweep = startSweep('reminders', async () => [{ kind: `run ${++runs}` }], createLogger('silent'));
    try {
      await new Promise((resolve) => setImmediate(resolve));
      expect(runs).toBe(1);
      const task = [...cron.getTasks().values()].find((t) => t.name === 'reminders-sweep')!;
      const [a, b] = task.getNextRuns(2);
      expect(b!.getTime() - a!.getTime()).toBe(60_000);
    } finally {
      await sweep.stop();
    }
    expect([...cron.getTasks().values()].filter((t) => t.name === 'reminders-sweep')).toHaveLength(0);
  });

  it('logs a failed run under its name instead of throwing', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (l: string) => void lines.push(l) } as unknown as NodeJS.WritableStream);
    const sweep = startSweep('reminders', () => Promise.reject(new Error('database unavailable')), logger);
    await sweep.stop();
    expect(lines.join('')).toMatch(/"msg":"reminders sweep failed"/);
  });
});
