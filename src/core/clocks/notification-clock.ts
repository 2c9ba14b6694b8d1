// A notification clock on an incident and its deadlines: the types and the pure rules (where a deadline stands, which
// reminders a deadline gets, what is met and missed).
import type { SafeText } from '../../shared/safe-text.js';

/** Whether a clock still runs: stopped by a person (no personal data after all), or running until every deadline is met. */
export type ClockState = 'running' | 'stopped';

/** One clock as stored. */
export interface NotificationClock {
  id: number;
  incidentId: number;
  regime: string;
  regimeName: string;
  awareAt: Date;
  /** Why awareness is earlier than the start (required when back-dated). */
  backdateReason: SafeText | null;
  /** Why the clock applies (personal data, a significant service). */
  why: SafeText | null;
  state: ClockState;
  startedBy: string;
  startedAt: Date;
  stoppedBy: string | null;
  stoppedAt: Date | null;
  stopReason: SafeText | null;
}

/** One deadline of a clock as stored: notified* are set once "notified" is recorded. */
export interface ClockDeadline {
  clockId: number;
  deadline: string;
  label: string;
  dueAt: Date;
  notifiedAt: Date | null;
  notifiedTo: SafeText | null;
  reference: SafeText | null;
  notifiedBy: string | null;
}

/** Where a deadline stands: open (not yet due), overdue (due, not notified), met, late (notified after it), or stopped. */
export type DeadlineStatus = 'open' | 'overdue' | 'met' | 'late' | 'stopped';

/** A deadline's standing at `now`. A stopped clock's unmet deadlines are stopped; what was notified stays met or late. */
export function deadlineStatus(d: Pick<ClockDeadline, 'dueAt' | 'notifiedAt'>, state: ClockState, now: Date): DeadlineStatus {
  if (d.notifiedAt) return d.notifiedAt.getTime() <= d.dueAt.getTime() ? 'met' : 'late';
  if (state === 'stopped') return 'stopped';
  return now.getTime() >= d.dueAt.getTime() ? 'overdue' : 'open';
}

/** The slot name of a reminder `ms` before a deadline, and of the overdue notice. */
export function reminderSlot(msBefore: number | 'overdue'): string {
  return msBefore === 'overdue' ? 'overdue' : `before-${Math.round(msBefore / 60_000)}m`;
}

/** Minutes before the deadline a slot stands for (0 for the overdue notice). */
export function slotMinutes(slot: string): number {
  return slot === 'overdue' ? 0 : Number(/^before-(\d+)m$/.exec(slot)?.[1] ?? 0);
}

/**
 * The reminders a deadline gets, with when each is due: one per offset before it, and the overdue notice at the
 * deadline. Reminders whose time passed before the clock started (a back-dated awareness) are left out, except the
 * latest of them, which goes out at once: being told "due in 3 hours" late is still being told.
 */
export function plannedReminders(dueAt: Date, offsets: readonly number[], now: Date): { slot: string; dueAt: Date }[] {
  const before = offsets.map((ms) => ({ slot: reminderSlot(ms), dueAt: new Date(dueAt.getTime() - ms) }));
  const future = before.filter((r) => r.dueAt > now);
  const passed = before.filter((r) => r.dueAt <= now).sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime());
  const latestPassed = passed[0] && dueAt > now ? [passed[0]] : [];
  return [...latestPassed, ...future, { slot: reminderSlot('overdue'), dueAt }].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The deadline to show first: the earliest unmet one of running clocks (overdue ones come first, being earliest). */
export function nextDeadline<T extends Pick<ClockDeadline, 'dueAt' | 'notifiedAt'>>(deadlines: readonly (T & { state: ClockState })[]): T | undefined {
  return deadlines
    .filter((d) => !d.notifiedAt && d.state === 'running')
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
}

/** Deadlines met and missed: met means notified by the deadline; missed, notified after it or still unmet once due. */
export function tally(deadlines: readonly Pick<ClockDeadline, 'dueAt' | 'notifiedAt'>[], now: Date): { met: number; missed: number } {
  let met = 0;
  let missed = 0;
  for (const d of deadlines) {
    const onTime = d.notifiedAt !== null && d.notifiedAt <= d.dueAt;
    // Late, or still not notified once due; one not yet due counts for neither.
    const late = d.notifiedAt !== null ? d.notifiedAt > d.dueAt : now >= d.dueAt;
    if (onTime) met += 1;
    else if (late) missed += 1;
  }
  return { met, missed };
}
