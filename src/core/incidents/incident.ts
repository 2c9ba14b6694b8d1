// Incident vocabulary and the pure rules about it: statuses and their allowed transitions, severities, roles,
// references. No I/O here, so every rule is tested without a database.
import { AppError } from '../../shared/errors.js';
import type { Tlp } from '../tlp/tlp.js';

export const STATUSES = ['triage', 'investigating', 'contained', 'resolved', 'closed', 'declined', 'merged'] as const;
export type Status = (typeof STATUSES)[number];

export const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** The severity used when a declaration names none. */
export const DEFAULT_SEVERITY: Severity = 'sev3';

export const ROLES = ['commander', 'comms', 'scribe'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Allowed status transitions. Reopening is explicit: resolved/closed go back to investigating, a declined
 * report goes back to triage. merged is final.
 */
export const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  triage: ['investigating', 'contained', 'resolved', 'declined', 'merged'],
  investigating: ['contained', 'resolved', 'declined', 'merged'],
  contained: ['investigating', 'resolved'],
  resolved: ['closed', 'investigating'],
  closed: ['investigating'],
  declined: ['triage'],
  merged: [],
};

/** Statuses in which an incident still needs work. */
export const OPEN_STATUSES: readonly Status[] = ['triage', 'investigating', 'contained'];

/** What a stored incident looks like to core and its adapters. */
export interface Incident {
  id: number;
  number: number;
  ref: string;
  title: string;
  description: string;
  type: string;
  severity: Severity;
  status: Status;
  private: boolean;
  drill: boolean;
  reporterId: string;
  commanderId: string | null;
  commsId: string | null;
  scribeId: string | null;
  channelId: string | null;
  channelName: string | null;
  mergedIntoId: number | null;
  declaredAt: Date;
  acknowledgedAt: Date | null;
  containedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
  /** The TLP marking a responder or the commander set; null: the default from visibility (`incidentTlp`). */
  tlp?: Tlp | null;
}

/** INC-<n> for an incident number. */
export function formatRef(n: number): string {
  return `INC-${n}`;
}

/** The incident number in a reference such as INC-12, inc-12 or 12; null when it is not one. */
export function parseRef(text: string): number | null {
  const m = /^(?:inc-?)?(\d{1,9})$/i.exec(text.trim());
  return m ? Number(m[1]) : null;
}

/** True when text looks like an incident reference (INC-n, any case). */
export function looksLikeRef(text: string): boolean {
  return /^inc-\d{1,9}$/i.test(text.trim());
}

/** Validates a severity name (sev1..sev4, any case). */
export function parseSeverity(text: string): Severity {
  const s = text.trim().toLowerCase();
  if ((SEVERITIES as readonly string[]).includes(s)) return s as Severity;
  throw new AppError('invalid_severity', `"${text}" is not a severity. Use one of: ${SEVERITIES.join(', ')} (sev1 is the most severe).`);
}

/**
 * True when a severity change is an escalation worth announcing where the declaration was: up to sev1 or sev2 from
 * a lower one (sev1 is the most severe). Going down, or within sev3/sev4, stays in the incident channel.
 */
export function isEscalation(from: Severity, to: Severity): boolean {
  return (to === 'sev1' || to === 'sev2') && SEVERITIES.indexOf(to) < SEVERITIES.indexOf(from);
}

/** Validates a status name. */
export function parseStatus(text: string): Status {
  const s = text.trim().toLowerCase();
  if ((STATUSES as readonly string[]).includes(s)) return s as Status;
  throw new AppError('invalid_status', `"${text}" is not a status. Statuses: ${STATUSES.join(', ')}.`);
}

/** Validates a role name. */
export function parseRole(text: string): Role {
  const r = text.trim().toLowerCase();
  if ((ROLES as readonly string[]).includes(r)) return r as Role;
  throw new AppError('invalid_role', `"${text}" is not a role. Roles: ${ROLES.join(', ')}.`);
}

/** The statuses an incident may move to from `from` (the transition table's row). */
export function nextStatuses(from: Status): readonly Status[] {
  return TRANSITIONS[from];
}

/** Throws a specific error naming the allowed next statuses when from → to is not allowed. */
export function assertTransition(ref: string, from: Status, to: Status): void {
  if (TRANSITIONS[from].includes(to)) return;
  const allowed = TRANSITIONS[from];
  const next = allowed.length > 0 ? `From ${from} it can go to: ${allowed.join(', ')}.` : `${from} is final.`;
  throw new AppError('invalid_transition', `${ref} is ${from}; it cannot move to ${to}. ${next}`, { from, to, allowed });
}

/** Phase timestamps to set when an incident enters `to` (only the ones not set yet), and the ones a reopen clears. */
export function phaseTimestamps(incident: Incident, to: Status, at: Date): Partial<Record<PhaseColumn, Date | null>> {
  const set: Partial<Record<PhaseColumn, Date | null>> = {};
  if (to !== 'triage' && incident.status === 'triage' && !incident.acknowledgedAt) set.acknowledgedAt = at;
  // Resolving or closing implies containment: the contain metric then measures up to the resolution.
  if ((to === 'contained' || to === 'resolved' || to === 'closed') && !incident.containedAt) set.containedAt = at;
  if ((to === 'resolved' || to === 'closed') && !incident.resolvedAt) set.resolvedAt = at;
  if (to === 'closed' && !incident.closedAt) set.closedAt = at;
  // Reopening: the next resolution and closure are what count, so their times are cleared (history stays in the timeline).
  if (to === 'investigating' && (incident.status === 'resolved' || incident.status === 'closed')) {
    set.resolvedAt = null;
    set.closedAt = null;
  }
  return set;
}

type PhaseColumn = 'acknowledgedAt' | 'containedAt' | 'resolvedAt' | 'closedAt';

/** The user ids holding a role on the incident. */
export function roleHolder(incident: Incident, role: Role): string | null {
  return role === 'commander' ? incident.commanderId : role === 'comms' ? incident.commsId : incident.scribeId;
}

/** The people an incident names: its reporter and its role holders. */
export function namedPeople(incident: Pick<Incident, 'reporterId' | 'commanderId' | 'commsId' | 'scribeId'>): string[] {
  return [incident.reporterId, incident.commanderId, incident.commsId, incident.scribeId].filter((u): u is string => typeof u === 'string' && u !== '');
}

/** Who may see a private incident's details without being a responder (besides those given work on it). */
export function isParticipant(incident: Incident, userId: string): boolean {
  return namedPeople(incident).includes(userId);
}
