// Notification regimes: the deadlines a regulator sets from the moment a team becomes aware of a breach, as offsets
// from awareness. Pure: the two built-in regimes, offsets and their arithmetic on the wall clock of TIMEZONE.
import { DateTime } from 'luxon';

/** How long after awareness a deadline falls: hours are elapsed time; days and months are calendar ones in TIMEZONE. */
export interface Offset {
  months?: number;
  days?: number;
  hours?: number;
}

/** One named deadline of a regime. */
export interface DeadlineRule {
  /** Short id used in commands (`authority`, `early-warning`). */
  id: string;
  /** What is due, in words (“Notify the supervisory authority”). */
  label: string;
  after: Offset;
}

/** A regime: a law or contract whose clock starts at awareness. */
export interface Regime {
  id: string;
  name: string;
  /** Where the deadlines come from, for people reading the list. */
  source?: string;
  deadlines: DeadlineRule[];
}

/** GDPR Art. 33 and NIS2 Art. 23, always on offer (a regimes file may add others, never replace these). */
export const BUILT_IN_REGIMES: readonly Regime[] = [
  {
    id: 'gdpr',
    name: 'GDPR Art. 33',
    source: 'Regulation (EU) 2016/679, Article 33(1)',
    deadlines: [{ id: 'authority', label: 'Notify the supervisory authority', after: { hours: 72 } }],
  },
  {
    id: 'nis2',
    name: 'NIS2 Art. 23',
    source: 'Directive (EU) 2022/2555, Article 23(4)',
    deadlines: [
      { id: 'early-warning', label: 'Early warning to the CSIRT or competent authority', after: { hours: 24 } },
      { id: 'notification', label: 'Incident notification', after: { hours: 72 } },
      { id: 'final-report', label: 'Final report', after: { months: 1 } },
    ],
  },
];

const OFFSET = /^(\d{1,4})\s*(h|hours?|d|days?|w|weeks?|mo|months?)$/i;

/** Reads `72h`, `24 hours`, `3d`, `2w` or `1 month`; undefined when it is none of them. */
export function parseOffset(text: string): Offset | undefined {
  const m = OFFSET.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n <= 0) return undefined;
  const unit = m[2]!.toLowerCase();
  if (unit.startsWith('h')) return { hours: n };
  if (unit.startsWith('d')) return { days: n };
  if (unit.startsWith('w')) return { days: 7 * n };
  return { months: n };
}

/** An offset in words: `72h`, `3d`, `1 month`. */
export function offsetWords(o: Offset): string {
  const parts = [o.months ? `${o.months} month${o.months === 1 ? '' : 's'}` : '', o.days ? `${o.days}d` : '', o.hours ? `${o.hours}h` : ''];
  return parts.filter(Boolean).join(' ');
}

/**
 * When a deadline falls: awareness plus the offset. A month is a calendar month on TIMEZONE's wall clock (aware on
 * 31 January, due on the last day of February at the same time), a day a calendar day (23 or 25 hours across a DST
 * change); hours are elapsed hours, as "within 72 hours" means.
 */
export function deadlineAt(awareAt: Date, after: Offset, timezone: string): Date {
  const local = DateTime.fromJSDate(awareAt, { zone: timezone });
  const calendar = local.plus({ months: after.months ?? 0, days: after.days ?? 0 });
  return new Date(calendar.toMillis() + (after.hours ?? 0) * 3_600_000);
}

/** The built-in regimes and the file's, by id (the file cannot reuse a built-in id: the loader refuses it). */
export function regimeList(extra: readonly Regime[] = []): Regime[] {
  return [...BUILT_IN_REGIMES, ...extra];
}

/** Reads CLOCK_REMINDERS (`24h,4h,1h`, or `off`): how long before each deadline its reminders go out, longest first. */
export function parseReminderOffsets(text: string): number[] {
  const value = text.trim().toLowerCase();
  if (value === '' || value === 'off') return [];
  const out: number[] = [];
  for (const part of value.split(/[\s,]+/).filter(Boolean)) {
    const m = /^(\d{1,4})(m|h|d)$/.exec(part);
    const ms = m ? Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'] : 0;
    if (!ms) throw new Error(`"${part}" is not a time before a deadline; write durations such as 24h,4h,30m, or off.`);
    out.push(ms);
  }
  return [...new Set(out)].sort((a, b) => b - a);
}

/** The default reminders: a day, four hours and one hour before each deadline. */
export const DEFAULT_CLOCK_REMINDERS = '24h,4h,1h';
