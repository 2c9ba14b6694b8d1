// The weekly stale list: once per slot of STALE_LIST_CRON (claimed through the shared slot mechanism, so once across
// replicas), each commander gets one direct message listing their open incidents with no activity for a week. The
// messages go through the outbox with keys naming the slot and the commander, so a takeover enqueues nothing twice.
import { inTransaction, type CoreDeps } from '../context.js';
import { listIncidents } from '../incidents/queries.js';
import { enqueue } from '../outbox/queries.js';
import { claimSlot, type SlotDeps } from '../schedules/claim.js';
import { finishClaim } from '../schedules/queries.js';
import { runDueSlots, type RecordedSlot } from '../schedules/run-due.js';
import { slotKey } from '../schedules/schedule.js';
import { STALE_AFTER_MS } from './deps.js';
import { lastActivity } from './queries.js';
import { staleByCommander } from './reminder.js';

/** What happened to a stale-list slot on this replica. */
export type StaleOutcome = { kind: 'posted'; slotAt: Date; commanders: number } | { kind: 'held-elsewhere'; slotAt: Date };

/** Sends the stale list of the slot due now, if any (trusted: the scheduler's call; safe on every replica at once). */
export async function runDueStaleList(deps: CoreDeps): Promise<(StaleOutcome | RecordedSlot)[]> {
  const stale = deps.reminders?.stale;
  const schedule = stale?.schedule;
  if (!stale || !schedule) return [];
  const slotDeps: SlotDeps = { db: deps.db, clock: deps.clock, replicaId: stale.replicaId, leaseMs: stale.leaseMs };
  return runDueSlots({ ...slotDeps, schedule }, (slotAt) => sendStaleLists(deps, slotDeps, schedule.name, slotAt));
}

async function sendStaleLists(deps: CoreDeps, slotDeps: SlotDeps, schedule: string, slotAt: Date): Promise<StaleOutcome> {
  const claim = await claimSlot(slotDeps, schedule, slotAt);
  if (!claim) return { kind: 'held-elsewhere', slotAt };
  const now = deps.clock.now();
  const open = await listIncidents(deps.db, { all: false });
  const last = await lastActivity(deps.db, open.map((i) => i.id));
  // Read as of the slot, so a takeover later lists the same incidents under the same keys.
  const lists = staleByCommander(
    open.flatMap((incident) => (last.has(incident.id) ? [{ incident, lastActivity: last.get(incident.id)! }] : [])),
    slotAt,
    STALE_AFTER_MS,
  );
  await inTransaction(deps, async (tx) => {
    for (const [userId, items] of lists) {
      const incidents = items.map(({ incident: i, lastActivity: at }) => ({ ref: i.ref, title: i.title, severity: i.severity, status: i.status, drill: i.drill, lastActivity: at.toISOString() }));
      await enqueue(tx, { key: `${slotKey(schedule, slotAt)}:${userId}`, now, notification: { kind: 'stale_list', channel: userId, payload: { userId, incidents } } });
    }
  });
  await finishClaim(deps.db, schedule, slotAt, slotDeps.replicaId, 'posted', now);
  return { kind: 'posted', slotAt, commanders: lists.size };
}
