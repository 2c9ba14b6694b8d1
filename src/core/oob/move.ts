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
import { latestAcksOf, type PlanAck } from './queries.js';
import { currentPlan, NO_PLAN_MESSAGE } from './read.js';
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

export { NO_PLAN_MESSAGE } from './read.js';

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
  const { plan, version } = await currentPlan(deps);
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const incident = await incidentByRef(tx, ref, { forUpdate: true });
    await authorize(deps, actor, 'incident.oob', incident);
    const recipients = recipientsOf(incident, actor, channelMembers).filter((id) => !skip.includes(id));
    // Slack itself may be compromised: the direct message carries no plan and no phrase, only "switch to the plan you
    // acknowledged" (or "call the commander"), and the timeline records who had acknowledged which version.
    const switching = incident.type === COMMS_COMPROMISE;
    const acks = switching ? await latestAcksOf(tx, recipients) : new Map<string, PlanAck>();
    const record = switching ? switchRecord(recipients, acks, version) : {};
    const event = await appendEvent(
      tx,
      incident.id,
      {
        kind: 'moved_out_of_band',
        actor: actor.id,
        source: actor.source,
        payload: { ...(reason ? { reason } : {}), recipients: recipients.length, ...record, ...redactedField(found) },
      },
      now,
    );
    const keys: string[] = [];
    for (const userId of recipients) {
      const key = noticeKey(incident.id, event, `oob:${userId}`, now);
      const payload = { ref: incident.ref, drill: incident.drill, userId, by: actor.id, reason };
      const ack = acks.get(userId);
      const notification = switching
        ? { kind: 'oob_switch_told' as const, channel: userId, payload: { ...payload, commander: incident.commanderId, acknowledged: ack ? { version: ack.version, at: ack.ackedAt.toISOString() } : null } }
        : { kind: 'oob_plan_sent' as const, channel: userId, payload };
      await enqueue(tx, { key, incidentId: incident.id, now, notification });
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

/** The incident type whose move out of band sends no plan through Slack (Slack is what may be compromised). */
export const COMMS_COMPROMISE = 'comms-compromise';

/** Who had acknowledged which version when the team switched, and the version in force, for the timeline. */
function switchRecord(recipients: readonly string[], acks: ReadonlyMap<string, PlanAck>, version: string) {
  const acknowledged = recipients.flatMap((userId) => {
    const ack = acks.get(userId);
    return ack ? [{ userId, version: ack.version, at: ack.ackedAt.toISOString() }] : [];
  });
  return { mode: 'switch' as const, planVersion: version, acknowledged, unacknowledged: recipients.filter((id) => !acks.has(id)) };
}
