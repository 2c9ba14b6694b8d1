// The stats as plain-text tables for the terminal (`rampart stats`). The Slack message reuses the pieces (period,
// rate, time tables), so both say the same thing the same way.
import { DateTime } from 'luxon';
import { SEVERITIES } from '../incidents/incident.js';
import { formatDuration } from '../reports/phases.js';
import { TIME_METRICS, type Stats, type TimeMetric } from './stats.js';

const METRIC_TITLES: Record<TimeMetric, string> = { acknowledge: 'Time to acknowledge', contain: 'Time to contain', resolve: 'Time to resolve' };

/** The stats as lines of text with aligned columns. */
export function statsLines(stats: Stats): string[] {
  const c = stats.counts;
  const types = stats.byType.length > 0 ? stats.byType.map((t) => [t.type, String(t.count)]) : [['(none)', '0']];
  return [
    `Incident statistics · ${periodText(stats)}`,
    '',
    `Incidents: ${c.total} (of which declined: ${c.declined}, merged: ${c.merged})`,
    `Declined (false positive) rate: ${formatRate(stats.declinedRate)}`,
    `Drills: ${c.drills} (not counted in any other figure)`,
    ...(stats.notificationDeadlines ? [`Notification deadlines due: ${stats.notificationDeadlines.met} met, ${stats.notificationDeadlines.missed} missed`] : []),
    '',
    ...indentTable('By type', [['Type', 'Incidents'], ...types]),
    '',
    ...indentTable('By severity', [['Severity', 'Incidents'], ...SEVERITIES.map((s) => [s.toUpperCase(), String(stats.bySeverity[s])])]),
    '',
    ...indentTable('By month', [['Month', 'Incidents'], ...stats.byMonth.map((m) => [m.month, String(m.count)])]),
    ...TIME_METRICS.flatMap((metric) => ['', ...indentTable(METRIC_TITLES[metric], timeRows(stats, metric))]),
    '',
    exclusionNote(stats),
  ];
}

/** `Last 30 days (2026-10-25 to 2026-11-24, Europe/Paris)`: the period with its dates in the stats' time zone. */
export function periodText(stats: Stats): string {
  const day = (d: Date) => DateTime.fromJSDate(d, { zone: stats.timezone }).toISODate()!;
  const { from, to, label } = stats.period;
  return from ? `${label} (${day(from)} to ${day(to)}, ${stats.timezone})` : `${label} (up to ${day(to)}, ${stats.timezone})`;
}

/** A rate as a percentage with one decimal, or a dash when there is nothing to divide by. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** What the response times leave out and why, in one sentence. */
export function exclusionNote(stats: Stats): string {
  const c = stats.counts;
  return (
    `Response times run from declaration to acknowledgement, containment and resolution, and leave out drills (${c.drills}), ` +
    `declined (${c.declined}) and merged (${c.merged}) incidents. Drills are not counted anywhere else either.`
  );
}

/** The table of one response time: count, mean and median per severity and overall. */
export function timeTable(stats: Stats, metric: TimeMetric): string[] {
  return alignColumns(timeRows(stats, metric));
}

/** Pads cells so columns line up: the first column left-aligned, the figures right-aligned. */
export function alignColumns(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, k) => (widths[k] = Math.max(widths[k] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!))).join('  ').trimEnd());
}

function timeRows(stats: Stats, metric: TimeMetric): string[][] {
  const row = stats.times[metric];
  const keys = [...SEVERITIES, 'all'] as const;
  return [
    ['Severity', 'Incidents', 'Mean', 'Median'],
    ...keys.map((k) => [k === 'all' ? 'All' : k.toUpperCase(), String(row[k].count), formatDuration(row[k].meanMs), formatDuration(row[k].medianMs)]),
  ];
}

function indentTable(title: string, rows: string[][]): string[] {
  return [title, ...alignColumns(rows).map((line) => `  ${line}`)];
}
