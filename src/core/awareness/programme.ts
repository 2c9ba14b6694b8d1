// The weekly programme: what is due now (safe to call any number of times, from any replica), and the admin
// switches. node-cron only calls runDue; every decision about whether and what to post is made here.
import { AppError } from '../errors.js';
import type { AwarenessDeps } from './deps.js';
import { MANUAL_SCHEDULE } from './deps.js';
import { enqueue, expiredClaims, finishClaim, isPaused, lastSlotAt, recordSlot, setPaused, takeOverClaim } from './queries.js';
import { nextSlot, slotsBetween } from './schedule.js';
import { postSlot, type SlotOutcome } from './posting.js';
import { tipById } from './promote.js';

/** What one run did with each slot it looked at. */
export type DueOutcome = SlotOutcome | { kind: 'missed' | 'skipped'; slotAt: Date; reason: string };

/**
 * Handles every slot up to now: the newest slot within the grace window is posted (once, across replicas); older
 * ones are recorded as missed, never posted late. Claims whose replica died are taken over.
 */
export async function runDue(deps: AwarenessDeps): Promise<DueOutcome[]> {
  const { schedule } = deps;
  const now = deps.clock.now();
  const graceStart = new Date(now.getTime() - schedule.graceMs);
  // Every slot after the last one recorded. With no history (a new install), only the grace window counts: earlier
  // slots were never part of the programme.
  const last = await lastSlotAt(deps.db, schedule.name, now);
  const slots = slotsBetween(schedule, last ?? graceStart, now);
  const due = slots.filter((s) => s.getTime() > graceStart.getTime());
  const newest = due.at(-1);
  const outcomes: DueOutcome[] = [];
  for (const slotAt of slots.filter((s) => s !== newest)) {
    const reason = slotAt.getTime() <= graceStart.getTime() ? 'nothing was running within the grace window' : 'a later slot was due at the same time';
    if (await recordSlot(deps.db, { schedule: schedule.name, slotAt, state: 'missed', reason, updatedAt: now })) outcomes.push({ kind: 'missed', slotAt, reason });
  }
  for (const claim of await expiredClaims(deps.db, schedule.name, now)) {
    if (newest && claim.slotAt.getTime() === newest.getTime()) continue;
    if (claim.slotAt.getTime() > graceStart.getTime()) outcomes.push(await postSlot(deps, schedule.name, claim.slotAt));
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
      outcomes.push(await postSlot(deps, schedule.name, newest));
    }
  }
  return outcomes;
}

/** Posts a tip now, outside the schedule (it counts in the rotation). */
export async function sendNow(deps: AwarenessDeps, by: string): Promise<SlotOutcome> {
  if (deps.channels.length === 0) throw new AppError('invalid_input', 'No awareness channel is set: add channel ids to AWARENESS_CHANNELS.');
  return postSlot(deps, MANUAL_SCHEDULE, deps.clock.now(), by);
}

/** Skips the next scheduled slot. */
export async function skipNext(deps: AwarenessDeps, by: string): Promise<Date> {
  const now = deps.clock.now();
  let slot = nextSlot(deps.schedule, now);
  // Skipping twice skips the slot after the one already skipped.
  while (!(await recordSlot(deps.db, { schedule: deps.schedule.name, slotAt: slot, state: 'skipped', reason: `skipped by ${by}`, updatedAt: now, changedBy: by }))) {
    slot = nextSlot(deps.schedule, slot);
  }
  return slot;
}

/** Pauses or resumes the schedule. Slots that fall while paused are recorded as skipped, not posted on resume. */
export async function setPause(deps: AwarenessDeps, paused: boolean, by: string): Promise<void> {
  if ((await isPaused(deps.db, deps.schedule.name)) === paused) {
    throw new AppError('invalid_input', paused ? 'The awareness programme is already paused.' : 'The awareness programme is not paused.');
  }
  await setPaused(deps.db, deps.schedule.name, paused, by, deps.clock.now());
}

/** Queues a tip to go out next (after tips queued earlier). */
export async function queueTip(deps: AwarenessDeps, tipId: string, by: string): Promise<void> {
  if (!(await tipById(deps, tipId))) throw new AppError('invalid_input', `There is no tip "${tipId}". \`/awareness status\` shows the queue; tips are listed in the README.`);
  await enqueue(deps.db, tipId, by, deps.clock.now());
}
