// Posting one slot exactly once. The claim (a unique row) decides which replica posts; the lease lets another take
// over if that replica dies. A taker-over first looks for the bot's own message carrying the slot key, so a post that
// went out just before the crash is recorded, not repeated.
import type { AwarenessDeps } from './deps.js';
import { RECENT_DAYS } from './deps.js';
import { consumeQueued, finishClaim, insertClaim, pendingQueue, postsOf, recentIncidentTypes, recordPost, renewLease, takeOverClaim, tipHistory, type SlotRow } from './queries.js';
import { allTips, tipById } from './promote.js';
import { chooseTip, type Reason } from './rotation.js';
import { slotKey } from './schedule.js';

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
  const claim = await claimSlot(deps, schedule, slotAt, actor);
  if (!claim) return { kind: 'held-elsewhere', slotAt };
  if (!claim.tipId) return { kind: 'no-tips', slotAt };
  // A tip removed from the files since the claim falls back to the first one, rather than leaving the slot unposted.
  const tip = (await tipById(deps, claim.tipId)) ?? (await allTips(deps))[0];
  if (!tip) return { kind: 'no-tips', slotAt };
  const done = new Set((await postsOf(deps.db, schedule, slotAt)).map((p) => p.channelId));
  const tookOver = claim.attempts > 1;
  for (const channel of deps.channels.filter((c) => !done.has(c))) {
    const now = deps.clock.now();
    // Holding the lease while posting: if another replica took the slot over meanwhile, stop here.
    if (!(await renewLease(deps.db, schedule, slotAt, deps.replicaId, new Date(now.getTime() + deps.leaseMs)))) return { kind: 'held-elsewhere', slotAt };
    try {
      const found = tookOver ? await deps.poster.findPosted(channel, key, slotAt) : undefined;
      const posted = found ? { ts: found } : await deps.poster.post(channel, tip, key);
      await recordPost(deps.db, { schedule, slotAt, channelId: channel, ts: posted.ts, tipId: tip.id, postedAt: deps.clock.now(), audience: 'audience' in posted ? (posted.audience ?? null) : null });
    } catch (err) {
      // The claim stays; its lease runs out and the next sweep (here or on another replica) tries again.
      return { kind: 'failed', slotAt, error: (err as Error).message };
    }
  }
  await finishClaim(deps.db, schedule, slotAt, deps.replicaId, 'posted', deps.clock.now());
  return { kind: 'posted', slotAt, tipId: tip.id, channels: [...deps.channels], tookOver };
}

async function claimSlot(deps: AwarenessDeps, schedule: string, slotAt: Date, actor: string): Promise<SlotRow | undefined> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + deps.leaseMs);
  const choice = await nextTip(deps);
  const claimed = await deps.db.transaction(async (tx) => {
    const row = await insertClaim(tx, {
      schedule,
      slotAt,
      tipId: choice?.id ?? null,
      reason: choice?.reason ?? null,
      claimedBy: deps.replicaId,
      leaseUntil,
      updatedAt: now,
      changedBy: actor,
    });
    // The queued tip is used up by the same transaction that claims the slot, so it goes out once.
    if (row && choice?.reason === 'queued') await consumeQueued(tx, choice.id, slotKey(schedule, slotAt));
    return row;
  });
  return claimed ?? takeOverClaim(deps.db, schedule, slotAt, deps.replicaId, now, leaseUntil);
}
