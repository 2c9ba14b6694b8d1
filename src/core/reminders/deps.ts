// What reminders need from the composition root: the intervals and quiet hours from the config, and the weekly stale
// list's schedule and slot identity (absent where nothing runs it, such as the CLI).
import type { SlotDeps } from '../schedules/claim.js';
import type { Schedule } from '../schedules/schedule.js';
import type { QuietHours, UpdateIntervals } from './reminder.js';

/** The reminder settings (UPDATE_REMINDERS, QUIET_HOURS, STALE_LIST_CRON). */
export interface ReminderSettings {
  updateIntervals: UpdateIntervals;
  quietHours: QuietHours | undefined;
  /** The weekly stale list: its schedule (undefined when off) and how this process claims its slots. */
  stale?: Pick<SlotDeps, 'replicaId' | 'leaseMs'> & { schedule: Schedule | undefined };
}

/** The schedule name the weekly stale list's slots are claimed under (in the awareness_slots table). */
export const STALE_SCHEDULE = 'stale';
/** How late a stale-list slot missed during downtime may still go out. */
export const STALE_GRACE_MS = 24 * 3_600_000;
/** An open incident with no timeline activity for this long is stale. */
export const STALE_AFTER_MS = 7 * 86_400_000;
