// What is due now for one schedule: safe to call any number of times, from any replica at once. node-cron only calls
// it; every decision about which slot to post, record as missed or skip is made here. Each job (the awareness tip,
// the weekly digest) passes the function that posts one slot (claimSlot + sendUnderClaim).
import type { Db } from '../../db/types.js';
import type { Clock } from '../clock.js';
import { expiredClaims, finishClaim, isPaused, lastSlotAt, recordSlot, takeOverClaim } from './queries.js';
import { slotsBetween, type Schedule } from './schedule.js';

/** A slot a run recorded instead of posting it. */
export type RecordedSlot = { kind: 'missed' | 'skipped'; slotAt: Date; reason: string };

/** What a run over a schedule needs. */
export interface DueDeps {
  db: Db;
  clock: Clock;
  schedule: Schedule;
  replicaId: string;
}

/**
 * Handles every slot up to now: the newest slot within the grace window is posted (once, across replicas); older
 * ones are recorded as missed, never posted late. Claims whose replica died are taken over. A paused schedule
 * records its slot as skipped.
 */
export async function runDueSlots<O>(deps: DueDeps, postSlot: (slotAt: Date) => Promise<O>): Promise<(O | RecordedSlot)[]> {
  const { schedule } = deps;
  const now = deps.clock.now();
  const graceStart = new Date(now.getTime() - schedule.graceMs);
  // Every slot after the last one recorded. With no history (a new install), only the grace window counts: earlier
  // slots were never part of the schedule.
  const last = await lastSlotAt(deps.db, schedule.name, now);
  const slots = slotsBetween(schedule, last ?? graceStart, now);
  const due = slots.filter((s) => s.getTime() > graceStart.getTime());
  const newest = due.at(-1);
  const outcomes: (O | RecordedSlot)[] = [];
  for (const slotAt of slots.filter((s) => s !== newest)) {
    const reason = slotAt.getTime() <= graceStart.getTime() ? 'nothing was running within the grace window' : 'a later slot was due at the same time';
    if (await recordSlot(deps.db, { schedule: schedule.name, slotAt, state: 'missed', reason, updatedAt: now })) outcomes.push({ kind: 'missed', slotAt, reason });
  }
  for (const claim of await expiredClaims(deps.db, schedule.name, now)) {
    if (newest && claim.slotAt.getTime() === newest.getTime()) continue;
    if (claim.slotAt.getTime() > graceStart.getTime()) outcomes.push(await postSlot(claim.slotAt));
    else if (await takeOverClaim(deps.db, schedule.name, claim.slotAt, deps.replicaId, now, now)) {
      // Too late to finish: what was posted stays recorded; the rest is not posted late.
      await finishClaim(deps.db, schedule.name, claim.slotAt, deps.replicaId, 'missed', now, 'its replica stopped and the grace window passed');
      outcomes.push({ kind: 'missed', slotAt: claim.slotAt, reason: 'its replica stopped and the grace window passed' });
    }
  }
  if (newest) {
    if (await isPaused(deps.db, schedule.name)) {
      if (await recordSlot(deps.db, { schedule: schedule.name, slotAt: newest, state: 'skipped', reason: 'paused', updatedAt: now })) {
        outcomes.push({ kind: 'skipped', slotAt: newest, reason: 'paused' });
      }
    } else {
      outcomes.push(await postSlot(newest));
    }
  }
  return outcomes;
}
