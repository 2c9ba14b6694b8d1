// Each signed request is executed once. A signature stays valid for Slack's 5-minute window, so one captured on the
// way (a log, a proxy, a shared screen) could be sent again and run again; the database remembers every accepted
// signature until it is stale, and the insert's conflict decides atomically which copy, on which replica, gets in.
//
// Every request waits for its claim, so the claims are written together: while one insert is on its way, the claims
// arriving meanwhile queue and go out as the next insert, one statement for all of them (group commit, as databases
// do with their log). No timer holds a claim back: a lone request is written at once, and under load one round trip
// and one commit serve as many requests as arrived during the previous one, which is what made every message event
// cost its own query before (issue 17). DataLoader batches only what arrives in one tick, which HTTP requests never do.
import { createHash } from 'node:crypto';
import { lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.js';
import type { Clock } from '../clock.js';
import { acceptedSlackSignatures } from '../../db/schema.js';

/** How often one process sweeps expired signatures (other replicas sweep too; any of them suffices). */
const SWEEP_EVERY_MS = 60_000;
/** Most claims in one insert (two parameters each, far below Postgres's 65,535). */
const MAX_BATCH = 500;

interface Claim {
  key: string;
  validUntil: Date;
  settle: (first: boolean) => void;
  fail: (err: unknown) => void;
}

/** Remembers accepted request signatures for as long as they could be replayed. */
export class SignatureLedger {
  private lastSweep = Number.NEGATIVE_INFINITY;
  private queued: Claim[] = [];
  private writing = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * True the first time a signature is presented, false for any later copy (until it expires at `validUntil`).
   * A row left over past its expiry (not swept yet) is taken over, so a late sweep never refuses a request.
   */
  claim(signature: string, validUntil: Date): Promise<boolean> {
    const key = createHash('sha256').update(signature).digest('hex');
    return new Promise<boolean>((settle, fail) => {
      this.queued.push({ key, validUntil, settle, fail });
      if (!this.writing) void this.writeQueued();
    });
  }

  /** Writes what is queued, then whatever queued up meanwhile, until nothing is left. */
  private async writeQueued(): Promise<void> {
    this.writing = true;
    while (this.queued.length > 0) {
      const batch = this.queued.splice(0, MAX_BATCH);
      try {
        const accepted = await this.insert(batch);
        // The same signature twice in one batch (a replay racing its original): the first copy alone can get in.
        const seen = new Set<string>();
        for (const c of batch) {
          c.settle(accepted.has(c.key) && !seen.has(c.key));
          seen.add(c.key);
        }
      } catch (err) {
        // Unknown whether any got in: each request is answered as when the database is away (request-gate.ts).
        for (const c of batch) c.fail(err);
      }
    }
    this.writing = false;
  }

  /** One insert for the batch; the keys it accepted. */
  private async insert(batch: Claim[]): Promise<Set<string>> {
    const now = this.clock.now();
    if (now.getTime() - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now.getTime();
      await this.db.delete(acceptedSlackSignatures).where(lt(acceptedSlackSignatures.expiresAt, now));
    }
    // One row per key: Postgres refuses a statement whose conflict clause would update the same row twice.
    const rows = new Map<string, string>();
    for (const c of batch) if (!rows.has(c.key)) rows.set(c.key, c.validUntil.toISOString());
    // Two array parameters whatever the batch's size: drizzle's multi-row builder cost more than the insert itself.
    const result = await this.db.execute(sql`
      insert into ${acceptedSlackSignatures} (signature_sha256, expires_at)
      select * from unnest(${sql.param([...rows.keys()])}::text[], ${sql.param([...rows.values()])}::timestamptz[])
      on conflict (signature_sha256) do update set expires_at = excluded.expires_at
      where ${acceptedSlackSignatures.expiresAt} < ${now}
      returning signature_sha256 as key`);
    const claimed = (result as unknown as { rows: { key: string }[] }).rows;
    return new Set(claimed.map((r) => r.key));
  }
}
