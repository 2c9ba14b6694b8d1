// Incident metrics for `/incident stats` and `rampart stats`. Pure: incidents in, figures out, so every rule (what
// counts where, how months and weeks fall in the time zone) is tested without a database.
//
// What counts where:
// - Drills count only in `counts.drills`. They are exercises, not incidents, so they stay out of every other figure.
// - Declined (false positives) and merged (duplicates) incidents were still reports someone had to look at: they count
//   in the total, by type, severity, month and week. They are left out of the response times, because a report declined
//   or merged within minutes says nothing about how fast real incidents are handled.
// - Severity is the current one; times run from declaration to the incident's acknowledgedAt/containedAt/resolvedAt
//   (a reopened incident's resolution time is cleared until it is resolved again, so it counts once resolved).
import { DateTime } from 'luxon';
import { AppError } from '../../shared/errors.js';
import { SEVERITIES, type Incident, type Severity } from '../incidents/incident.js';

/** The incident fields the metrics read. */
export type MetricIncident = Pick<
  Incident,
  'number' | 'type' | 'severity' | 'status' | 'drill' | 'declaredAt' | 'acknowledgedAt' | 'containedAt' | 'resolvedAt'
>;

/** The periods stats can cover: the last N days, or everything. */
export const STATS_PERIODS = ['30d', '90d', '365d', 'all'] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];
/** The period used when none is named. */
export const DEFAULT_PERIOD: StatsPeriod = '30d';

const PERIOD_DAYS: Record<StatsPeriod, number | null> = { '30d': 30, '90d': 90, '365d': 365, all: null };
const PERIOD_LABELS: Record<StatsPeriod, string> = { '30d': 'Last 30 days', '90d': 'Last 90 days', '365d': 'Last 365 days', all: 'All time' };
const DAY_MS = 86_400_000;

/** The longest weekly series: two years of bars is as many as a chart can show legibly. */
export const MAX_WEEKS = 104;

/** The response times measured, each from the declaration. */
export const TIME_METRICS = ['acknowledge', 'contain', 'resolve'] as const;
export type TimeMetric = (typeof TIME_METRICS)[number];
const METRIC_COLUMN = { acknowledge: 'acknowledgedAt', contain: 'containedAt', resolve: 'resolvedAt' } as const;

/** How many incidents reached a moment, and how long it took them on average and at the median. */
export interface DurationSummary {
  count: number;
  meanMs: number | null;
  medianMs: number | null;
}

/** One ISO week (Monday start, in the stats' time zone). */
export interface WeekBucket {
  /** ISO week, e.g. `2026-W45`. */
  week: string;
  /** The Monday it starts on, `YYYY-MM-DD`. */
  start: string;
  bySeverity: Record<Severity, number>;
  total: number;
}

/** Everything `/incident stats` shows. See the top of this file for what each figure counts. */
export interface Stats {
  period: { name: StatsPeriod; label: string; from: Date | null; to: Date };
  timezone: string;
  /** total excludes drills; declined and merged are part of total. */
  counts: { total: number; drills: number; declined: number; merged: number };
  /** Most frequent first. */
  byType: { type: string; count: number }[];
  bySeverity: Record<Severity, number>;
  /** Every month of the range, oldest first, `YYYY-MM` in the time zone. */
  byMonth: { month: string; count: number }[];
  /** Per metric, per severity and for all severities together (drills, declined and merged excluded). */
  times: Record<TimeMetric, Record<Severity | 'all', DurationSummary>>;
  /** declined / total; null when there were no incidents. */
  declinedRate: number | null;
  /** Every week of the range, oldest first. */
  weekly: WeekBucket[];
  /** Weeks left out at the start of the series because of MAX_WEEKS (0 when none). */
  truncatedWeeks: number;
  /** Notification deadlines that fell due in the period: met (notified by the deadline) and missed (late or not at all); drills left out. */
  notificationDeadlines?: { met: number; missed: number };
}

/** Reads a period name such as `90d`, any case. */
export function parsePeriod(text: string): StatsPeriod {
  const p = text.trim().toLowerCase();
  if ((STATS_PERIODS as readonly string[]).includes(p)) return p as StatsPeriod;
  throw new AppError('invalid_input', `"${text}" is not a stats period. Use one of: ${STATS_PERIODS.join(', ')}.`, { allowed: STATS_PERIODS });
}

/** Where a period starts: exactly N×24 h before now (null for all time). */
export function periodStart(period: StatsPeriod, now: Date): Date | null {
  const days = PERIOD_DAYS[period];
  return days === null ? null : new Date(now.getTime() - days * DAY_MS);
}

