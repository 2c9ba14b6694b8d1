// Changing an incident: status, severity, roles. Each locks the incident row, applies the change and appends its
// event in the same transaction.
import { AppError } from '../errors.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { appendEvent } from '../timeline/queries.js';
import { requireResponder } from './access.js';
import { isAllowed, refuse } from '../access/authorize.js';
import { RULES } from '../access/rules.js';
import {
  assertTransition,
  parseRole,
  parseSeverity,
  parseStatus,
  phaseTimestamps,
  roleHolder,
  type Incident,
  type Role,
} from './incident.js';
import { incidentByRef } from './lookup.js';
import { mergeTarget } from './merge.js';
import { updateIncident } from './queries.js';
import { checkText, MAX_NOTE } from './text-rules.js';
import { requireReviewBeforeClosing } from '../reviews/closing.js';
import { redactFor, type SafeText } from '../redaction/apply.js';
import { noticeChange, noticeEscalation, noticeInvite } from '../outbox/incident-notices.js';

/** The result of a change: the incident before and after. */
export interface Changed {
  before: Incident;
  incident: Incident;
  /** Outbox keys of what Slack is to be told (committed with the change; see src/core/outbox). */
  notices: string[];
  /** A status change's note as stored (redacted): what replies may quote. */
  note?: SafeText;
  /** Kinds of secret redacted from the note. */
  redacted?: string[];
}

/** Moves an incident to a new status; `merged` takes the target incident as the first word of the note. */
export async function changeStatus(deps: CoreDeps, actor: Actor, ref: string, statusText: string, noteText = ''): Promise<Changed> {
  const to = parseStatus(statusText);
  // A status note is a note: secrets in it are redacted before it is stored, and the event says which kinds.
  const { text: redactedNote, found: redacted } = redactFor(deps, checkText(noteText, 'note', MAX_NOTE));
  let note = redactedNote;
  // Responders may make any change; an incident's commander may also close it, which is checked under the lock
  // below (the responder check may ask Slack, so it runs before any row is locked).
  const responder = await isAllowed(deps, actor, RULES['incident.status']);
  if (!responder && to !== 'closed') refuse(deps, actor, 'incident.status');
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const before = await incidentByRef(tx, ref, { forUpdate: true });
    if (!responder && !(await isAllowed(deps, actor, RULES['incident.close'], before))) refuse(deps, actor, 'incident.close', before);
    assertTransition(before.ref, before.status, to);
    // Declining ends a report without a response: the timeline must say why (a false positive, a duplicate, ...).
    if (to === 'declined' && note === '') throw new AppError('invalid_input', `Say why ${before.ref} is declined: \`/incident status ${before.ref} declined <why>\`.`);
    // Checked under the row lock, so a review saved in the meantime counts and nothing is closed without one.
    if (to === 'closed') await requireReviewBeforeClosing(tx, before, deps.reviewRequired);
    let mergedIntoId: number | undefined;
    let mergedInto: string | undefined;
    if (to === 'merged') {
      const target = await mergeTarget(tx, deps, actor, before, note);
      mergedIntoId = target.into.id;
      mergedInto = target.into.ref;
      note = redactFor(deps, target.note).text;
    }
    const incident = await updateIncident(tx, before.id, {
      status: to,
      ...phaseTimestamps(before, to, now),
      ...(mergedIntoId !== undefined ? { mergedIntoId } : {}),
      updatedAt: now,
    });
    const event = await appendEvent(
      tx,
      before.id,
      {
        kind: 'status_changed',
        actor: actor.id,
        source: actor.source,
        payload: { from: before.status, to, ...(note ? { note } : {}), ...(mergedInto ? { mergedInto } : {}), ...(redacted.length > 0 ? { redacted } : {}) },
      },
      now,
    );
    const change = { kind: 'status' as const, from: before.status, to, ...(note ? { note } : {}), ...(mergedInto ? { mergedInto } : {}) };
    const notices = await noticeChange(tx, { incident, event, by: actor.id, change, now });
    return { before, incident, notices, ...(note ? { note } : {}), ...(redacted.length > 0 ? { redacted } : {}) };
  });
}

/**
 * Sets the severity. Setting the current severity again is refused, so the timeline holds only real changes. A raise
 * to sev1 or sev2 is also announced where the declaration was, in the same transaction.
 */
export async function changeSeverity(deps: CoreDeps, actor: Actor, ref: string, severityText: string): Promise<Changed> {
  const severity = parseSeverity(severityText);
  await requireResponder(deps, actor, 'incident.severity');
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const before = await incidentByRef(tx, ref, { forUpdate: true });
    if (before.severity === severity) throw new AppError('invalid_input', `${before.ref} is already ${severity}.`);
    const incident = await updateIncident(tx, before.id, { severity, updatedAt: now });
    const event = await appendEvent(
      tx,
      before.id,
      { kind: 'severity_changed', actor: actor.id, source: actor.source, payload: { from: before.severity, to: severity } },
      now,
    );
    const notices = [
      ...(await noticeChange(tx, { incident, event, by: actor.id, change: { kind: 'severity', from: before.severity, to: severity }, now })),
      ...(await noticeEscalation(tx, { incident, event, by: actor.id, from: before.severity, announceChannel: deps.announceChannel, now })),
    ];
    return { before, incident, notices };
  });
}

/** Gives a role (commander, comms, scribe) to a user. */
export async function assignRole(deps: CoreDeps, actor: Actor, ref: string, roleText: string, userId: string): Promise<Changed & { role: Role }> {
  const role = parseRole(roleText);
  if (!/^[UW][A-Z0-9]{2,}$/.test(userId)) {
    throw new AppError('invalid_input', `Name the person with an @mention, e.g. \`/incident assign ${ref} ${role} @alice\`.`);
  }
  await requireResponder(deps, actor, 'incident.assign');
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const before = await incidentByRef(tx, ref, { forUpdate: true });
    const from = roleHolder(before, role);
    if (from === userId) throw new AppError('invalid_input', `That person is already ${role} of ${before.ref}.`);
    const column = role === 'commander' ? 'commanderId' : role === 'comms' ? 'commsId' : 'scribeId';
    const incident = await updateIncident(tx, before.id, { [column]: userId, updatedAt: now });
    const event = await appendEvent(
      tx,
      before.id,
      { kind: 'role_assigned', actor: actor.id, source: actor.source, payload: { role, from, to: userId } },
      now,
    );
    // The invite goes first in the channel's lane, so the assignee is there when the post about them lands.
    const notices = [
      ...(await noticeInvite(tx, { incident, event, userId, now })),
      ...(await noticeChange(tx, { incident, event, by: actor.id, change: { kind: 'role', role, from, to: userId }, now })),
    ];
    return { before, incident, role, notices };
  });
}

