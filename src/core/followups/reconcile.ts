// Keeping follow-ups in step with the review: run inside the transaction that saves a review version, under the
// incident's row lock, so the follow-ups and their events commit with the version or not at all.
import type { Tx } from '../../db/types.js';
import type { Actor } from '../context.js';
import type { Incident } from '../incidents/incident.js';
import { redactFor, redactionOf } from '../redaction/apply.js';
import type { Review } from '../reviews/review.js';
import { appendEvent } from '../timeline/queries.js';
import type { ActionItem } from '../../shared/action-item.js';
import { planFollowups } from './followup.js';
import { followupsOf, insertFollowup, updateFollowup } from './queries.js';

/** How many follow-ups a save added, reopened, changed and cancelled. */
export interface Reconciled {
  added: number;
  reopened: number;
  changed: number;
  cancelled: number;
}

/** Applies a new review version to the incident's follow-ups, one timeline event per follow-up added, reopened, reassigned or cancelled. */
export async function reconcileFollowups(
  tx: Tx,
  p: { incident: Incident; review: Review; previous: readonly ActionItem[]; actor: Actor; now: Date },
): Promise<Reconciled> {
  const { incident, review, actor, now } = p;
  const plan = planFollowups(await followupsOf(tx, incident.id), review.actionItems, p.previous);
  const by = { changedBy: actor.id, changedAt: now };
  const event = (e: Parameters<typeof appendEvent>[2]) => appendEvent(tx, incident.id, e, now);
  const who = { actor: actor.id, source: actor.source };
  for (const item of plan.add) {
    const row = await insertFollowup(tx, { incidentId: incident.id, text: redactFor(redactionOf(tx), item.text).text, owner: item.owner, due: item.due, reviewVersion: review.version, ...by });
    await event({ kind: 'followup_added', ...who, payload: { followupId: row.id, text: row.text, owner: row.owner, due: row.due } });
  }
  for (const { row, item } of plan.reopen) {
    await updateFollowup(tx, row.id, { state: 'open', owner: item.owner, due: item.due, reviewVersion: review.version, ...by });
    await event({ kind: 'followup_added', ...who, payload: { followupId: row.id, text: row.text, owner: item.owner, due: item.due, reopened: true } });
  }
  for (const { row, set } of plan.update) {
    await updateFollowup(tx, row.id, { ...set, reviewVersion: review.version, ...by });
    if (set.owner !== undefined) {
      await event({ kind: 'followup_reassigned', ...who, payload: { followupId: row.id, text: row.text, from: row.owner, to: set.owner, via: 'review' } });
    }
  }
  for (const row of plan.cancel) {
    await updateFollowup(tx, row.id, { state: 'cancelled', reviewVersion: review.version, ...by });
    await event({ kind: 'followup_cancelled', ...who, payload: { followupId: row.id, text: row.text, version: review.version } });
  }
  return { added: plan.add.length, reopened: plan.reopen.length, changed: plan.update.length, cancelled: plan.cancel.length };
}
