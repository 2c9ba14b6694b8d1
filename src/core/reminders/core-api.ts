// Reminders as createCore offers them: the sweeps for the scheduler (trusted), the buttons' snooze and stop (checked
// against the access rules in core), and the next update deadline for whatever shows an incident.
import type { Actor, CoreDeps } from '../context.js';
import { runDueReminders } from './fire.js';
import { nextUpdateDue } from './read.js';
import { snoozeReminder, stopReminder } from './snooze.js';
import { runDueStaleList } from './stale.js';
import { updateDeadlines } from './queries.js';

/** Binds reminders to core's dependencies. */
export function remindersApi(deps: CoreDeps) {
  return {
    /** Sends the update reminders and commander nudges due now (trusted: the scheduler's minutely call; safe on every replica). */
    runDue: () => runDueReminders(deps),
    /** Sends the weekly stale list when its slot is due (trusted; once per slot across replicas). */
    runDueStaleList: () => runDueStaleList(deps),
    /** When the weekly stale list goes out: undefined when STALE_LIST_CRON is off or nothing here runs it. */
    staleSchedule: () => deps.reminders?.stale?.schedule,
    /** Snoozes an incident's update reminder: `30m`, `2h` or `tomorrow` (09:00 in TIMEZONE). */
    snooze: (actor: Actor, ref: string | undefined, choice: string) => snoozeReminder(deps, actor, ref, choice),
    /** Stops an incident's update reminders. */
    stop: (actor: Actor, ref: string | undefined) => stopReminder(deps, actor, ref),
    /** When an incident's next update reminder is due (trusted callers: the incident card renders it). */
    nextUpdateDue: (incidentId: number) => nextUpdateDue(deps.db, incidentId),
    /** The same for many incidents at once (trusted). */
    updateDeadlines: (incidentIds: readonly number[]) => updateDeadlines(deps.db, incidentIds),
  };
}
