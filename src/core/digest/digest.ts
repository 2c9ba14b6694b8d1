// The weekly digest as data, and the pure rules that shape it: incidents and status changes in, digest out, so what
// counts where is tested without a database.
//
// - A private incident appears by reference, severity, status and commander only: no title or type, anywhere; its
//   open follow-ups are one counted line by reference, without their text or owners.
// - Drills are listed (marked as drills) but left out of the figures, as in /incident stats.
// - Declined and merged incidents count as declared (someone had to look at them) but are left out of the median
//   times, as in /incident stats: a report declined within minutes says nothing about how fast incidents are handled.
// - The week is (slot − 7 days, slot]; "days open" are whole days from the declaration to the slot. Statuses are the
//   ones when the digest is built, so a slot posted late (within the grace window) shows them as they are then.
import { DateTime } from 'luxon';
import { SEVERITIES, type Incident, type Severity, type Status } from '../incidents/incident.js';
import { summarize } from '../metrics/stats.js';

/** The incident fields the digest reads. */
export type DigestSource = Pick<
  Incident,
  'id' | 'number' | 'ref' | 'title' | 'type' | 'severity' | 'status' | 'private' | 'drill' | 'commanderId' | 'declaredAt' | 'acknowledgedAt' | 'resolvedAt'
>;

/** A status change read from the timeline. */
export interface StatusChange {
  incidentId: number;
  at: Date;
  from: Status;
  to: Status;
  mergedInto?: string;
}

/** An incident as the digest shows it; title and type only when it is not private. */
export interface DigestIncident {
  ref: string;
  severity: Severity;
  status: Status;
  drill: boolean;
  commanderId: string | null;
  redacted: boolean;
  title?: string;
  type?: string;
}

/** An open incident and how long it has been open. */
export interface OpenIncident extends DigestIncident {
  daysOpen: number;
}

/** What the digest lists as having happened in the week. */
export const CHANGE_KINDS = ['declared', 'resolved', 'closed', 'declined', 'merged', 'reopened'] as const;
/** One of CHANGE_KINDS. */
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One thing that happened to an incident in the week. */
export interface DigestChange {
  kind: ChangeKind;
  at: Date;
  incident: DigestIncident;
  mergedInto?: string;
}

/** A median time and how many incidents it is over. */
export interface MedianTime {
  count: number;
  medianMs: number | null;
}

/** The week's figures (drills left out; `drills` says how many took part in the week). */
export interface DigestFigures {
  declared: number;
  resolved: number;
  closed: number;
  declined: number;
  acknowledge: MedianTime;
  resolve: MedianTime;
  drills: number;
}

/** An open follow-up as the digest reads it. */
export interface FollowupSource {
  ref: string;
  number: number;
  private: boolean;
  text: string;
  owner: string | null;
  due: string | null;
}

/**
 * Open follow-ups as the digest shows them: one line per follow-up of a public incident; a private incident's are one
 * line by reference, counted, with nothing of what they say or who owns them.
 */
export type DigestFollowup =
  | { ref: string; redacted: false; text: string; owner: string | null; due: string | null; overdue: boolean }
  | { ref: string; redacted: true; count: number; overdue: number };

/** Everything the weekly digest says. */
export interface Digest {
  from: Date;
  to: Date;
  timezone: string;
  open: OpenIncident[];
  changes: DigestChange[];
  figures: DigestFigures;
  /** Open follow-ups, by incident then due date (undated last). */
  followups: DigestFollowup[];
}

/** What shapeDigest reads. */
export interface DigestInput {
  from: Date;
  to: Date;
  timezone: string;
  /** Incidents open now. */
  open: DigestSource[];
  /** Incidents declared, acknowledged or resolved in the week, or whose status changed in it. */
  week: DigestSource[];
  statusChanges: StatusChange[];
  /** Follow-ups open now. */
  followups?: FollowupSource[];
}

const DAY_MS = 86_400_000;

