// node-cron only triggers: at each slot of a job's cron expression (in its zone), and every minute as a sweep that
// takes over claims a dead replica left and posts a slot missed within the grace window. What and whether to post is
// decided in core (runDue), which is safe to call from every replica at once. The awareness tip, the weekly digest,
// the stale list and the follow-up reminders run through here.
import type { Schedule } from '../core/index.js';
import type { Logger } from '../log.js';
import { startTriggers } from './triggers.js';

/** What a run reports about each slot it looked at. */
type SlotReport = { kind: string; slotAt: Date };

/** Starts a job's triggers and runs it once at once (for a slot missed while every replica was down). */
export function startSlotScheduler(
  name: string,
  schedule: Pick<Schedule, 'cron' | 'timezone'>,
  runDue: () => Promise<readonly SlotReport[]>,
  logger: Logger,
): { stop(): Promise<void> } {
  const report = (outcomes: readonly SlotReport[]) => {
    for (const o of outcomes) if (o.kind !== 'held-elsewhere') logger.info({ slot: o.slotAt.toISOString(), outcome: o }, `${name} slot ${o.kind}`);
  };
  const triggers = [
    { cron: schedule.cron, timezone: schedule.timezone, name },
    { cron: '* * * * *', name: `${name}-sweep` },
  ];
  return startTriggers(triggers, runDue, report, `${name} run failed`, logger);
}
