// Posting one slot exactly once. The claim (a unique row) decides which replica posts; the lease lets another take
// over if that replica dies. A taker-over first looks for the bot's own message carrying the slot key, so a post that
// went out just before the crash is recorded, not repeated. Every scheduled job (awareness, digest) posts through here.
import type { Db, Tx } from '../../db/types.js';
import type { Clock } from '../clock.js';
import { insertClaim, renewLease, takeOverClaim, type SlotRow } from './queries.js';

/** What claiming and posting a slot need. */
export interface SlotDeps {
  db: Db;
  clock: Clock;
  /** Names this process in claims, so a replica recognises its own. */
  replicaId: string;
  /** How long a claim is held before another replica may take it over. */
  leaseMs: number;
}

/** What a claim records beyond the slot, and work that must commit with it. */
export interface ClaimExtras {
  tipId?: string | null;
  reason?: string | null;
  /** Who asked (`rampart` for the schedule). */
  actor?: string;
  /** Runs in the transaction that inserts the claim (not on a takeover), e.g. using up a queued tip. */
  onClaim?: (tx: Tx) => Promise<void>;
}

/** Claims a slot, or takes over a claim whose lease ran out; undefined when another replica holds it or it is done. */
export async function claimSlot(deps: SlotDeps, schedule: string, slotAt: Date, extras: ClaimExtras = {}): Promise<SlotRow | undefined> {
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + deps.leaseMs);
  const claimed = await deps.db.transaction(async (tx) => {
    const row = await insertClaim(tx, {
      schedule,
      slotAt,
      tipId: extras.tipId ?? null,
      reason: extras.reason ?? null,
      claimedBy: deps.replicaId,
      leaseUntil,
      updatedAt: now,
      changedBy: extras.actor ?? 'rampart',
    });
    if (row && extras.onClaim) await extras.onClaim(tx);
    return row;
  });
  return claimed ?? takeOverClaim(deps.db, schedule, slotAt, deps.replicaId, now, leaseUntil);
}

/** How sending one message of a claimed slot went. */
export type Sent<T> =
  | { kind: 'sent'; ts: string; posted?: T }
  | { kind: 'held-elsewhere'; slotAt: Date }
  | { kind: 'failed'; slotAt: Date; error: string };

/** The Slack side of one message: find it (after a takeover), post it, and record it once it is out. */
export interface SendIo<T extends { ts: string }> {
  findPosted(): Promise<string | undefined>;
  post(): Promise<T>;
  record?(sent: { ts: string; posted?: T }): Promise<void>;
}

/**
 * Sends one message of a claimed slot while holding the claim. The lease is renewed first: if another replica took the
 * slot over meanwhile, this one stops (held-elsewhere). Errors come back as `failed`, not thrown: the claim stays,
 * its lease runs out and the next sweep (here or on another replica) tries again.
 */
export async function sendUnderClaim<T extends { ts: string }>(deps: SlotDeps, claim: SlotRow, io: SendIo<T>): Promise<Sent<T>> {
  const { schedule, slotAt } = claim;
  const now = deps.clock.now();
  if (!(await renewLease(deps.db, schedule, slotAt, deps.replicaId, new Date(now.getTime() + deps.leaseMs)))) return { kind: 'held-elsewhere', slotAt };
  try {
    const found = claim.attempts > 1 ? await io.findPosted() : undefined;
    const sent = found ? { ts: found } : await io.post().then((posted) => ({ ts: posted.ts, posted }));
    await io.record?.(sent);
    return { kind: 'sent', ...sent };
  } catch (err) {
    return { kind: 'failed', slotAt, error: (err as Error).message };
  }
}
