// The weekly digest over a test database with a fixed clock, posting through the fake Slack (fake-slack.ts).
import type { Clock } from '../../src/core/clock.js';
import { DIGEST_GRACE_MS, DIGEST_SCHEDULE, type DigestDeps, type DigestPoster } from '../../src/core/digest/deps.js';
import type { Db } from '../../src/db/types.js';

/** The channel the test digests go to. */
export const DIGEST_CHANNEL = 'C0INCIDENTS';

/** Digest deps for one replica: Mondays 08:00 in Paris, to DIGEST_CHANNEL. */
export function digestDeps(db: Db, clock: Clock, poster: DigestPoster, overrides: Partial<DigestDeps> = {}): DigestDeps {
  return {
    db,
    clock,
    poster,
    timezone: 'Europe/Paris',
    schedule: { name: DIGEST_SCHEDULE, cron: '0 8 * * 1', timezone: 'Europe/Paris', graceMs: DIGEST_GRACE_MS },
    channel: DIGEST_CHANNEL,
    replicaId: 'replica-1',
    leaseMs: 5 * 60_000,
    ...overrides,
  };
}
