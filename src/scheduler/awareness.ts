// node-cron only triggers: at each AWARENESS_CRON slot (in AWARENESS_TZ), and every minute as a sweep that takes
// over claims a dead replica left and posts a slot missed within the grace window. What and whether to post is
// decided in core (runDue), which is safe to call from every replica at once.
import cron, { type ScheduledTask } from 'node-cron';
import type { Awareness } from '../core/awareness/awareness.js';
import type { Logger } from '../log.js';

/** Starts the triggers and runs once at once (for a slot missed while every replica was down). */
export function startAwarenessScheduler(awareness: Awareness, logger: Logger): { stop(): Promise<void> } {
  const { schedule } = awareness.deps;
  let running: Promise<void> | undefined;
  const tick = () => {
    // One run at a time in this process; another replica running at the same moment is what the claims are for.
    running ??= awareness
      .runDue()
      .then((outcomes) => {
        for (const o of outcomes) if (o.kind !== 'held-elsewhere') logger.info({ slot: o.slotAt.toISOString(), outcome: o }, `awareness slot ${o.kind}`);
      })
      .catch((err: unknown) => logger.error({ err }, 'awareness run failed'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const tasks: ScheduledTask[] = [
    cron.schedule(schedule.cron, tick, { timezone: schedule.timezone, name: 'awareness', noOverlap: true }),
    cron.schedule('* * * * *', tick, { name: 'awareness-sweep', noOverlap: true }),
  ];
  void tick();
  return {
    async stop() {
      await Promise.all(tasks.map((t) => t.destroy()));
      await running;
    },
  };
}
