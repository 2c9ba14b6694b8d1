// Reading clocks for people: one incident's (every clock, stopped ones too), or the running ones across incidents. A
// private incident the reader may not see shows its reference only. And the trusted summaries the incident card, App
// Home and reports render.
import type { Actor, CoreDeps } from '../context.js';
import { canSeeIfKnown, requireVisible } from '../incidents/access.js';
import type { Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { findByChannel, findById } from '../incidents/queries.js';
import type { DbOrTx } from '../../db/types.js';
import type { ReportClock } from '../reports/report.js';
import { deadlineStatus, nextDeadline, type ClockDeadline, type DeadlineStatus, type NotificationClock } from './notification-clock.js';
import { deadlinesOf, listClocks } from './queries.js';

/** A clock with its incident and deadlines, as a change returns it. */
export interface ClockView {
  incident: Incident;
  clock: NotificationClock;
  deadlines: ClockDeadline[];
  /** The deadline a "notified" just recorded, as stored (redacted). */
  notified?: ClockDeadline;
}

/** A deadline as lists show it, with where it stands now. */
export type ListedDeadline = Pick<ClockDeadline, 'deadline' | 'label' | 'dueAt' | 'notifiedAt' | 'notifiedTo' | 'reference'> & { status: DeadlineStatus };

/** A clock in a list; a private incident the reader may not see gives its reference only (redacted). */
export type ListedClock =
  | { redacted: true; ref: string; incidentNumber: number }
  | {
      redacted: false;
      ref: string;
      incidentNumber: number;
      id: number;
      regime: string;
      regimeName: string;
      state: NotificationClock['state'];
      awareAt: Date;
      why: string | null;
      backdateReason: string | null;
      stopReason: string | null;
      deadlines: ListedDeadline[];
    };

/** One incident's clocks (ref, or the incident channel's), or else every running clock the reader is shown. */
export async function clocksForActor(deps: CoreDeps, actor: Actor, ref: string | undefined): Promise<{ incident?: Incident; clocks: ListedClock[] }> {
  const now = deps.clock.now();
  if (ref || (actor.channelId && (await findByChannel(deps.db, actor.channelId)))) {
    const incident = await incidentByRefOrChannel(deps.db, ref, actor.channelId);
    await requireVisible(deps, actor, incident, 'incident.show');
    const clocks = await listClocks(deps.db, { incidentIds: [incident.id] });
    return { incident, clocks: await listed(deps.db, clocks, now, async () => true) };
  }
  const clocks = await listClocks(deps.db, { running: true });
  // One visibility check per incident, not per clock.
  const seen = new Map<number, Promise<boolean>>();
  const canSee = (incident: Incident) => {
    let known = seen.get(incident.id);
    if (!known) seen.set(incident.id, (known = incident.private ? canSeeIfKnown(deps, actor, incident) : Promise.resolve(true)));
    return known;
  };
  return { clocks: (await listed(deps.db, clocks, now, canSee)).sort(byUrgency) };
}

async function listed(db: DbOrTx, clocks: NotificationClock[], now: Date, canSee: (i: Incident) => Promise<boolean>): Promise<ListedClock[]> {
  const deadlines = await deadlinesOf(db, clocks.map((c) => c.id));
  const incidents = new Map<number, Incident>();
  for (const id of new Set(clocks.map((c) => c.incidentId))) incidents.set(id, (await findById(db, id))!);
  const out: ListedClock[] = [];
  for (const c of clocks) {
    const incident = incidents.get(c.incidentId)!;
    if (!(await canSee(incident))) {
      // One line per private incident, however many clocks it has.
      if (!out.some((o) => o.redacted && o.ref === incident.ref)) out.push({ redacted: true, ref: incident.ref, incidentNumber: incident.number });
      continue;
    }
    out.push({
      redacted: false,
      ref: incident.ref,
      incidentNumber: incident.number,
      id: c.id,
      ...clockView(c, deadlines, now),
    });
  }
  return out;
}

/** Lists order: the clock whose next open deadline is soonest (overdue first), then by incident. */
function byUrgency(a: ListedClock, b: ListedClock): number {
  const next = (c: ListedClock) => (c.redacted ? Infinity : (c.deadlines.find((d) => d.status === 'open' || d.status === 'overdue')?.dueAt.getTime() ?? Infinity));
  return next(a) - next(b) || a.incidentNumber - b.incidentNumber;
}

/** An incident's next unmet deadline and how many are overdue, for its card, App Home and the like (trusted callers). */
export interface ClockSummary {
  next?: { regimeName: string; label: string; dueAt: Date; overdue: boolean };
  overdue: number;
}

/** The clock summary of each incident that has running clocks (trusted: the card and Home tab render it for readers already checked). */
export async function clockSummaries(db: DbOrTx, incidentIds: readonly number[], now: Date): Promise<Map<number, ClockSummary>> {
  const clocks = await listClocks(db, { incidentIds, running: true });
  const deadlines = await deadlinesOf(db, clocks.map((c) => c.id));
  const out = new Map<number, ClockSummary>();
  for (const incidentId of new Set(clocks.map((c) => c.incidentId))) {
    const mine = clocks.filter((c) => c.incidentId === incidentId);
    const rows = deadlines
      .filter((d) => mine.some((c) => c.id === d.clockId))
      .map((d) => ({ ...d, state: 'running' as const, regimeName: mine.find((c) => c.id === d.clockId)!.regimeName }));
    const next = nextDeadline(rows);
    out.set(incidentId, {
      ...(next ? { next: { regimeName: next.regimeName, label: next.label, dueAt: next.dueAt, overdue: next.dueAt <= now } } : {}),
      overdue: rows.filter((d) => !d.notifiedAt && d.dueAt <= now).length,
    });
  }
  return out;
}

/** An incident's clocks for its report, oldest first, each deadline's standing at `now` (trusted: the report's builder checked access). */
export async function clocksForReport(db: DbOrTx, incidentId: number, now: Date): Promise<ReportClock[]> {
  const clocks = await listClocks(db, { incidentIds: [incidentId] });
  const deadlines = await deadlinesOf(db, clocks.map((c) => c.id));
  return clocks.map((c) => clockView(c, deadlines, now));
}

/** What lists and reports show of a clock: its regime, awareness and reasons, and each deadline's standing at `now`. */
function clockView(c: NotificationClock, deadlines: readonly ClockDeadline[], now: Date) {
  return {
    regime: c.regime,
    regimeName: c.regimeName,
    state: c.state,
    awareAt: c.awareAt,
    why: c.why,
    backdateReason: c.backdateReason,
    stopReason: c.stopReason,
    deadlines: deadlines
      .filter((d) => d.clockId === c.id)
      .map((d) => ({ deadline: d.deadline, label: d.label, dueAt: d.dueAt, notifiedAt: d.notifiedAt, notifiedTo: d.notifiedTo, reference: d.reference, status: deadlineStatus(d, c.state, now) })),
  };
}
