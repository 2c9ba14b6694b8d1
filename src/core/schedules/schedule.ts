// When scheduled posts (the awareness tip, the weekly digest) are due: the slots of a cron expression in an IANA zone.
// cron-parser walks the wall clock of the zone, so a daylight-saving change moves the UTC time of "Monday 09:00"
// without skipping or doubling a week.
import { CronExpressionParser } from 'cron-parser';
import { DateTime } from 'luxon';
import { AppError } from '../../shared/errors.js';

/** A schedule: when, in which zone, and how late a missed slot may still be posted. */
export interface Schedule {
  /** Name of the schedule; slots are unique per name. */
  name: string;
  cron: string;
  timezone: string;
  graceMs: number;
}

/** Throws a specific error when the expression is not a five-field cron expression the parser accepts. */
export function checkCron(cron: string, timezone: string): void {
  if (cron.trim().split(/\s+/).length !== 5) {
    throw new AppError('invalid_input', `"${cron}" is not a five-field cron expression (minute hour day-of-month month day-of-week), e.g. "0 9 * * 1".`);
  }
  try {
    CronExpressionParser.parse(cron, { tz: timezone, currentDate: new Date(0) }).next();
  } catch (err) {
    throw new AppError('invalid_input', `"${cron}" is not a valid cron expression: ${(err as Error).message}`);
  }
}

const DAY_MS = 86_400_000;

/** A zone's wall-clock time as if it were UTC: the axis on which cron fields are read. */
function wallClock(at: Date, timezone: string): Date {
  const local = DateTime.fromJSDate(at, { zone: timezone });
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond));
}

/**
 * The real instant of a wall-clock time in a zone. A time skipped by a spring-forward change runs just after the
 * gap (02:30 becomes 03:30); a time that happens twice in autumn runs once (luxon picks one of the two offsets).
 */
function instantOf(wall: Date, timezone: string): Date {
  const local = DateTime.fromObject(
    { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes() },
    { zone: timezone },
  );
  return local.toJSDate();
}

/**
 * Slots after `from` (exclusive) up to `to` (inclusive), oldest first; at most `limit`, the newest ones. Cron fields
 * are matched on the zone's wall clock, so each scheduled local time gives exactly one slot, whatever the offsets do.
 */
export function slotsBetween(s: Pick<Schedule, 'cron' | 'timezone'>, from: Date, to: Date, limit = 1000): Date[] {
  if (to.getTime() <= from.getTime()) return [];
  // A day of margin on the wall-clock axis covers any UTC offset; instants outside (from, to] are dropped below.
  const wallTo = new Date(wallClock(to, s.timezone).getTime() + DAY_MS);
  const wallFrom = new Date(wallClock(from, s.timezone).getTime() - DAY_MS);
  const it = CronExpressionParser.parse(s.cron, { tz: 'UTC', currentDate: wallTo, startDate: wallFrom });
  const slots: Date[] = [];
  const seen = new Set<number>();
  while (slots.length < limit && it.hasPrev()) {
    const at = instantOf(it.prev().toDate(), s.timezone);
    if (at.getTime() <= from.getTime()) break;
    if (at.getTime() > to.getTime() || seen.has(at.getTime())) continue;
    seen.add(at.getTime());
    slots.push(at);
  }
  return slots.sort((a, b) => a.getTime() - b.getTime());
}

/** The first slot after `after`. */
export function nextSlot(s: Pick<Schedule, 'cron' | 'timezone'>, after: Date): Date {
  // Weekly and monthly schedules are found within a year; checkCron refuses expressions that never fire.
  for (let span = 8 * DAY_MS; span <= 400 * DAY_MS; span *= 7) {
    const found = slotsBetween(s, after, new Date(after.getTime() + span), Number.MAX_SAFE_INTEGER)[0];
    if (found) return found;
  }
  throw new AppError('invalid_input', `"${s.cron}" has no slot in the coming year.`);
}

/** The newest slot at or before `now`, if any within the last `lookbackMs`. */
export function latestSlot(s: Pick<Schedule, 'cron' | 'timezone'>, now: Date, lookbackMs: number): Date | undefined {
  return slotsBetween(s, new Date(now.getTime() - lookbackMs), now).at(-1);
}

/** The key that names a slot everywhere (database row, Slack message metadata): `weekly@2026-11-30T08:00:00.000Z`. */
export function slotKey(schedule: string, at: Date): string {
  return `${schedule}@${at.toISOString()}`;
}