/** Computes the stats of the incidents declared in the period (from its start up to now). */
export function computeStats(incidents: MetricIncident[], period: StatsPeriod, now: Date, timezone: string): Stats {
  if (!DateTime.now().setZone(timezone).isValid) throw new Error(`unknown time zone ${timezone}`);
  const from = periodStart(period, now);
  const inPeriod = incidents.filter((i) => i.declaredAt.getTime() <= now.getTime() && (!from || i.declaredAt.getTime() >= from.getTime()));
  const real = inPeriod.filter((i) => !i.drill);
  const measured = real.filter((i) => i.status !== 'declined' && i.status !== 'merged');
  const declined = real.filter((i) => i.status === 'declined').length;
  // For all time, the range starts at the first incident, so there are no empty years of bars before it.
  const first = real.reduce<Date | null>((min, i) => (!min || i.declaredAt < min ? i.declaredAt : min), null);
  const start = from ?? first ?? now;
  const { weekly, truncatedWeeks } = weekBuckets(real, start, now, timezone);
  return {
    period: { name: period, label: PERIOD_LABELS[period], from, to: now },
    timezone,
    counts: { total: real.length, drills: inPeriod.length - real.length, declined, merged: real.filter((i) => i.status === 'merged').length },
    byType: byType(real),
    bySeverity: countBySeverity(real),
    byMonth: monthBuckets(real, start, now, timezone),
    times: times(measured),
    declinedRate: real.length === 0 ? null : declined / real.length,
    weekly,
    truncatedWeeks,
  };
}

/** Count, mean and median of durations; the median of an even count is the mean of the two middle values. */
export function summarize(values: number[]): DurationSummary {
  if (values.length === 0) return { count: 0, meanMs: null, medianMs: null };
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const medianMs = s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { count: s.length, meanMs: s.reduce((a, b) => a + b, 0) / s.length, medianMs };
}

function times(measured: MetricIncident[]): Stats['times'] {
  const result = {} as Stats['times'];
  for (const metric of TIME_METRICS) {
    const durations = (items: MetricIncident[]) =>
      items.flatMap((i) => {
        const at = i[METRIC_COLUMN[metric]];
        return at ? [at.getTime() - i.declaredAt.getTime()] : [];
      });
    const row = { all: summarize(durations(measured)) } as Record<Severity | 'all', DurationSummary>;
    for (const sev of SEVERITIES) row[sev] = summarize(durations(measured.filter((i) => i.severity === sev)));
    result[metric] = row;
  }
  return result;
}

function countBySeverity(items: MetricIncident[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const i of items) counts[i.severity] += 1;
  return counts;
}

function byType(items: MetricIncident[]): Stats['byType'] {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.type, (counts.get(i.type) ?? 0) + 1);
  return [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}

function monthBuckets(items: MetricIncident[], start: Date, end: Date, zone: string): Stats['byMonth'] {
  const counts = new Map<string, number>();
  const last = DateTime.fromJSDate(end, { zone }).startOf('month');
  for (let m = DateTime.fromJSDate(start, { zone }).startOf('month'); m <= last; m = m.plus({ months: 1 })) counts.set(m.toFormat('yyyy-MM'), 0);
  for (const i of items) {
    const key = DateTime.fromJSDate(i.declaredAt, { zone }).toFormat('yyyy-MM');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([month, count]) => ({ month, count }));
}

const weekKey = (d: DateTime) => d.toFormat("kkkk-'W'WW");

function weekBuckets(items: MetricIncident[], start: Date, end: Date, zone: string): Pick<Stats, 'weekly' | 'truncatedWeeks'> {
  // Luxon's startOf('week') is the ISO week: Monday 00:00 in the zone, whatever the locale.
  const all: WeekBucket[] = [];
  const last = DateTime.fromJSDate(end, { zone }).startOf('week');
  for (let w = DateTime.fromJSDate(start, { zone }).startOf('week'); w <= last; w = w.plus({ weeks: 1 })) {
    all.push({ week: weekKey(w), start: w.toISODate()!, bySeverity: countBySeverity([]), total: 0 });
  }
  const weekly = all.slice(-MAX_WEEKS);
  const byKey = new Map(weekly.map((b) => [b.week, b]));
  for (const i of items) {
    const bucket = byKey.get(weekKey(DateTime.fromJSDate(i.declaredAt, { zone })));
    if (!bucket) continue; // in a week cut off by MAX_WEEKS
    bucket.bySeverity[i.severity] += 1;
    bucket.total += 1;
  }
  return { weekly, truncatedWeeks: all.length - weekly.length };
}
