// Settling a delivery attempt. Whatever happens in Slack, the outcome is written in one transaction with the timeline
// event it means for the incident (members_invited, slack_call_failed, channel_archived, a set-up's channel_created and its
// rule, a rule's group commander), so the timeline and the outbox never disagree.
import { inTransaction, type CoreDeps } from '../context.js';
import { findById } from '../incidents/queries.js';
import { appendEvent } from '../timeline/queries.js';
import type { NewEvent } from '../timeline/events.js';
import { actionOf, type NotificationPayloads } from './notifications.js';
import { afterGroupInvite, applyRule } from '../rules/apply.js';
import { afterChannelSetup } from './channel-setup.js';
import { defer, markDelivered, markFailed, reschedule, type OutboxRow } from './queries.js';
import type { AttemptOutcome } from './deps.js';

/** What settling did: false when the lease had been lost to another worker (nothing was written). */
export async function settleAttempt(
  deps: Pick<CoreDeps, 'db' | 'clock'> & Partial<Pick<CoreDeps, 'redactPatterns' | 'playbooks' | 'reminders'>>,
  row: OutboxRow,
  worker: string,
  outcome: AttemptOutcome,
): Promise<boolean> {
  const now = deps.clock.now();
  // What is written here is Rampart's and Slack's (errors, user ids), never a person's words: the built-in detectors
  // are enough when the worker was not given REDACT_PATTERNS.
  return inTransaction({ db: deps.db, redactPatterns: deps.redactPatterns ?? [] }, async (tx) => {
    // Lock the incident first: timeline appends are serialised by that lock (see appendEvent).
    const incident = row.incidentId !== null ? await findById(tx, row.incidentId, { forUpdate: true }) : undefined;
    let settled: boolean;
    let event: NewEvent | undefined;
    if (outcome.kind === 'delivered') {
      settled = await markDelivered(tx, { id: row.id, worker, now, result: outcome.result });
      if (outcome.invited?.length) event = { kind: 'members_invited', actor: 'rampart', source: 'system', payload: { users: outcome.invited } };
      if (row.kind === 'channel_archived' || row.kind === 'channel_unarchived') event = { kind: row.kind, actor: 'rampart', source: 'system', payload: { channelId: row.lane } };
    } else if (outcome.kind === 'deferred') {
      // Held back by pacing or refused outright: nothing went wrong that the timeline should tell.
      settled = await defer(tx, { id: row.id, worker, at: outcome.at, giveBack: outcome.nothingSent, ...(outcome.error ? { error: outcome.error } : {}) });
    } else if (outcome.kind === 'retry') {
      settled = await reschedule(tx, { id: row.id, worker, at: outcome.at, error: outcome.error });
      // Only the first failure goes on the timeline: it says Slack was in trouble without one line per retry.
      if (row.attempts === 1) event = failedEvent(row, `${outcome.error} (will retry)`);
    } else {
      settled = await markFailed(tx, { id: row.id, worker, now, error: outcome.error });
      event = failedEvent(row, outcome.error);
    }
    if (settled && event && incident) await appendEvent(tx, incident.id, event, now);
    if (settled && incident) await afterChannelSetup(tx, row, incident, outcome, now);
    // The declaration's rule, once its channel exists: after the intro in the channel's lane, so the rule's invites and
    // its commander's post follow the first message. Here rather than in channel-setup.ts, which the notices import.
    const rule = row.kind === 'channel_setup' ? (row.payload as unknown as NotificationPayloads['channel_setup']).rule : undefined;
    if (settled && incident && rule && outcome.kind === 'delivered') {
      const current = await findById(tx, incident.id);
      if (current?.channelId) await applyRule(tx, { incident: current, rule, ...(deps.playbooks ? { playbooks: deps.playbooks } : {}), ...(deps.reminders ? { reminders: deps.reminders } : {}), now });
    }
    if (settled && incident && row.kind === 'usergroup_invited' && outcome.kind === 'delivered') {
      const members = Array.isArray(outcome.result.members) ? outcome.result.members.map(String) : [];
      // Re-read: the event appended above may not change the row, but the commander must be checked as it is now.
      const current = (await findById(tx, incident.id)) ?? incident;
      await afterGroupInvite(tx, { incident: current, payload: row.payload as unknown as NotificationPayloads['usergroup_invited'], members, ...(deps.reminders ? { reminders: deps.reminders } : {}), now });
    }
    return settled;
  });
}

function failedEvent(row: OutboxRow, error: string): NewEvent {
  return { kind: 'slack_call_failed', actor: 'rampart', source: 'system', payload: { action: actionOf(row), error } };
}
