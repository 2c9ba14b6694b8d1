// Changing an incident: status, severity, roles. Each locks the incident row, applies the change and appends its
// event in the same transaction.
import { AppError } from '../../shared/errors.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { appendEvent } from '../timeline/queries.js';
import { authorizeOnLocked } from '../access/authorize.js';
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
import { incidentByRefOrChannel } from './lookup.js';
import { mergeTarget } from './merge.js';
import { updateIncident } from './queries.js';
import { checkText, MAX_NOTE } from './text-rules.js';
import { requireReviewBeforeClosing } from '../reviews/closing.js';
import { redactFor, type SafeText } from '../redaction/apply.js';
import { noticeChange, noticeEscalation, noticeGiven } from '../outbox/incident-notices.js';
import { noticeVerdict } from '../outbox/verdict.js';
import { tellMailReporters } from '../phishing/reporters.js';
import { noticeArchiveAhead, noticeUnarchive } from '../archive/notice.js';
import { followIncident } from '../reminders/track.js';
import { noticeRefresh } from '../outbox/card-refresh.js';

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

/**
 * Moves an incident (named, or the one whose channel the request came from) to a new status; `merged` takes the
 * target incident as the first word of the note.
 */
export async function changeStatus(deps: CoreDeps, actor: Actor, ref: string | undefined, statusText: string, noteText = ''): Promise<Changed> {
  const to = parseStatus(statusText);
  // A status note is a note: secrets in it are redacted before it is stored, and the event says which kinds.
  const { text: redactedNote, found: redacted } = redactFor(deps, checkText(noteText, 'note', MAX_NOTE));
  let note = redactedNote;
  // Responders and the incident's commander; the commander is checked under the lock below.
  const allowedOn = await authorizeOnLocked(deps, actor, to === 'closed' ? 'incident.close' : 'incident.status');
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const before = await incidentByRefOrChannel(tx, ref, actor.channelId, { forUpdate: true });
    allowedOn(before);
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
    // Resolving, closing, declining or merging ends the reminders in this transaction; any other status is an update.
    await followIncident(tx, deps, incident, 'updated', actor.id, now);
    const change = { kind: 'status' as const, from: before.status, to, ...(note ? { note } : {}), ...(mergedInto ? { mergedInto } : {}) };
    // The channel comes back before the reopening is posted in it (same lane, in order); the archive notice follows the closing post.
    const notices = [
      ...(await noticeUnarchive(tx, { before, now })),
      ...(await noticeChange(tx, { incident, event, by: actor.id, change, now })),
      ...(await noticeArchiveAhead(tx, { incident, archiveAfterMs: deps.archiveAfterMs, now })),
      ...(event ? await noticeVerdict(tx, { incident, event, by: actor.id, to, ...(note ? { note } : {}), now }) : []),
    ];
    // People who reported mails into it hear the verdict too (by email, or in Slack when their address is a Slack user's).
    if (event) await tellMailReporters(tx, deps, { incident, event, by: actor.id, to, ...(note ? { note } : {}), now });
    await noticeRefresh(tx, { incident, event, now });
    return { before, incident, notices, ...(note ? { note } : {}), ...(redacted.length > 0 ? { redacted } : {}) };
  });
}

/**
 * Sets the severity. Setting the current severity again is refused, so the timeline holds only real changes. A raise
 * to sev1 or sev2 is also announced where the declaration was, in the same transaction.
 */
