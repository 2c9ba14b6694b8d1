// Each signed request is executed once. A signature stays valid for Slack's 5-minute window, so one captured on the
// way (a log, a proxy, a shared screen) could be sent again and run again; the database remembers every accepted
// signature until it is stale, and the insert's conflict decides atomically which copy, on which replica, gets in.
import { createHash } from 'node:crypto';
import { lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.js';
import type { Clock } from '../clock.js';
import { acceptedSlackSignatures } from '../../db/schema.js';

/** How often one process sweeps expired signatures (other replicas sweep too; any of them suffices). */
const SWEEP_EVERY_MS = 60_000;

/** Remembers accepted request signatures for as long as they could be replayed. */
export class SignatureLedger {
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * True the first time a signature is presented, false for any later copy (until it expires at `validUntil`).
   * A row left over past its expiry (not swept yet) is taken over, so a late sweep never refuses a request.
   */
  async claim(signature: string, validUntil: Date): Promise<boolean> {
    const now = this.clock.now();
    if (now.getTime() - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now.getTime();
      await this.db.delete(acceptedSlackSignatures).where(lt(acceptedSlackSignatures.expiresAt, now));
    }
    const claimed = await this.db
      .insert(acceptedSlackSignatures)
      .values({ signatureSha256: createHash('sha256').update(signature).digest('hex'), expiresAt: validUntil })
      .onConflictDoUpdate({
        target: acceptedSlackSignatures.signatureSha256,
        set: { expiresAt: sql`excluded.expires_at` },
        setWhere: lt(acceptedSlackSignatures.expiresAt, now),
      })
      .returning({ key: acceptedSlackSignatures.signatureSha256 });
    return claimed.length === 1;
  }
}
