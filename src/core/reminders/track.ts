// Keeping an incident's reminders in step with it, inside the transaction of each change: a declaration arms them,
// an update starts the interval again, and resolving, closing, declining or merging ends them with the change itself.
import type { Tx } from '../../db/types.js';
import type { CoreDeps } from '../context.js';
import type { Incident } from '../incidents/incident.js';
import { remindersOf, saveReminders } from './queries.js';
import { DEFAULT_UPDATE_INTERVALS, planReminders, type Reminder, type Trigger, type UpdateIntervals } from './reminder.js';

/** The update intervals in force (the defaults where core was built without reminder settings). */
export function intervalsOf(deps: Pick<CoreDeps, 'reminders'>): UpdateIntervals {
  return deps.reminders?.updateIntervals ?? DEFAULT_UPDATE_INTERVALS;
}

/**
 * Looks at an incident's reminders again after a change, in that change's transaction (`incident` as it is now).
 * `current`: its reminders when the caller knows them without asking (none, for an incident created in this transaction).
 */
export async function followIncident(
  tx: Tx,
  deps: Pick<CoreDeps, 'reminders'>,
  incident: Incident,
  trigger: Trigger,
  by: string,
  now: Date,
  current?: readonly Reminder[],
): Promise<void> {
  const rows = current ?? (await remindersOf(tx, incident.id));
  const planned = planReminders({ incident, rows, trigger, now, intervals: intervalsOf(deps) });
  if (planned.length > 0) await saveReminders(tx, incident.id, planned, by, now);
}
