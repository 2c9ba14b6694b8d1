// node-cron only triggers: at each slot of a job's cron expression (in its zone), and every minute as a sweep that
// takes over claims a dead replica left and posts a slot missed within the grace window. What and whether to post is
// decided in core (runDue), which is safe to call from every replica at once. The awareness tip and the weekly digest
// both run through here.
import cron, { type ScheduledTask } from 'node-cron';
import type { Schedule } from '../core/index.js';
import type { Logger } from '../log.js';

/** What a run reports about each slot it looked at. */
type SlotReport = { kind: string; slotAt: Date };

/** Starts a job's triggers and runs it once at once (for a slot missed while every replica was down). */
export function startSlotScheduler(
  name: string,
  schedule: Pick<Schedule, 'cron' | 'timezone'>,
  runDue: () => Promise<readonly SlotReport[]>,
  logger: Logger,
): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = () => {
    // One run at a time in this process; another replica running at the same moment is what the claims are for.
    running ??= runDue()
      .then((outcomes) => {
        for (const o of outcomes) if (o.kind !== 'held-elsewhere') logger.info({ slot: o.slotAt.toISOString(), outcome: o }, `${name} slot ${o.kind}`);
      })
      .catch((err: unknown) => logger.error({ err }, `${name} run failed`))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const tasks: ScheduledTask[] = [
    cron.schedule(schedule.cron, tick, { timezone: schedule.timezone, name, noOverlap: true }),
    cron.schedule('* * * * *', tick, { name: `${name}-sweep`, noOverlap: true }),
  ];
  void tick();
  return {
    async stop() {
      await Promise.all(tasks.map((t) => t.destroy()));
      await running;
    },
  };
}
