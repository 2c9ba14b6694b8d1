// Reminders that keep an incident moving, as pure rules: how often an open incident without an update reminds its
// commander (per severity), when a missing commander is nudged, quiet hours, and what a snooze means. No database here.
import { DateTime } from 'luxon';
import { durationMs } from '../playbooks/playbook.js';
import { OPEN_STATUSES, SEVERITIES, type Incident, type Severity } from '../incidents/incident.js';

/** The reminders an incident can have. */
export type ReminderKind = 'update' | 'commander';

/** Where a reminder stands: counting down, snoozed, stopped by someone, or ended with the incident (or the nudge's reason). */
export type ReminderState = 'active' | 'snoozed' | 'stopped' | 'ended';

/** A reminder as stored. */
export interface Reminder {
  kind: ReminderKind;
  state: ReminderState;
  /** When it next goes out; null when nothing is due. */
  dueAt: Date | null;
  /** When the interval last started (the declaration, a status change, a note). */
  basisAt: Date;
  /** How many times it went out. */
  fired: number;
}

/** How long an open incident may go without an update, per severity; null means no update reminders. */
export type UpdateIntervals = Readonly<Record<Severity, number | null>>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The defaults of UPDATE_REMINDERS: sev1 30 min, sev2 2 h, sev3 1 day, sev4 off. */
export const DEFAULT_UPDATE_INTERVALS: UpdateIntervals = { sev1: 30 * MINUTE, sev2: 2 * HOUR, sev3: 24 * HOUR, sev4: null };

/** How long after the declaration an incident without a commander is nudged. */
export const COMMANDER_NUDGE_MS = 10 * MINUTE;

/** Reminders come at most this often, so a typo such as `1m` cannot flood a commander. */
export const MIN_UPDATE_INTERVAL_MS = 5 * MINUTE;

/**
 * Parses UPDATE_REMINDERS (`sev1:30m,sev2:2h,sev3:1d,sev4:off`): severities left out keep their default. Throws an
 * Error naming the first problem.
 */
export function parseUpdateIntervals(text: string): UpdateIntervals {
  const intervals: Record<Severity, number | null> = { ...DEFAULT_UPDATE_INTERVALS };
  for (const item of text.split(/[\s,]+/).filter(Boolean)) {
    const [name = '', value = '', ...rest] = item.toLowerCase().split(':');
    if (!(SEVERITIES as readonly string[]).includes(name) || rest.length > 0 || value === '') {
      throw new Error(`"${item}" is not <severity>:<interval>; write e.g. sev1:30m,sev2:2h,sev3:1d,sev4:off`);
    }
    const ms = value === 'off' ? null : durationMs(value);
    if (ms === undefined) throw new Error(`"${value}" in "${item}" is not an interval such as 30m, 2h or 1d, or off`);
    if (ms !== null && ms < MIN_UPDATE_INTERVAL_MS) throw new Error(`"${item}" is too often: the shortest interval is 5m`);
    intervals[name as Severity] = ms;
  }
  return intervals;
}

/** Quiet hours as minutes after midnight on the wall clock of TIMEZONE; `end` before `start` spans midnight. */
export interface QuietHours {
  start: number;
  end: number;
}

/** Parses QUIET_HOURS (`22:00-07:00`), or undefined for `off`. Throws an Error naming the problem. */
export function parseQuietHours(text: string): QuietHours | undefined {
  if (text.trim().toLowerCase() === 'off') return undefined;
  const m = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  const minutes = (h: string, min: string) => (Number(h) < 24 && Number(min) < 60 ? Number(h) * 60 + Number(min) : undefined);
  const start = m ? minutes(m[1]!, m[2]!) : undefined;
  const end = m ? minutes(m[3]!, m[4]!) : undefined;
  if (start === undefined || end === undefined) throw new Error(`"${text}" is not a time range such as 22:00-07:00 (24-hour clock), or off`);
  if (start === end) throw new Error(`"${text}" starts and ends at the same time; use off for no quiet hours`);
  return { start, end };
}

/** When the quiet hours around `at` end, or undefined when `at` is outside them (read on the wall clock of `timezone`). */
export function quietUntil(at: Date, quiet: QuietHours | undefined, timezone: string): Date | undefined {
  if (!quiet) return undefined;
  const local = DateTime.fromJSDate(at, { zone: timezone });
  const minute = local.hour * 60 + local.minute;
  const spansMidnight = quiet.end < quiet.start;
  const inside = spansMidnight ? minute >= quiet.start || minute < quiet.end : minute >= quiet.start && minute < quiet.end;
  if (!inside) return undefined;
  // The end is later today, or tomorrow when the quiet hours began today and run past midnight.
  const day = spansMidnight && minute >= quiet.start ? local.plus({ days: 1 }) : local;
  return day.set({ hour: Math.floor(quiet.end / 60), minute: quiet.end % 60, second: 0, millisecond: 0 }).toJSDate();
}

