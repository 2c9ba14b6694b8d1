// The scheduled posts' settings, as core gets them from the composition root (src/compose.ts): the awareness programme,
// the weekly incident digest and the follow-up reminders. All claim their slots under this process's replica id, with the same lease.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from './config.js';
import type { AwarenessSettings, AwarenessPoster, DigestSettings, ReminderSettings } from './core/index.js';
import { loadTips, DIGEST_GRACE_MS, DIGEST_SCHEDULE, FOLLOWUP_GRACE_MS, FOLLOWUP_SCHEDULE, OOB_PLAN_GRACE_MS, OOB_PLAN_SCHEDULE, STALE_GRACE_MS, STALE_SCHEDULE, type DigestPoster, type FollowupSettings, type OobPlanSettings } from './core/index.js';
import type { Logger } from './log.js';
import { logProblems } from './log-problems.js';

/** The awareness programme's settings: built-in tips and AWARENESS_DIR (problems logged, like playbooks). */
export async function awarenessSettings(config: Config, poster: AwarenessPoster, logger?: Logger): Promise<AwarenessSettings> {
  const tips = await loadTips({ ...(config.awareness.dir ? { customDir: config.awareness.dir } : {}), incidentTypes: config.incidentTypes });
  logProblems(tips.problems, 'awareness tip', logger);
  return {
    schedule: { name: 'weekly', cron: config.awareness.cron, timezone: config.awareness.timezone, graceMs: config.awareness.graceMs },
    channels: config.awareness.channels,
    tips,
    poster,
    ...slotIdentity(),
  };
}

/** The weekly incident digest's settings: INCIDENT_CHANNEL at DIGEST_CRON in TIMEZONE. */
export function digestSettings(config: Config, poster: DigestPoster): DigestSettings {
  const { cron } = config.digest;
  return {
    schedule: cron ? { name: DIGEST_SCHEDULE, cron, timezone: config.timezone, graceMs: DIGEST_GRACE_MS } : undefined,
    channel: config.incidentChannel,
    poster,
    ...slotIdentity(),
  };
}

/**
 * Reminder settings: every process gets the intervals and quiet hours (a declaration from the CLI arms its reminders
 * too); the weekly stale list's slots are claimed only by a process that runs the scheduled jobs.
 */
export function reminderSettings(config: Config, runsSchedules: boolean): ReminderSettings {
  const { updateIntervals, quietHours, staleCron } = config.reminders;
  return {
    updateIntervals,
    quietHours,
    ...(runsSchedules
      ? { stale: { schedule: staleCron ? { name: STALE_SCHEDULE, cron: staleCron, timezone: config.timezone, graceMs: STALE_GRACE_MS } : undefined, ...slotIdentity() } }
      : {}),
  };
}

/** The follow-up reminders' settings: FOLLOWUP_REMINDER_CRON in TIMEZONE (direct messages through the outbox). */
export function followupSettings(config: Config): FollowupSettings {
  const { cron } = config.followups;
  return {
    schedule: cron ? { name: FOLLOWUP_SCHEDULE, cron, timezone: config.timezone, graceMs: FOLLOWUP_GRACE_MS } : undefined,
    ...slotIdentity(),
  };
}

/** The out-of-band plan's distribution: OOB_PLAN_CRON in TIMEZONE, to AWARENESS_CHANNELS, with Slack's member lists. */
export function oobPlanSettings(config: Config, members: (channel: string) => Promise<string[]>): OobPlanSettings {
  const { cron } = config.oobPlan;
  return {
    schedule: cron ? { name: OOB_PLAN_SCHEDULE, cron, timezone: config.timezone, graceMs: OOB_PLAN_GRACE_MS } : undefined,
    channels: config.awareness.channels,
    members,
    ...slotIdentity(),
  };
}

/** How this process claims scheduled slots: a replica id unique to it, and the lease. */
function slotIdentity(): { replicaId: string; leaseMs: number } {
  return {
    replicaId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    // Far longer than a post takes, even with retries; a dead replica's slot is taken over after this.
    leaseMs: 5 * 60_000,
  };
}