export async function changeSeverity(deps: CoreDeps, actor: Actor, ref: string | undefined, severityText: string): Promise<Changed> {
  const severity = parseSeverity(severityText);
  const allowedOn = await authorizeOnLocked(deps, actor, 'incident.severity');
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const before = await incidentByRefOrChannel(tx, ref, actor.channelId, { forUpdate: true });
    allowedOn(before);
    if (before.severity === severity) throw new AppError('invalid_input', `${before.ref} is already ${severity}.`);
    const incident = await updateIncident(tx, before.id, { severity, updatedAt: now });
    const event = await appendEvent(
      tx,
      before.id,
      { kind: 'severity_changed', actor: actor.id, source: actor.source, payload: { from: before.severity, to: severity } },
      now,
    );
    await followIncident(tx, deps, incident, 'changed', actor.id, now);
    const notices = [
      ...(await noticeChange(tx, { incident, event, by: actor.id, change: { kind: 'severity', from: before.severity, to: severity }, now })),
      ...(await noticeEscalation(tx, { incident, event, by: actor.id, from: before.severity, announceChannel: deps.announceChannel, now })),
    ];
    await noticeRefresh(tx, { incident, event, now });
    return { before, incident, notices };
  });
}

/**
 * Gives a role (commander, comms, scribe) to a user, who then takes part in the incident: they are invited to its
 * channel and told by direct message, both through the outbox in the same transaction.
 */
export async function assignRole(deps: CoreDeps, actor: Actor, ref: string | undefined, roleText: string, userId: string): Promise<Changed & { role: Role }> {
  const role = parseRole(roleText);
  if (!/^[UW][A-Z0-9]{2,}$/.test(userId)) {
    throw new AppError('invalid_input', `Name the person with an @mention, e.g. \`/incident assign ${ref ? `${ref} ` : ''}${role} @alice\`.`);
  }
  const allowedOn = await authorizeOnLocked(deps, actor, 'incident.assign');
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const before = await incidentByRefOrChannel(tx, ref, actor.channelId, { forUpdate: true });
    allowedOn(before);
    const from = roleHolder(before, role);
    if (from === userId) throw new AppError('invalid_input', `That person is already ${role} of ${before.ref}.`);
    const incident = await updateIncident(tx, before.id, { [ROLE_COLUMN[role]]: userId, updatedAt: now });
    const event = await appendEvent(
      tx,
      before.id,
      { kind: 'role_assigned', actor: actor.id, source: actor.source, payload: { role, from, to: userId } },
      now,
    );
    await followIncident(tx, deps, incident, 'changed', actor.id, now);
    // The invite goes first in the channel's lane, so the assignee is there when the post about them lands.
    const notices = [
      ...(await noticeGiven(tx, { incident, event, by: actor.id, userId, given: { kind: 'role', role }, now })),
      ...(await noticeChange(tx, { incident, event, by: actor.id, change: { kind: 'role', role, from, to: userId }, now })),
    ];
    await noticeRefresh(tx, { incident, event, now });
    return { before, incident, role, notices };
  });
}

/** Clears a role; allowed to the same people as assigning it. The former holder stays in the channel. */
export async function unassignRole(deps: CoreDeps, actor: Actor, ref: string | undefined, roleText: string): Promise<Changed & { role: Role; from: string }> {
  const role = parseRole(roleText);
  const allowedOn = await authorizeOnLocked(deps, actor, 'incident.unassign');
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const before = await incidentByRefOrChannel(tx, ref, actor.channelId, { forUpdate: true });
    allowedOn(before);
    const from = roleHolder(before, role);
    if (!from) throw new AppError('invalid_input', `${before.ref} has no ${role} to unassign.`);
    const incident = await updateIncident(tx, before.id, { [ROLE_COLUMN[role]]: null, updatedAt: now });
    const event = await appendEvent(tx, before.id, { kind: 'role_unassigned', actor: actor.id, source: actor.source, payload: { role, from } }, now);
    await followIncident(tx, deps, incident, 'changed', actor.id, now);
    const notices = await noticeChange(tx, { incident, event, by: actor.id, change: { kind: 'unassigned', role, from }, now });
    await noticeRefresh(tx, { incident, event, now });
    return { before, incident, role, from, notices };
  });
}

const ROLE_COLUMN = { commander: 'commanderId', comms: 'commsId', scribe: 'scribeId' } as const satisfies Record<Role, keyof Incident>;
