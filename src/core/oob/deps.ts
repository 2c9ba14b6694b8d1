// What distributing the out-of-band plan needs from the composition root: its schedule, the awareness channels it is
// posted in, how this replica claims slots, and a port listing a channel's members (Slack), for the reminders.
import type { Schedule } from '../schedules/schedule.js';

/** The schedule name plan slots are claimed under (in the same table as the awareness, digest and follow-up slots). */
export const OOB_PLAN_SCHEDULE = 'oob-plan';
/** How late a missed slot may still run: a day late, a new version is still worth posting. */
export const OOB_PLAN_GRACE_MS = 24 * 3_600_000;

/** OOB_PLAN_CRON's settings: the schedule (undefined when `off`), channels, slot identity and the members port. */
export interface OobPlanSettings {
  schedule: Schedule | undefined;
  /** AWARENESS_CHANNELS: where the plan is posted, and whose members are reminded. */
  channels: readonly string[];
  replicaId: string;
  leaseMs: number;
  /** The members of a channel (the Slack adapter pages conversations.members); the bot is left out by the caller. */
  members(channel: string): Promise<string[]>;
}