/** Shapes the digest of the week (from, to]. */
export function shapeDigest(input: DigestInput): Digest {
  const { from, to } = input;
  const inWeek = (d: Date | null): d is Date => !!d && d.getTime() > from.getTime() && d.getTime() <= to.getTime();
  const byId = new Map(input.week.map((i) => [i.id, i]));
  const open = input.open
    .filter((i) => i.declaredAt.getTime() <= to.getTime())
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.number - b.number)
    .map((i) => ({ ...shown(i), daysOpen: Math.floor((to.getTime() - i.declaredAt.getTime()) / DAY_MS) }));
  const happened = [
    ...input.week.filter((i) => inWeek(i.declaredAt)).map((i) => ({ kind: 'declared' as const, at: i.declaredAt, source: i })),
    ...input.statusChanges.flatMap((c) => {
      const kind = changeKind(c.from, c.to);
      const source = byId.get(c.incidentId);
      return kind && source && inWeek(c.at) ? [{ kind, at: c.at, source, ...(c.mergedInto ? { mergedInto: c.mergedInto } : {}) }] : [];
    }),
  ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.source.number - b.source.number);
  const changes = happened.map(({ source, ...c }) => ({ ...c, incident: shown(source) }));
  const real = input.week.filter((i) => !i.drill);
  const distinct = (kind: ChangeKind) => new Set(happened.filter((c) => c.kind === kind && !c.source.drill).map((c) => c.source.id)).size;
  // Left out of the times, as in /incident stats (see the top of this file).
  const measured = real.filter((i) => i.status !== 'declined' && i.status !== 'merged');
  const median = (at: (i: DigestSource) => Date | null): MedianTime => {
    const { count, medianMs } = summarize(measured.flatMap((i) => (inWeek(at(i)) ? [at(i)!.getTime() - i.declaredAt.getTime()] : [])));
    return { count, medianMs };
  };
  return {
    from,
    to,
    timezone: input.timezone,
    open,
    changes,
    figures: {
      declared: real.filter((i) => inWeek(i.declaredAt)).length,
      resolved: distinct('resolved'),
      closed: distinct('closed'),
      declined: distinct('declined'),
      acknowledge: median((i) => i.acknowledgedAt),
      resolve: median((i) => i.resolvedAt),
      drills: new Set(happened.filter((c) => c.source.drill).map((c) => c.source.id)).size,
    },
    followups: shapeFollowups(input.followups ?? [], DateTime.fromJSDate(to, { zone: input.timezone }).toISODate()!),
  };
}

/** Open follow-ups for the digest: overdue when due before `today` (YYYY-MM-DD in the digest's zone). */
export function shapeFollowups(followups: readonly FollowupSource[], today: string): DigestFollowup[] {
  const sorted = [...followups].sort((a, b) => a.number - b.number || (a.due ?? '9999').localeCompare(b.due ?? '9999'));
  const out: DigestFollowup[] = [];
  for (const f of sorted) {
    const overdue = f.due !== null && f.due < today;
    const last = out.at(-1);
    if (!f.private) out.push({ ref: f.ref, redacted: false, text: f.text, owner: f.owner, due: f.due, overdue });
    else if (last?.redacted && last.ref === f.ref) out[out.length - 1] = { ...last, count: last.count + 1, overdue: last.overdue + (overdue ? 1 : 0) };
    else out.push({ ref: f.ref, redacted: true, count: 1, overdue: overdue ? 1 : 0 });
  }
  return out;
}

/** Which listed change a status change is, if any (moves such as triage → investigating are not listed). */
export function changeKind(from: Status, to: Status): ChangeKind | undefined {
  if (to === 'resolved' || to === 'closed' || to === 'declined' || to === 'merged') return to;
  if ((to === 'investigating' && (from === 'resolved' || from === 'closed')) || (to === 'triage' && from === 'declined')) return 'reopened';
  return undefined;
}

/** The incident as the digest may show it: a private one by reference only. */
function shown(i: DigestSource): DigestIncident {
  const base = { ref: i.ref, severity: i.severity, status: i.status, drill: i.drill, commanderId: i.commanderId };
  return i.private ? { ...base, redacted: true } : { ...base, redacted: false, title: i.title, type: i.type };
}
