// Phases and key durations, computed from the incident and its status changes. Pure: tested without a database.
import type { Incident, Status } from '../incidents/incident.js';
import type { Durations, KeyTimes, Phase } from './report.js';

/** Statuses with no "time in status": the incident's story has ended there. */
const FINAL: readonly Status[] = ['closed', 'declined', 'merged'];

/**
 * The phases an incident went through, in order. Every incident starts in triage at its declaration; each status
 * change ends one phase and starts the next, so a reopened incident shows investigating twice.
 */
export function phasesOf(incident: Pick<Incident, 'declaredAt'>, changes: { to: Status; at: Date }[], now: Date): Phase[] {
  const phases: Phase[] = [];
  let current = { status: 'triage' as Status, start: incident.declaredAt };
  for (const change of changes) {
    phases.push({ ...current, end: change.at, durationMs: change.at.getTime() - current.start.getTime() });
    current = { status: change.to, start: change.at };
  }
  const ongoing = FINAL.includes(current.status) ? null : Math.max(0, now.getTime() - current.start.getTime());
  phases.push({ ...current, end: null, durationMs: ongoing });
  return phases;
}

/** The incident's key moments. */
export function keyTimesOf(i: Pick<Incident, 'declaredAt' | 'acknowledgedAt' | 'containedAt' | 'resolvedAt' | 'closedAt'>): KeyTimes {
  return { declared: i.declaredAt, acknowledged: i.acknowledgedAt, contained: i.containedAt, resolved: i.resolvedAt, closed: i.closedAt };
}

/** Time from declaration to each key moment. */
export function durationsOf(t: KeyTimes): Durations {
  const since = (d: Date | null) => (d ? d.getTime() - t.declared.getTime() : null);
  return { toAcknowledge: since(t.acknowledged), toContain: since(t.contained), toResolve: since(t.resolved), toClose: since(t.closed) };
}

/** A duration for people: `2d 3h`, `1h 05m`, `4m 10s`, `12s`. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const total = Math.round(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3_600);
  const m = Math.floor((total % 3_600) / 60);
  const sec = total % 60;
  const sign = ms < 0 ? '−' : '';
  if (d > 0) return `${sign}${d}d ${h}h`;
  if (h > 0) return `${sign}${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${sign}${m}m ${String(sec).padStart(2, '0')}s`;
  return `${sign}${sec}s`;
}
