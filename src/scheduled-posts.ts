// The scheduled posts over a database, as the bot and the CLI build them: the awareness programme and the weekly
// incident digest. Both claim their slots under this process's replica id, with the same lease.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from './config.js';
import type { Clock } from './core/clock.js';
import { createAwareness, type Awareness } from './core/awareness/awareness.js';
import type { AwarenessPoster } from './core/awareness/deps.js';
import { loadTips } from './core/awareness/tips.js';
import { createDigest, type WeeklyDigest } from './core/digest/programme.js';
import { DIGEST_GRACE_MS, DIGEST_SCHEDULE, type DigestPoster } from './core/digest/deps.js';
import type { Database } from './db/client.js';
import type { Logger } from './log.js';
import { logProblems } from './log-problems.js';

/** The awareness programme over the database: built-in tips and AWARENESS_DIR (problems logged, like playbooks). */
export async function awarenessFor(config: Config, database: Database, clock: Clock, poster: AwarenessPoster, logger?: Logger): Promise<Awareness> {
  const tips = await loadTips({ ...(config.awareness.dir ? { customDir: config.awareness.dir } : {}), incidentTypes: config.incidentTypes });
  logProblems(tips.problems, 'awareness tip', logger);
  return createAwareness({
    db: database.db,
    clock,
    schedule: { name: 'weekly', cron: config.awareness.cron, timezone: config.awareness.timezone, graceMs: config.awareness.graceMs },
    channels: config.awareness.channels,
    tips,
    poster,
    redactPatterns: config.redactPatterns,
    ...slotIdentity(),
  });
}

/** The weekly incident digest over the database, for INCIDENT_CHANNEL at DIGEST_CRON in TIMEZONE. */
export function digestFor(config: Config, database: Database, clock: Clock, poster: DigestPoster): WeeklyDigest {
  const { cron } = config.digest;
  return createDigest({
    db: database.db,
    clock,
    timezone: config.timezone,
    schedule: cron ? { name: DIGEST_SCHEDULE, cron, timezone: config.timezone, graceMs: DIGEST_GRACE_MS } : undefined,
    channel: config.incidentChannel,
    poster,
    ...slotIdentity(),
  });
}

/** How this process claims scheduled slots: a replica id unique to it, and the lease. */
function slotIdentity(): { replicaId: string; leaseMs: number } {
  return {
    replicaId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    // Far longer than a post takes, even with retries; a dead replica's slot is taken over after this.
    leaseMs: 5 * 60_000,
  };
}
