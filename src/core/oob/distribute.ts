// Distributing the out-of-band plan before it is needed: at each OOB_PLAN_CRON slot, a version of the plan not posted
// yet is posted (without its verification phrase, with an Acknowledge button) in the awareness channels; a version
// posted at an earlier slot is followed by one direct message to each member of those channels who has not
// acknowledged it. The slot claim says which replica runs it, and every message's outbox key names the version and the
// channel or the person, so a takeover, a second replica or a restart enqueues nothing twice: a version is posted once
// per channel and each person is reminded of it once.
import { inTransaction, type CoreDeps } from '../context.js';
import { claimSlot } from '../schedules/claim.js';
import { finishClaim } from '../schedules/queries.js';
import { runDueSlots, type RecordedSlot } from '../schedules/run-due.js';
import { enqueue } from '../outbox/queries.js';
import type { OobPlanSettings } from './deps.js';
import { ackedVersion, insertPosted, postedAt } from './queries.js';
import { currentPlan } from './read.js';

/** What a plan slot did on this replica. */
export type PlanSlotOutcome =
  | { kind: 'posted'; slotAt: Date; version: string; channels: number }
  | { kind: 'reminded'; slotAt: Date; version: string; people: number }
  | { kind: 'held-elsewhere'; slotAt: Date };

/** The outbox key of a version's post in a channel: once per version and channel, whoever sends it. */
export function planPostKey(version: string, channel: string): string {
  return `oob-plan:${version}:${channel}`;
}

/** The outbox key of a person's reminder of a version: once per version and person. */
export function planReminderKey(version: string, userId: string): string {
  return `oob-plan-reminder:${version}:${userId}`;
}

/** Posts the current version if it is new, or reminds those who have not acknowledged it (one slot's work). */
export async function distributePlan(deps: CoreDeps, settings: OobPlanSettings, slotAt: Date): Promise<Exclude<PlanSlotOutcome, { kind: 'held-elsewhere' }>> {
  const { version } = await currentPlan(deps);
  const now = deps.clock.now();
  if (!(await postedAt(deps.db, version))) {
    await inTransaction(deps, async (tx) => {
      if (!(await insertPosted(tx, { version, slotAt, postedAt: now }))) return;
      for (const channel of settings.channels) {
        await enqueue(tx, { key: planPostKey(version, channel), now, notification: { kind: 'oob_plan_posted', channel, payload: { version } } });
      }
    });
    return { kind: 'posted', slotAt, version, channels: settings.channels.length };
  }
  // Members are asked of Slack before the transaction: a slow answer holds no lock.
  const where = new Map<string, string>();
  for (const channel of settings.channels) for (const userId of await settings.members(channel)) if (!where.has(userId)) where.set(userId, channel);
  const acked = await ackedVersion(deps.db, version, [...where.keys()]);
  const toRemind = [...where].filter(([userId]) => !acked.has(userId) && /^[UW][A-Z0-9]{2,}$/.test(userId));
  if (toRemind.length > 0) {
    await inTransaction(deps, async (tx) => {
      for (const [userId, channel] of toRemind) {
        await enqueue(tx, { key: planReminderKey(version, userId), now, notification: { kind: 'oob_plan_reminded', channel: userId, payload: { userId, version, channel } } });
      }
    });
  }
  return { kind: 'reminded', slotAt, version, people: toRemind.length };
}

/** Runs the plan slot due now, if any; safe on every replica at once and after a restart. */
export async function runDuePlanSlots(deps: CoreDeps, settings: OobPlanSettings): Promise<(PlanSlotOutcome | RecordedSlot)[]> {
  const { schedule } = settings;
  if (!schedule || !deps.oobPlanFile || settings.channels.length === 0) return [];
  const slotDeps = { db: deps.db, clock: deps.clock, replicaId: settings.replicaId, leaseMs: settings.leaseMs };
  return runDueSlots({ ...slotDeps, schedule }, async (slotAt): Promise<PlanSlotOutcome> => {
    const claim = await claimSlot(slotDeps, schedule.name, slotAt);
    if (!claim) return { kind: 'held-elsewhere', slotAt };
    const outcome = await distributePlan(deps, settings, slotAt);
    await finishClaim(deps.db, schedule.name, slotAt, settings.replicaId, 'posted', deps.clock.now());
    return outcome;
  });
}
