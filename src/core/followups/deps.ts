// What follow-up reminders need from the composition root: their daily schedule and how this replica claims slots.
import type { Schedule } from '../schedules/schedule.js';

/** The schedule name reminder slots are claimed under (in the same table as the awareness and digest slots). */
export const FOLLOWUP_SCHEDULE = 'followups';
/** How late a missed reminder slot may still go out: the same day's reminder is still useful, a day-old one is replaced by the next. */
export const FOLLOWUP_GRACE_MS = 12 * 3_600_000;

/** The reminders' settings: their schedule (undefined when FOLLOWUP_REMINDER_CRON is `off`) and slot identity. */
export interface FollowupSettings {
  schedule: Schedule | undefined;
  replicaId: string;
  leaseMs: number;
}
