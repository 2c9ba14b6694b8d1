// `/incident oob`: the team leaves Slack for the backup channels of the out-of-band plan. Core checks who may ask,
// reads the plan and records the move; the adapter lists the channel's members and sends the plan by direct message.
import { inTransaction, isTrusted, type Actor, type CoreDeps } from '../context.js';
import { AppError } from '../../shared/errors.js';
import { authorize } from '../access/authorize.js';
import type { Incident } from '../incidents/incident.js';
import { incidentByRef } from '../incidents/lookup.js';
import { checkText, MAX_NOTE } from '../incidents/text-rules.js';
import { redactedField, redactFor, type SafeText } from '../redaction/apply.js';
import type { TimelineEvent } from '../timeline/events.js';
import { appendEvent } from '../timeline/queries.js';
import { noticeKey } from '../outbox/incident-notices.js';
import { enqueue } from '../outbox/queries.js';
import { loadPlan } from './load.js';
import type { OobPlan } from './plan.js';

/** What the adapter needs to send the plan. */
export interface MovedOutOfBand {
  incident: Incident;
  plan: OobPlan;
  /** Who gets the plan: the channel members given, the role holders, the reporter and the person asking. */
  recipients: string[];
  event: TimelineEvent;
  /** The reason as stored: redacted. This, never the reason as typed, is what the plan's messages may quote. */
  reason: SafeText;
  /** Kinds of secret redacted from the reason. */
  redacted?: string[];
  /** The outbox keys of the direct messages, one per recipient, in the order of `recipients`. */
  keys: string[];
}

/** The reply when OOB_PLAN_FILE is not set: what to do about it. */
export const NO_PLAN_MESSAGE =
  'No out-of-band plan is set up, so there is nothing to send. An admin writes one (backup channels such as a Signal group, ' +
  'a phone tree, a meeting place, a verification phrase; see docs/examples/oob-plan.yaml), sets OOB_PLAN_FILE to its path ' +
  'and restarts Rampart. Until then, agree on a backup channel by phone, not in Slack.';

/**
 * Checks, without writing anything, that the actor may move this incident out of band and that the plan is readable
 * and valid, so a refusal or a broken plan is answered at once.
 */
export async function checkOutOfBand(deps: CoreDeps, actor: Actor, ref: string): Promise<{ incident: Incident; plan: OobPlan }> {
  const plan = await planOf(deps);
  const incident = await incidentByRef(deps.db, ref);
  await authorize(deps, actor, 'incident.oob', incident);
  return { incident, plan };
}

/**
 * Records that the team moved out of band, with the reason and how many people get the plan, and enqueues one direct
 * message per person in the same transaction (so each is sent once, even when Slack's answer is lost). The plan itself
 * never reaches the timeline or the outbox: timelines and reports are shared, and the worker renders the plan from
 * OOB_PLAN_FILE at delivery.
 */
export async function moveOutOfBand(
  deps: CoreDeps,
  actor: Actor,
  ref: string,
  rawReason: string,
  channelMembers: readonly string[] = [],
  /** Never messaged (the bot, which is a channel member but cannot message itself). */
  skip: readonly string[] = [],
): Promise<MovedOutOfBand> {
  const { text: reason, found } = redactFor(deps, checkText(rawReason, 'reason', MAX_NOTE));
  // Read before the transaction: a missing or broken plan leaves nothing half-written.
  const plan = await planOf(deps);
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const incident = await incidentByRef(tx, ref, { forUpdate: true });
    await authorize(deps, actor, 'incident.oob', incident);
    const recipients = recipientsOf(incident, actor, channelMembers).filter((id) => !skip.includes(id));
    const event = await appendEvent(
      tx,
      incident.id,
      {
        kind: 'moved_out_of_band',
        actor: actor.id,
        source: actor.source,
        payload: { ...(reason ? { reason } : {}), recipients: recipients.length, ...redactedField(found) },
      },
      now,
    );
    const keys: string[] = [];
    for (const userId of recipients) {
      const key = noticeKey(incident.id, event, `oob:${userId}`, now);
      const payload = { ref: incident.ref, drill: incident.drill, userId, by: actor.id, reason };
      await enqueue(tx, { key, incidentId: incident.id, now, notification: { kind: 'oob_plan_sent', channel: userId, payload } });
      keys.push(key);
    }
    return { incident, plan, recipients, event: event!, reason, keys, ...(found.length > 0 ? { redacted: found } : {}) };
  });
}

/** Everyone who should get the plan, once each, in a stable order. */
export function recipientsOf(incident: Incident, actor: Actor, channelMembers: readonly string[]): string[] {
  const people = [
    ...channelMembers,
    incident.commanderId,
    incident.commsId,
    incident.scribeId,
    incident.reporterId,
    isTrusted(actor) ? null : actor.id,
  ];
  return [...new Set(people.filter((id): id is string => typeof id === 'string' && /^[UW][A-Z0-9]{2,}$/.test(id)))];
}

async function planOf(deps: CoreDeps): Promise<OobPlan> {
  if (!deps.oobPlanFile) throw new AppError('invalid_input', NO_PLAN_MESSAGE, { setting: 'OOB_PLAN_FILE' });
  return loadPlan(deps.oobPlanFile);
}
