// Every text and JSON column of every table either redacts what is written through it or is listed here with the
// reason it never holds a person's or a visitor's words. A new free-text column that is neither fails this test: make
// it redactedText / redactedJson in src/db/schema.ts (and pass it the redaction step's output), or add it below with
// a reason a reviewer can check.
import { getTableColumns, is, Table } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../src/db/schema.js';

/** Not free text: what each holds, and why nobody can put words of their own in it. */
const NOT_FREE_TEXT: Record<string, string> = {
  'counters.name': 'a counter name chosen by Rampart (incident)',
  'incidents.type': 'one of INCIDENT_TYPES, checked by checkType',
  'incidents.severity': 'sev1..sev4, a check constraint',
  'incidents.status': 'a status, a check constraint',
  'incidents.reporter_id': 'a Slack user id',
  'incidents.commander_id': 'a Slack user id, checked by the role parser',
  'incidents.comms_id': 'a Slack user id, checked by the role parser',
  'incidents.scribe_id': 'a Slack user id, checked by the role parser',
  'incidents.channel_id': 'a Slack channel id from conversations.create',
  'incidents.channel_name': 'the name Slack gave the channel, which Rampart made from the number and the redacted title',
  'incidents.tlp': 'one of the five TLP markings, a check constraint',
  'timeline_events.kind': 'an EventKind',
  'timeline_events.actor': 'a Slack user id, or rampart/cli',
  'timeline_events.source': 'an EventSource',
  'timeline_events.dedupe_key': 'a Slack event id or a key Rampart builds from ids',
  'timeline_events.prev_hash': 'a SHA-256 hex digest',
  'timeline_events.hash': 'a SHA-256 hex digest',
  'processed_slack_events.event_id': 'a Slack event id, or a key Rampart builds from ids',
  'accepted_slack_signatures.signature_sha256': 'the SHA-256 hex digest of a request signature Slack computed',
  'playbook_runs.playbook_id': 'the id of a playbook file',
  'playbook_runs.title': "copied from the deployment's playbook files (operators' YAML), never from Slack or the web",
  'playbook_runs.definition': "a snapshot of the deployment's playbook file, never from Slack or the web",
  'playbook_runs.started_by': 'a Slack user id',
  'playbook_steps.state': 'open/done/skipped, a check constraint',
  'playbook_steps.assignee': 'a Slack user id from a users_select',
  'playbook_steps.changed_by': 'a Slack user id',
  'playbook_messages.channel_id': 'a Slack channel id',
  'playbook_messages.ts': 'a Slack message ts',
  'awareness_slots.schedule': 'a schedule name from config',
  'awareness_slots.state': 'claimed/posted/missed/skipped, a check constraint',
  'awareness_slots.tip_id': 'a tip id (a slug)',
  'awareness_slots.reason': "Rampart's own words: why a tip was picked or a slot skipped or missed",
  'awareness_slots.claimed_by': 'a replica id Rampart makes',
  'awareness_slots.changed_by': 'a Slack user id, or rampart/cli',
  'awareness_posts.schedule': 'a schedule name from config',
  'awareness_posts.channel_id': 'a Slack channel id',
  'awareness_posts.ts': 'a Slack message ts',
  'awareness_posts.tip_id': 'a tip id (a slug)',
  'awareness_acks.channel_id': 'a Slack channel id',
  'awareness_acks.ts': 'a Slack message ts',
  'awareness_acks.user_id': 'a Slack user id',
  'slack_profiles.user_id': 'a Slack user id',
  'home_viewers.user_id': 'a Slack user id',
  'incident_reminders.kind': 'update/commander, a check constraint',
  'incident_reminders.state': 'active/snoozed/stopped/ended, a check constraint',
  'incident_reminders.changed_by': 'a Slack user id, or rampart/cli',
  'awareness_queue.tip_id': 'a tip id (a slug)',
  'awareness_queue.queued_by': 'a Slack user id, or cli',
  'awareness_queue.used_for': 'a slot key Rampart builds',
  'awareness_settings.schedule': 'a schedule name from config',
  'awareness_settings.changed_by': 'a Slack user id, or cli',
  'awareness_tips.id': 'a slug Rampart builds from the incident number',
  'awareness_tips.topics': 'incident types from config',
  'awareness_tips.created_by': 'a Slack user id',
  'followups.owner': 'a Slack user id, checked by the review schema or a users_select',
  'followups.due': 'a YYYY-MM-DD date, checked by the review schema',
  'followups.state': 'open/done/cancelled, a check constraint',
  'followups.changed_by': 'a Slack user id, or rampart/cli',
  'observables.type': 'one of OBSERVABLE_TYPES, a check constraint',
  'observables.verdict': 'malicious/suspicious/benign/unknown, a check constraint',
  'observables.origin': 'typed/scan/alert, a check constraint',
  'observables.added_by': 'a Slack user id, or rampart/cli',
  'observables.changed_by': 'a Slack user id, or rampart/cli',
  'alert_sources.token_sha256': 'the SHA-256 hex digest of a token Rampart generated',
  'alert_sources.created_by': 'a Slack user id, or cli',
  'alert_sources.revoked_by': 'a Slack user id, or cli',
  'notification_clocks.regime': 'a regime id: built in or from NOTIFICATION_REGIMES_FILE, checked at start-up',
  'notification_clocks.regime_name': 'the regime’s name, from the code or the operator’s regimes file',
  'notification_clocks.state': 'running/stopped, a check constraint',
  'notification_clocks.started_by': 'a Slack user id, or cli',
  'notification_clocks.stopped_by': 'a Slack user id, or cli',
  'clock_deadlines.deadline': 'a deadline id of the regime (code or the operator’s regimes file)',
  'clock_deadlines.label': 'a deadline’s label from the regime (code or the operator’s regimes file)',
  'clock_deadlines.notified_by': 'a Slack user id, or cli',
  'clock_reminders.deadline': 'a deadline id of the regime (code or the operator’s regimes file)',
  'clock_reminders.slot': 'a slot name Rampart builds (before-60m, overdue)',
  'clock_reminders.state': 'pending/sent/dropped, a check constraint',
  'incident_asks.user_id': 'a Slack user id from a mention, checked by askPerson',
  'incident_asks.asked_by': 'a Slack user id, or cli',
  'incident_asks.answer': 'yes/no/unsure, a check constraint',
  'incident_reviews.saved_by': 'a Slack user id',
  'slack_outbox.key': 'an idempotency key Rampart builds from ids',
  'slack_outbox.lane': 'a Slack channel id, or a lane name Rampart builds',
  'slack_outbox.kind': 'a NotificationKind',
  'slack_outbox.leased_by': 'a worker id Rampart makes',
  'slack_outbox.last_error': "Slack's error code or a network error's message",
  'slack_outbox.result': "what Slack's Web API answered (channel ids, message ts)",
  'webhooks.url': 'a URL an admin registered, checked by checkWebhookUrl (https, or http to this machine)',
  'webhooks.events': 'event type names checked against WEBHOOK_EVENTS',
  'webhooks.secret': 'the signing secret Rampart made or an admin gave (a secret, never text from Slack or the web)',
  'webhooks.created_by': 'a Slack user id, or cli',
  'outgoing_deliveries.key': 'an idempotency key Rampart builds from ids',
  'outgoing_deliveries.channel': 'webhook, pagerduty or email, a check constraint',
  'outgoing_deliveries.target': 'a webhook id, or default',
  'outgoing_deliveries.lane': 'a lane name Rampart builds from ids',
  'outgoing_deliveries.event': 'a webhook event type or a PagerDuty event action',
  'outgoing_deliveries.leased_by': 'a worker id Rampart makes',
  'outgoing_deliveries.last_error': "an HTTP status with the start of the receiver's answer, or a network error's message",
  'delivery_attempts.error': "an HTTP status with the start of the receiver's answer, or a network error's message",
  'delivery_attempts.worker': 'a worker id Rampart makes',
  'decoys.kind': 'url/document/credential, a check constraint',
  'decoys.token': 'random bytes Rampart makes (the decoy itself: redacting it would disarm it)',
  'decoys.created_by': 'a Slack user id, or cli',
  'decoys.retired_by': 'a Slack user id, or cli',
  'decoy_hits.via': 'url/slack',
  'evidence_items.sha256': 'a SHA-256 hex digest, a check constraint',
  'evidence_items.collected_zone': 'an IANA zone name, checked by luxon',
  'evidence_items.tlp': 'a TLP 2.0 marking, a check constraint',
  'evidence_items.added_by': 'a Slack user id, or cli',
  'oob_plan_acks.user_id': 'a Slack user id',
  'oob_plan_acks.version': 'a plan version: hex digits of a SHA-256',
  'oob_plan_posts.version': 'a plan version: hex digits of a SHA-256',
  'reported_mails.mailbox': 'a mailbox name Rampart builds from MAIL_IMAP_USER, _HOST and _MAILBOX (config), or the sandbox folder',
  'reported_mails.message_key': 'a SHA-256 hex digest Rampart computes (of the Message-ID, or of the bytes)',
  'reported_mails.uid_key': 'the IMAP UIDVALIDITY:UID (numbers), or a file name the sandbox makes',
  'reported_mails.state': 'handled/rejected, a check constraint',
  'reported_mails.evidence_sha256': 'a SHA-256 hex digest, a check constraint',
  'reported_mails.reporter_slack_id': 'a Slack user id that users.lookupByEmail returned',
  'reported_mail_keys.kind': 'sender/url/subject, a check constraint',
};

