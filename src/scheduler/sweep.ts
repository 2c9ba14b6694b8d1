// node-cron only triggers: a job run every minute (the reminders' sweep, the channel archive sweep). What is due, and whether it was already
// sent, is decided in core, which is safe to call from every replica at once.
import cron from 'node-cron';
import type { Logger } from '../log.js';

/** Starts a minutely sweep and runs it once at once (for what fell due while every replica was down). */
export function startSweep(name: string, run: () => Promise<readonly { kind: string }[]>, logger: Logger): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = () => {
    // One run at a time in this process; another replica's sweep at the same moment is what the row locks are for.
    running ??= run()
      .then((outcomes) => {
        for (const o of outcomes) logger.info({ outcome: o }, `${name} ${o.kind}`);
      })
      .catch((err: unknown) => logger.error({ err }, `${name} sweep failed`))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const task = cron.schedule('* * * * *', tick, { name: `${name}-sweep`, noOverlap: true });
  void tick();
  return {
    async stop() {
      await task.destroy();
      await running;
    },
  };
}
