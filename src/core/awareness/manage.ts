// The weekly programme: what is due now (the shared slot runner in ../schedules, posting tips), and the admin
// switches. node-cron only calls runDue.
import { AppError } from '../../shared/errors.js';
import type { AwarenessDeps } from './deps.js';
import { MANUAL_SCHEDULE } from './deps.js';
import { enqueue } from './queries.js';
import { isPaused, recordSlot, setPaused } from '../schedules/queries.js';
import { runDueSlots, type RecordedSlot } from '../schedules/run-due.js';
import { nextSlot } from '../schedules/schedule.js';
import { postSlot, type SlotOutcome } from './post.js';
import { tipById } from './promote.js';

/** What one run did with each slot it looked at. */
export type DueOutcome = SlotOutcome | RecordedSlot;

/** Handles every slot up to now (see runDueSlots), posting tips. */
export function runDue(deps: AwarenessDeps): Promise<DueOutcome[]> {
  return runDueSlots(deps, (slotAt) => postSlot(deps, deps.schedule.name, slotAt));
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
