// Marking a follow-up done and handing it to someone else: one transaction under the incident's row lock that changes
// the follow-up, appends its timeline event and, for a new owner, enqueues their direct message.
import { AppError } from '../../shared/errors.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { requireVisible } from '../incidents/access.js';
import type { Incident } from '../incidents/incident.js';
import { findById } from '../incidents/queries.js';
import type { Tx } from '../../db/types.js';
import { appendEvent } from '../timeline/queries.js';
import { noticeKey } from '../outbox/incident-notices.js';
import { enqueue } from '../outbox/queries.js';
import type { Followup } from './followup.js';
import { followupById, updateFollowup } from './queries.js';

/** What a Done or Reassign did: changed, or why not (already done, cancelled, same owner), in words. */
export interface FollowupChange {
  incident: Incident;
  followup: Followup;
  changed: boolean;
  message: string;
}

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

/** Marks an open follow-up done (anyone who may see its incident). */
export function completeFollowup(deps: CoreDeps, actor: Actor, id: number): Promise<FollowupChange> {
  return underLock(deps, actor, id, async (tx, incident, f, now) => {
    if (f.state !== 'open') return { incident, followup: f, changed: false, message: notOpen(incident, f) };
    const followup = await updateFollowup(tx, f.id, { state: 'done', changedBy: actor.id, changedAt: now });
    await appendEvent(tx, incident.id, { kind: 'followup_done', actor: actor.id, source: actor.source, payload: { followupId: f.id, text: f.text } }, now);
    return { incident, followup, changed: true, message: `Done: ${incident.ref} follow-up “${f.text}”.` };
  });
}

/** Gives an open follow-up to another Slack user (anyone who may see its incident). */
export async function reassignFollowup(deps: CoreDeps, actor: Actor, id: number, userId: string): Promise<FollowupChange> {
  if (!SLACK_USER.test(userId)) throw new AppError('invalid_input', 'Choose a person to give the follow-up to.', { field: 'owner' });
  return underLock(deps, actor, id, async (tx, incident, f, now) => {
    if (f.state !== 'open') return { incident, followup: f, changed: false, message: notOpen(incident, f) };
    if (f.owner === userId) return { incident, followup: f, changed: false, message: `That ${incident.ref} follow-up already has that owner.` };
    const followup = await updateFollowup(tx, f.id, { owner: userId, changedBy: actor.id, changedAt: now });
    const event = await appendEvent(
      tx,
      incident.id,
      { kind: 'followup_reassigned', actor: actor.id, source: actor.source, payload: { followupId: f.id, text: f.text, from: f.owner, to: userId, via: 'reassign' } },
      now,
    );
    // The new owner hears of it by direct message (not when they took it themselves), once: the key names the event.
    if (userId !== actor.id) {
      const payload = { ref: incident.ref, drill: incident.drill, userId, by: actor.id, given: { kind: 'followup' as const, text: f.text } };
      await enqueue(tx, { key: noticeKey(incident.id, event, 'told', now), incidentId: incident.id, now, notification: { kind: 'assignee_told', channel: userId, payload } });
    }
    return { incident, followup, changed: true, message: `Reassigned: ${incident.ref} follow-up “${f.text}”.` };
  });
}

/** One follow-up, for a Reassign form: checked like the change itself (writes nothing). */
export async function followupForChange(deps: CoreDeps, actor: Actor, id: number): Promise<{ incident: Incident; followup: Followup }> {
  const followup = await mustFind(deps.db, id);
  const incident = (await findById(deps.db, followup.incidentId))!;
  await requireVisible(deps, actor, incident, 'followup.update');
  return { incident, followup };
}

async function underLock(
  deps: CoreDeps,
  actor: Actor,
  id: number,
  fn: (tx: Tx, incident: Incident, f: Followup, now: Date) => Promise<FollowupChange>,
): Promise<FollowupChange> {
  const { incidentId } = await mustFind(deps.db, id);
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const incident = (await findById(tx, incidentId, { forUpdate: true }))!;
    await requireVisible({ ...deps, db: tx }, actor, incident, 'followup.update');
    // Read again under the lock: a review saved meanwhile may have cancelled it.
    return fn(tx, incident, (await followupById(tx, id))!, now);
  });
}

async function mustFind(db: CoreDeps['db'], id: number): Promise<Followup> {
  const f = Number.isSafeInteger(id) ? await followupById(db, id) : undefined;
  if (!f) throw new AppError('invalid_input', 'That follow-up no longer exists.');
  return f;
}

function notOpen(incident: Incident, f: Followup): string {
  return f.state === 'done' ? `That ${incident.ref} follow-up is already done.` : `That ${incident.ref} follow-up was cancelled: the latest review no longer lists it.`;
}
