// Recording on an incident's timeline without changing its state: notes, copied Slack messages, corrections, and what
// happened on the Slack side (channel created, invites, failed calls). Reading the timeline is in read.ts.
import { processedSlackEvents } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { requireVisible } from '../incidents/access.js';
import type { Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { findByChannel, findById, updateIncident } from '../incidents/queries.js';
import { checkText, MAX_NOTE } from '../incidents/text-rules.js';
import { slackTsToDate, type SlackMessageRef, type TimelineEvent } from './events.js';
import { appendEvent, findEvent } from './queries.js';
import { parseNoteTime } from './occurred-at.js';
import { redactedField, redactFor, redactMessage } from '../redaction/apply.js';
import { followIncident } from '../reminders/track.js';
import { noticeCardRefresh } from '../outbox/card-refresh.js';
import { offerObservables } from '../observables/offer.js';
import { incidentTlp } from '../tlp/marking.js';
import { requireNotLooser, splitNoteMarking } from '../tlp/note-marking.js';
import { parseTlp, type Tlp } from '../tlp/tlp.js';

/**
 * Adds a note, optionally marked with a leading `TLP:RED` (or `opts.tlp`, from a form), then optionally back-dated
 * with a leading `at 14:05` / `at <ISO>`. Ref may be omitted in an incident channel. A marking looser than the
 * incident's is refused. Secrets are redacted before anything is stored; the event's `redacted` says which kinds were removed.
 */
export async function addNote(
  deps: CoreDeps,
  actor: Actor,
  ref: string | undefined,
  rawText: string,
  opts: { lesson?: boolean; tlp?: Tlp } = {},
): Promise<{ incident: Incident; event: TimelineEvent }> {
  const now = deps.clock.now();
  const marked = opts.tlp ? { tlp: opts.tlp, text: rawText } : splitNoteMarking(rawText);
  const { text, occurredAt } = parseNoteTime(marked.text, now, deps.timezone);
  const checked = redactFor(deps, checkText(text, 'note', MAX_NOTE, true));
  return inTransaction(deps, async (tx) => {
    const incident = await incidentByRefOrChannel(tx, ref, actor.channelId, { forUpdate: true });
    await requireVisible({ ...deps, db: tx }, actor, incident, 'incident.note');
    if (marked.tlp) requireNotLooser(incident.ref, marked.tlp, incidentTlp(incident));
    const event = await appendEvent(
      tx,
      incident.id,
      {
        kind: 'note_added',
        actor: actor.id,
        source: actor.source,
        payload: {
          text: checked.text,
          ...(opts.lesson ? { lesson: true as const } : {}),
          ...redactedField(checked.found),
          ...(marked.tlp ? { tlp: marked.tlp } : {}),
        },
        ...(occurredAt ? { occurredAt } : {}),
      },
      now,
    );
    // A note is an update: the update reminder counts again from now.
    await followIncident(tx, deps, incident, 'updated', actor.id, now);
    // The card shows when the next update is due, which the note just moved.
    await noticeCardRefresh(tx, { incident, event: event ?? null, now });
    return { incident, event: event! };
  });
}

/** Records a correction to an earlier event: a new event pointing at it (the timeline itself is never edited). */
export async function addCorrection(deps: CoreDeps, actor: Actor, ref: string | undefined, seq: number, rawText: string) {
  const { text, found } = redactFor(deps, checkText(rawText, 'correction', MAX_NOTE, true));
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const incident = await incidentByRefOrChannel(tx, ref, actor.channelId, { forUpdate: true });
    await requireVisible({ ...deps, db: tx }, actor, incident, 'incident.correct');
    const target = await findEvent(tx, incident.id, seq);
    if (!target) throw new AppError('invalid_input', `${incident.ref} has no event #${seq}. \`/incident show ${incident.ref}\` lists them.`);
    // A correction speaks of what it corrects: it goes no further than a marked note does.
    const tlp = typeof target.payload.tlp === 'string' ? parseTlp(target.payload.tlp) : undefined;
    const event = await appendEvent(
      tx,
      incident.id,
      {
        kind: 'correction',
        actor: actor.id,
        source: actor.source,
        payload: { text, ...redactedField(found), ...(tlp ? { tlp } : {}) },
        correctsSeq: seq,
        occurredAt: target.occurredAt,
      },
      now,
    );
    return { incident, event: event! };
  });
}

/**
 * Copies a Slack message from an incident channel into its timeline, once: the Slack event id is claimed in the
 * same transaction (so a retried delivery adds nothing), and the dedupe key is the message itself (so a 📌 and a
 * pin of the same message add one event). The text is stored redacted. Returns null when there is nothing new to record.
 */
export async function recordSlackMessage(
  deps: CoreDeps,
  actor: Actor,
  original: SlackMessageRef,
  via: 'reaction' | 'pin',
  eventId?: string,
): Promise<{ incident: Incident; event: TimelineEvent } | null> {
  const now = deps.clock.now();
  const { message, found } = redactMessage(deps, original);
  return inTransaction(deps, async (tx) => {
    const incident = await findByChannel(tx, message.channel, { forUpdate: true });
    if (!incident) return null;
    if (eventId) {
      const claimed = await tx.insert(processedSlackEvents).values({ eventId, receivedAt: now }).onConflictDoNothing().returning();
      if (claimed.length === 0) return null;
    }
    const event = await appendEvent(
      tx,
      incident.id,
      {
        kind: 'message_pinned',
        actor: actor.id,
        source: actor.source,
        payload: { ...message, via, ...(eventId ? { eventId } : {}), ...redactedField(found) },
        occurredAt: slackTsToDate(message.ts) ?? now,
        dedupeKey: `slack-message:${message.channel}:${message.ts}`,
      },
      now,
    );
    if (event) await offerObservables(tx, { incident, event, userId: actor.id, text: message.text, now });
    return event ? { incident, event } : null;
  });
}

/** Records that the incident's Slack channel exists; the channel id is stored on the incident. */
export async function attachChannel(deps: CoreDeps, incidentId: number, channel: { id: string; name: string; private: boolean }): Promise<Incident> {
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const before = await findById(tx, incidentId, { forUpdate: true });
    if (!before) throw new AppError('unknown_incident', `Incident ${incidentId} vanished.`);
    const incident = await updateIncident(tx, incidentId, { channelId: channel.id, channelName: channel.name, updatedAt: now });
    await appendEvent(
      tx,
      incidentId,
      { kind: 'channel_created', actor: 'rampart', source: 'system', payload: { channelId: channel.id, name: channel.name, private: channel.private } },
      now,
    );
    return incident;
  });
}

/** Records a Slack-side fact about an incident: people invited, or a Slack call that failed. */
export async function recordSlackOutcome(
  deps: CoreDeps,
  incidentId: number,
  outcome: { kind: 'members_invited'; users: string[] } | { kind: 'slack_call_failed'; action: string; error: string },
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps, async (tx) => {
    const incident = await findById(tx, incidentId, { forUpdate: true });
    if (!incident) return;
    await appendEvent(
      tx,
      incidentId,
      outcome.kind === 'members_invited'
        ? { kind: 'members_invited', actor: 'rampart', source: 'system', payload: { users: outcome.users } }
        : { kind: 'slack_call_failed', actor: 'rampart', source: 'system', payload: { action: outcome.action, error: outcome.error } },
      now,
    );
  });
}