const SECRET = 'xoxb-1234567890-abcdefghijklmnop';

const tables = Object.values(schema as Record<string, unknown>).filter((v): v is PgTable => is(v, Table));

/** Every text-like and JSON column (by SQL type), as table.column. */
function textColumns(): { name: string; column: PgColumn }[] {
  return tables.flatMap((table) => {
    const { name } = getTableConfig(table);
    return Object.values(getTableColumns(table))
      .filter((c) => /^(text|varchar|char|character|json|jsonb)\b/i.test(c.getSQLType()))
      .map((column) => ({ name: `${name}.${column.name}`, column }));
  });
}

/** Whether writing a secret through the column's driver mapping stores it redacted. */
function redactsOnWrite(column: PgColumn): boolean {
  const probe = column.getSQLType().startsWith('json') ? { nested: [{ text: `see ${SECRET}` }] } : `see ${SECRET}`;
  const stored = column.mapToDriverValue(probe as never);
  const text = typeof stored === 'string' ? stored : JSON.stringify(stored);
  return !text.includes(SECRET) && text.includes('[redacted: slack-token]');
}

describe('free-text columns', () => {
  it('finds the tables and their text and JSON columns', () => {
    expect(tables.length).toBeGreaterThanOrEqual(14);
    expect(textColumns().map((c) => c.name)).toEqual(expect.arrayContaining(['incidents.title', 'incident_reviews.action_items', 'decoy_hits.detail']));
  });

  it('every text and JSON column redacts on write, or is listed with the reason it holds no free text', () => {
    const unaccounted = textColumns()
      .filter(({ name, column }) => !redactsOnWrite(column) && !(name in NOT_FREE_TEXT))
      .map((c) => c.name);
    expect(unaccounted).toEqual([]);
  });

  it('the list names no redacted column and no column that does not exist (it is kept honest)', () => {
    const columns = new Map(textColumns().map((c) => [c.name, c.column]));
    const stale = Object.keys(NOT_FREE_TEXT).filter((name) => !columns.has(name) || redactsOnWrite(columns.get(name)!));
    expect(stale).toEqual([]);
  });

  it('the redacted columns are the ones people and visitors write', () => {
    const redacted = textColumns()
      .filter((c) => redactsOnWrite(c.column))
      .map((c) => c.name)
      .sort();
    expect(redacted).toEqual(
      [
        'clock_deadlines.notified_to',
        'clock_deadlines.reference',
        'decoy_hits.detail',
        'decoy_hits.source',
        'decoys.name',
        'decoys.note',
        'evidence_items.collected_by',
        'evidence_items.description',
        'evidence_items.holder',
        'evidence_items.location',
        'followups.text',
        'incident_asks.question',
        'incident_reviews.action_items',
        'incident_reviews.impact',
        'incident_reviews.lessons',
        'incident_reviews.root_cause',
        'incident_reviews.summary',
        'incident_reviews.went_well',
        'incident_reviews.went_wrong',
        'incidents.description',
        'incidents.title',
        'observables.value',
        'notification_clocks.backdate_reason',
        'notification_clocks.stop_reason',
        'notification_clocks.why',
        'playbook_steps.note',
        'reported_mail_keys.value',
        'reported_mails.original_message_id',
        'reported_mails.reason',
        'reported_mails.report_message_id',
        'reported_mails.reporter',
        'awareness_tips.body',
        'awareness_tips.do',
        'awareness_tips.dont',
        'awareness_tips.title',
        'slack_outbox.payload',
        'outgoing_deliveries.payload',
        'slack_profiles.name',
        'slack_profiles.real_name',
        'timeline_events.payload',
        'alert_sources.name',
        'alert_dedupe_keys.key',
        'alerts.dedupe_key',
        'alerts.payload',
      ].sort(),
    );
  });

  it('a redacted column leaves already-redacted text as it is, so the timeline hash covers what is stored', () => {
    const title = schema.incidents.title;
    const once = title.mapToDriverValue(`token ${SECRET}` as never) as string;
    expect(title.mapToDriverValue(once as never)).toBe(once);
  });
});