/** Whether quiet hours hold a reminder of this severity back: sev1 is never held. */
export function heldByQuietHours(severity: Severity): boolean {
  return severity !== 'sev1';
}

/** The snooze choices the buttons offer. */
export const SNOOZE_CHOICES = ['30m', '2h', 'tomorrow'] as const;
/** A snooze choice. */
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

/** The hour "until tomorrow" means, in TIMEZONE. */
export const TOMORROW_HOUR = 9;

/** When a snooze chosen at `now` ends: 30 minutes, 2 hours, or tomorrow at 09:00 in `timezone`. */
export function snoozeUntil(choice: SnoozeChoice, now: Date, timezone: string): Date {
  if (choice === '30m') return new Date(now.getTime() + 30 * MINUTE);
  if (choice === '2h') return new Date(now.getTime() + 2 * HOUR);
  return DateTime.fromJSDate(now, { zone: timezone }).plus({ days: 1 }).set({ hour: TOMORROW_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

/** What made reminders be looked at again: a declaration, an update (status change or note), or any other change. */
export type Trigger = 'declared' | 'updated' | 'changed';

/** The incident fields reminders depend on. */
export type ReminderIncident = Pick<Incident, 'status' | 'severity' | 'commanderId'>;

/**
 * The reminder rows to write after a trigger (only those that change). An incident that is no longer open ends its
 * reminders; an update starts the interval again (a snooze included); a stopped reminder stays stopped, and one that
 * ended starts again when the incident is reopened. The commander nudge is armed while the incident is open without a
 * commander and ends when one is named.
 */
export function planReminders(p: { incident: ReminderIncident; rows: readonly Reminder[]; trigger: Trigger; now: Date; intervals: UpdateIntervals }): Reminder[] {
  const open = OPEN_STATUSES.includes(p.incident.status);
  const interval = p.intervals[p.incident.severity];
  const after = (basis: Date, ms: number | null) => (ms === null ? null : new Date(basis.getTime() + ms));
  const find = (kind: ReminderKind) => p.rows.find((r) => r.kind === kind);
  const ended = (r: Reminder | undefined): Reminder[] => (r && (r.state === 'active' || r.state === 'snoozed') ? [{ ...r, state: 'ended', dueAt: null }] : []);
  const fresh = (kind: ReminderKind, r: Reminder | undefined, ms: number | null): Reminder => ({ kind, state: 'active', basisAt: p.now, dueAt: after(p.now, ms), fired: r?.fired ?? 0 });

  const planned: Reminder[] = [];
  const update = find('update');
  if (!open) planned.push(...ended(update));
  else if (!update || update.state === 'ended' || (update.state !== 'stopped' && p.trigger === 'updated')) planned.push(fresh('update', update, interval));
  else if (update.state === 'active' && p.trigger === 'changed') {
    // A severity change moves the deadline, counted from the last update.
    const dueAt = after(update.basisAt, interval);
    if (dueAt?.getTime() !== update.dueAt?.getTime()) planned.push({ ...update, dueAt });
  }

  const nudge = find('commander');
  if (!open || p.incident.commanderId) planned.push(...ended(nudge));
  else if (!nudge || nudge.state === 'ended') planned.push(fresh('commander', nudge, COMMANDER_NUDGE_MS));
  return planned;
}

/** An open incident and when its timeline last recorded anything. */
export interface Activity {
  incident: Pick<Incident, 'id' | 'ref' | 'title' | 'severity' | 'status' | 'drill' | 'commanderId'>;
  lastActivity: Date;
}

/**
 * The weekly stale list: open incidents with a commander and no activity for `staleAfterMs`, grouped by commander
 * (commanders in id order, their incidents quietest first). Incidents without a commander have nobody to list them to.
 */
export function staleByCommander(items: readonly Activity[], now: Date, staleAfterMs: number): Map<string, Activity[]> {
  const byCommander = new Map<string, Activity[]>();
  const stale = items
    .filter((a) => a.incident.commanderId && OPEN_STATUSES.includes(a.incident.status) && now.getTime() - a.lastActivity.getTime() >= staleAfterMs)
    .sort((a, b) => a.lastActivity.getTime() - b.lastActivity.getTime() || a.incident.id - b.incident.id);
  for (const a of stale) byCommander.set(a.incident.commanderId!, [...(byCommander.get(a.incident.commanderId!) ?? []), a]);
  return new Map([...byCommander].sort(([a], [b]) => a.localeCompare(b)));
}
