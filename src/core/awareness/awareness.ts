// The awareness programme's API, bound to its dependencies, as createCore does for incidents. Adapters (Slack, the
// CLI, the scheduler) hold an Awareness and nothing else from this folder.
import { MANUAL_SCHEDULE, type AwarenessDeps } from './deps.js';
import { acknowledge, ackStats } from './acknowledge.js';
import { nextTip } from './post.js';
import { tipById } from './promote.js';
import { queueTip, runDue, sendNow, setPause, skipNext } from './manage.js';
import { pendingQueue, postsOf } from './queries.js';
import { isPaused, recentSlots } from '../schedules/queries.js';
import { nextSlot } from '../schedules/schedule.js';

/** Builds the awareness API. */
export function createAwareness(deps: AwarenessDeps) {
  return {
    deps,
    runDue: () => runDue(deps),
    sendNow: (by: string) => sendNow(deps, by),
    skipNext: (by: string) => skipNext(deps, by),
    pause: (by: string) => setPause(deps, true, by),
    resume: (by: string) => setPause(deps, false, by),
    queue: (tipId: string, by: string) => queueTip(deps, tipId, by),
    acknowledge: (userId: string, channelId: string, ts: string) => acknowledge(deps, userId, channelId, ts),
    stats: (weeks = 12) => ackStats(deps, weeks),
    /** The tip that would go out next, without using up the queue. */
    preview: async () => {
      const choice = await nextTip(deps);
      const tip = choice && (await tipById(deps, choice.id));
      return tip && { tip, reason: choice.reason };
    },
    /** A tip by id, from the files or made from a lesson. */
    tip: (id: string) => tipById(deps, id),
    /** Next slot, pause state, queue and the last few slots with their posts. */
    status: async () => {
      const now = deps.clock.now();
      const slots = await recentSlots(deps.db, [deps.schedule.name, MANUAL_SCHEDULE], 5);
      return {
        schedule: deps.schedule,
        channels: deps.channels,
        paused: await isPaused(deps.db, deps.schedule.name),
        next: nextSlot(deps.schedule, now),
        queue: (await pendingQueue(deps.db)).map((q) => q.tipId),
        recent: await Promise.all(slots.map(async (s) => ({ ...s, posts: await postsOf(deps.db, s.schedule, s.slotAt) }))),
      };
    },
  };
}

/** The awareness API. */
export type Awareness = ReturnType<typeof createAwareness>;
