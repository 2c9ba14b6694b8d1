// Reading reminders for trusted callers (the incident card, App Home): when an incident's next update is due.
import type { DbOrTx } from '../../db/types.js';
import { updateDeadlines } from './queries.js';

/** When an open incident's next update reminder goes out, and whether it was snoozed; undefined when none is due. */
export async function nextUpdateDue(db: DbOrTx, incidentId: number): Promise<{ dueAt: Date; snoozed: boolean } | undefined> {
  return (await updateDeadlines(db, [incidentId])).get(incidentId);
}
