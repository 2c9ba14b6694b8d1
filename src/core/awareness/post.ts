// Posting one awareness slot: the tip is chosen when the slot is claimed, then it goes to every channel through the
// shared exactly-once machinery (../schedules/claim.ts), each channel's message recorded for acknowledgements.
import type { Tx } from '../../db/types.js';
import type { AwarenessDeps } from './deps.js';
import { RECENT_DAYS } from './deps.js';
import { consumeQueued, pendingQueue, postsOf, recentIncidentTypes, recordPost, tipHistory } from './queries.js';
import { allTips, tipById } from './promote.js';
import { chooseTip, type Reason } from './rotation.js';
import { claimSlot, sendUnderClaim } from '../schedules/claim.js';
import { finishClaim } from '../schedules/queries.js';
import { slotKey } from '../schedules/schedule.js';

/** What happened to a slot on this replica. */
export type SlotOutcome =
  | { kind: 'posted'; slotAt: Date; tipId: string; channels: string[]; tookOver: boolean }
  | { kind: 'held-elsewhere' | 'no-tips'; slotAt: Date }
  | { kind: 'failed'; slotAt: Date; error: string };

/** The tip rotation would pick now, and why (without using up a queued tip). */
export async function nextTip(deps: AwarenessDeps): Promise<{ id: string; reason: Reason } | undefined> {
  const since = new Date(deps.clock.now().getTime() - RECENT_DAYS * 86_400_000);
  const [history, queue, recentTypes] = await Promise.all([tipHistory(deps.db), pendingQueue(deps.db), recentIncidentTypes(deps.db, since)]);
  return chooseTip({ tips: await allTips(deps), history, queue: queue.map((q) => q.tipId), recentTypes });
}

/** Claims the slot (or takes over an expired claim) and posts it to every channel that does not have it yet. */
export async function postSlot(deps: AwarenessDeps, schedule: string, slotAt: Date, actor = 'rampart'): Promise<SlotOutcome> {
  const key = slotKey(schedule, slotAt);
  const choice = await nextTip(deps);
  const claim = await claimSlot(deps, schedule, slotAt, {
    tipId: choice?.id ?? null,
    reason: choice?.reason ?? null,
    actor,
    // The queued tip is used up by the same transaction that claims the slot, so it goes out once.
    ...(choice?.reason === 'queued' ? { onClaim: (tx: Tx) => consumeQueued(tx, choice.id, key) } : {}),
  });
  if (!claim) return { kind: 'held-elsewhere', slotAt };
  if (!claim.tipId) return { kind: 'no-tips', slotAt };
  // A tip removed from the files since the claim falls back to the first one, rather than leaving the slot unposted.
  const tip = (await tipById(deps, claim.tipId)) ?? (await allTips(deps))[0];
  if (!tip) return { kind: 'no-tips', slotAt };
  const done = new Set((await postsOf(deps.db, schedule, slotAt)).map((p) => p.channelId));
  for (const channel of deps.channels.filter((c) => !done.has(c))) {
    const sent = await sendUnderClaim(deps, claim, {
      findPosted: () => deps.poster.findPosted(channel, key, slotAt),
      post: () => deps.poster.post(channel, tip, key),
      record: ({ ts, posted }) =>
        recordPost(deps.db, { schedule, slotAt, channelId: channel, ts, tipId: tip.id, postedAt: deps.clock.now(), audience: posted?.audience ?? null }),
    });
    if (sent.kind !== 'sent') return sent;
  }
  await finishClaim(deps.db, schedule, slotAt, deps.replicaId, 'posted', deps.clock.now());
  return { kind: 'posted', slotAt, tipId: tip.id, channels: [...deps.channels], tookOver: claim.attempts > 1 };
}
