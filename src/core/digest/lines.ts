// The digest's lines, worded once for every renderer: Slack passes mrkdwn markup, the CLI plain text. Pure.
import { DateTime } from 'luxon';
import { formatDuration } from '../reports/phases.js';
import type { ChangeKind, Digest, DigestChange, DigestFigures, DigestFollowup, DigestIncident, MedianTime, OpenIncident } from './digest.js';

/** How a renderer marks things up. */
export interface Markup {
  /** An incident reference. */
  ref(text: string): string;
  /** A quiet word: private, drill. */
  em(text: string): string;
  /** A person, by user id. */
  user(id: string): string;
  /** Text people typed (titles), escaped as the renderer needs. */
  text(text: string): string;
}

/** Plain text, for terminals. */
export const PLAIN: Markup = { ref: (s) => s, em: (s) => s, user: (id) => `@${id}`, text: (s) => s };

const VERB: Record<ChangeKind, string> = { declared: 'Declared', resolved: 'Resolved', closed: 'Closed', declined: 'Declined', merged: 'Merged', reopened: 'Reopened' };

/** `Mon 16 Nov – Mon 23 Nov 2026 (Europe/Paris)`: the week covered, in the digest's zone. */
export function periodLabel(d: Pick<Digest, 'from' | 'to' | 'timezone'>): string {
  const day = (at: Date, fmt: string) => DateTime.fromJSDate(at, { zone: d.timezone }).toFormat(fmt);
  return `${day(d.from, 'ccc d LLL')} – ${day(d.to, 'ccc d LLL yyyy')} (${d.timezone})`;
}

/**
 * `INC-3 · SEV2 · investigating · private`, or with the title and type when the incident is not private. Change
 * lines leave the status out: the change says it.
 */
export function incidentLine(i: DigestIncident, m: Markup, withStatus = true): string {
  const what = i.redacted ? m.em('private') : `${m.text(i.title ?? '')} (${m.text(i.type ?? '')})`;
  return [m.ref(i.ref), i.severity.toUpperCase(), ...(withStatus ? [i.status] : []), what, ...(i.drill ? [m.em('drill')] : [])].join(' · ');
}

/** An open incident, with how long it has been open and its commander. */
export function openLine(i: OpenIncident, m: Markup): string {
  const days = i.daysOpen === 0 ? 'opened today' : `open ${i.daysOpen} day${i.daysOpen === 1 ? '' : 's'}`;
  return `${incidentLine(i, m)} · ${days} · ${i.commanderId ? `commander ${m.user(i.commanderId)}` : m.em('no commander')}`;
}

/** `Tue 17 Nov · Resolved: INC-4 · SEV3 · private`, the day in the digest's zone. */
export function changeLine(c: DigestChange, timezone: string, m: Markup): string {
  const day = DateTime.fromJSDate(c.at, { zone: timezone }).toFormat('ccc d LLL');
  return `${day} · ${VERB[c.kind]}: ${incidentLine(c.incident, m, false)}${c.mergedInto ? ` · into ${m.ref(c.mergedInto)}` : ''}`;
}

/** `INC-1 · Block the domain · @U… · due 2026-12-01 (overdue)`; a private incident's: `INC-2 · private · 2 open follow-ups (1 overdue)`. */
export function followupLine(f: DigestFollowup, m: Markup): string {
  if (f.redacted) {
    return `${m.ref(f.ref)} · ${m.em('private')} · ${f.count} open follow-up${f.count === 1 ? '' : 's'}${f.overdue > 0 ? ` (${f.overdue} overdue)` : ''}`;
  }
  const due = f.due ? `due ${f.due}${f.overdue ? ' (overdue)' : ''}` : m.em('no due date');
  return [m.ref(f.ref), m.text(f.text), f.owner ? m.user(f.owner) : m.em('no owner'), due].join(' · ');
}

/** The figures as a few lines. */
export function figureLines(f: DigestFigures): string[] {
  const median = (what: string, t: MedianTime) =>
    t.medianMs === null ? `Median time to ${what}: no incident this week` : `Median time to ${what}: ${formatDuration(t.medianMs)} (${t.count} incident${t.count === 1 ? '' : 's'})`;
  return [
    `Declared ${f.declared} · Resolved ${f.resolved} · Closed ${f.closed} · Declined ${f.declined}`,
    median('acknowledge', f.acknowledge),
    median('resolve', f.resolve),
    ...(f.drills > 0 ? [`Drills this week: ${f.drills} (listed, not counted)`] : []),
  ];
}
