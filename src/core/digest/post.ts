// The weekly digest's API: what is due now (the shared slot runner, posting the digest to INCIDENT_CHANNEL once per
// slot across replicas), a preview and a manual post. Adapters (Slack, the CLI, the scheduler) hold a WeeklyDigest.
import { AppError } from '../../shared/errors.js';
import { claimSlot, sendUnderClaim } from '../schedules/claim.js';
import { finishClaim } from '../schedules/queries.js';
import { runDueSlots, type RecordedSlot } from '../schedules/run-due.js';
import { slotKey } from '../schedules/schedule.js';
import { buildDigest } from './build.js';
import { DIGEST_MANUAL_SCHEDULE, type DigestDeps } from './deps.js';

/** What happened to a digest slot on this replica. */
export type DigestOutcome =
  | { kind: 'posted'; slotAt: Date; channel: string; ts: string; tookOver: boolean }
  | { kind: 'held-elsewhere'; slotAt: Date }
  | { kind: 'failed'; slotAt: Date; error: string };

/**
 * Claims the slot (or takes over an expired claim) and posts the digest of the week up to it. The digest is built
 * when it is posted, so a slot posted late within the grace window still covers the week before its slot.
 */
export async function postDigest(deps: DigestDeps, channel: string, schedule: string, slotAt: Date, actor = 'rampart'): Promise<DigestOutcome> {
  const claim = await claimSlot(deps, schedule, slotAt, { actor });
  if (!claim) return { kind: 'held-elsewhere', slotAt };
  const key = slotKey(schedule, slotAt);
  const sent = await sendUnderClaim(deps, claim, {
    findPosted: () => deps.poster.findPosted(channel, key, slotAt),
    post: async () => deps.poster.post(channel, await buildDigest(deps, slotAt), key),
  });
  if (sent.kind !== 'sent') return sent;
  await finishClaim(deps.db, schedule, slotAt, deps.replicaId, 'posted', deps.clock.now());
  return { kind: 'posted', slotAt, channel, ts: sent.ts, tookOver: claim.attempts > 1 };
}

/** Builds the digest API. */
export function createDigest(deps: DigestDeps) {
  return {
    deps,
    /** Posts the slot due now, if any (safe to call any number of times, from any replica); nothing without a schedule or channel. */
    runDue: async (): Promise<(DigestOutcome | RecordedSlot)[]> => {
      const { schedule, channel } = deps;
      if (!schedule || !channel) return [];
      return runDueSlots({ ...deps, schedule }, (slotAt) => postDigest(deps, channel, schedule.name, slotAt));
    },
    /** The digest that would go out now, without posting it. */
    preview: () => buildDigest(deps, deps.clock.now()),
    /** Posts the digest of the last seven days now, outside the schedule. */
    sendNow: async (by: string): Promise<DigestOutcome> => {
      if (!deps.channel) throw new AppError('invalid_input', 'No incident channel is set: the digest goes to INCIDENT_CHANNEL.');
      return postDigest(deps, deps.channel, DIGEST_MANUAL_SCHEDULE, deps.clock.now(), by);
    },
  };
}

/** The digest API. */
export type WeeklyDigest = ReturnType<typeof createDigest>;
