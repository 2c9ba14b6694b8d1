// What the slot scheduler and the minutely sweeps share: node-cron tasks that call one job, one run at a time in this
// process (another replica running at the same moment is what core's claims and row locks are for), a first run at
// once (for what fell due while every replica was down), and failures logged, never thrown.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../log.js';

/** A node-cron trigger: its expression, its zone (the server's when left out) and the task's name. */
export interface Trigger {
  cron: string;
  timezone?: string;
  name: string;
}

/** Starts the triggers for `run`; `done` handles what a run returns, `failed` is the log message when it throws. */
export function startTriggers<T>(triggers: readonly Trigger[], run: () => Promise<T>, done: (result: T) => void, failed: string, logger: Logger): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= run()
      .then(done)
      .catch((err: unknown) => logger.error({ err }, failed))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const tasks: ScheduledTask[] = triggers.map((t) => cron.schedule(t.cron, tick, { ...(t.timezone ? { timezone: t.timezone } : {}), name: t.name, noOverlap: true }));
  void tick();
  return {
    async stop() {
      await Promise.all(tasks.map((t) => t.destroy()));
      await running;
    },
  };
}
