// GET /metrics on the running bot (issue 18): the real bot with its metrics listener on a free port, driven by the
// Slack emulator's signed requests, scraped over HTTP like Prometheus does. Counters are compared before and after
// what a test does (they live as long as the bot, across tests); the database figures are compared with the tables.
import { and, count, isNull } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { awarenessSlots, slackOutbox } from '../../src/db/schema.js';
import { payloadTeam, payloadUser, slashCommandForm } from '../../src/sandbox/emulator/payloads.js';
import { CLI } from '../support/slack-state.js';
import { useTestBot } from '../support/slack.js';
import { hasSeries, scrape, valueOf, type Sample } from './prometheus-text.js';

// A Monday, 08:00:30 UTC: the weekly digest's default slot (DIGEST_CRON 0 8 * * 1) is due.
const MONDAY_8AM = Date.parse('2026-11-30T08:00:30Z');
let now = MONDAY_8AM;
const bot = useTestBot({ now: () => now, env: { METRICS_PORT: '0' } });
beforeEach(() => {
  now = MONDAY_8AM;
});

const metrics = () => scrape(bot.rampart.metricsUrl!);

/** How much each of these series moved while `act` ran. */
async function deltas(series: readonly [string, Record<string, string>][], act: () => Promise<void>): Promise<number[]> {
  const before = await metrics();
  await act();
  const after = await metrics();
  return series.map(([name, labels]) => valueOf(after, name, labels) - valueOf(before, name, labels));
}

/** A slash command form as Slack sends it, with some fields changed (another workspace, a field missing). */
function commandForm(change: (form: URLSearchParams) => void): string {
  const form = new URLSearchParams(slashCommandForm({ user: bot.lead, channel: bot.general, command: '/incident', text: 'help', responseUrl: `${bot.emu.apiUrl}respond`, triggerId: 'trigger-1' }));
  change(form);
  return form.toString();
}

describe('GET /metrics', () => {
  it('answers in the exposition format on its own listener, with the default process metrics, and nothing else', async () => {
    expect(bot.rampart.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(bot.rampart.metricsUrl!).port).not.toBe(new URL(bot.rampart.url).port);
    const samples = await metrics();
    expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(hasSeries(samples, 'nodejs_eventloop_lag_seconds')).toBe(true);
    expect(valueOf(samples, 'rampart_database_up')).toBe(1);
    // The start-up token check went through the counted fetch.
    expect(valueOf(samples, 'rampart_slack_api_calls_total', { method: 'auth.test', outcome: 'ok' })).toBeGreaterThanOrEqual(1);

    const base = new URL(bot.rampart.metricsUrl!);
    expect((await fetch(new URL('/', base))).status).toBe(404);
    expect((await fetch(new URL('/metrics/x', base))).status).toBe(404);
    expect((await fetch(base, { method: 'POST', body: '' })).status).toBe(404);
    // The Slack server does not serve it.
    expect((await fetch(`${bot.rampart.url}/metrics`)).status).toBe(404);
  });

  it('counts Slack requests by kind and outcome, and times each ack', async () => {
    const series: [string, Record<string, string>][] = [
      ['rampart_slack_requests_received_total', { kind: 'command' }],
      ['rampart_slack_acks_total', { kind: 'command', outcome: 'handled' }],
      ['rampart_slack_acks_total', { kind: 'command', outcome: 'foreign' }],
      ['rampart_slack_acks_total', { kind: 'command', outcome: 'malformed' }],
      ['rampart_slack_acks_total', { kind: 'action', outcome: 'unhandled' }],
      ['rampart_slack_ack_duration_seconds_count', { kind: 'command' }],
      ['rampart_slack_ack_duration_seconds_count', { kind: 'action' }],
      ['rampart_slack_requests_received_total', { kind: 'view_submission' }],
      ['rampart_slack_acks_total', { kind: 'view_submission', outcome: 'handled' }],
    ];
    const moved = await deltas(series, async () => {
      expect((await bot.incident('help')).status).toBe(200);
      // Another workspace's command, and one without its trigger_id: acked, nothing done.
      const foreign = await bot.emu.sendRaw({ body: commandForm((f) => f.set('team_id', 'T0ELSEWHERE')), contentType: 'application/x-www-form-urlencoded' });
      expect((foreign.json as { text: string }).text).toMatch(/another Slack workspace/);
      await bot.emu.sendRaw({ body: commandForm((f) => f.delete('trigger_id')), contentType: 'application/x-www-form-urlencoded' });
      // A button no listener of ours owns (another app's message): acked by the ack rules.
      const click = { type: 'block_actions', user: payloadUser(bot.lead), api_app_id: bot.emu.appId, team: payloadTeam(), trigger_id: 'trigger-2', actions: [{ type: 'button', action_id: 'not_rampart', block_id: 'b', action_ts: '1' }] };
      expect((await bot.emu.sendRaw({ body: new URLSearchParams({ payload: JSON.stringify(click) }).toString(), contentType: 'application/x-www-form-urlencoded' })).status).toBe(200);
      // The declare form: a command that opens a modal, then its submission.
      await bot.incident('declare');
      await bot.emu.submitView({ user: bot.lead.id, values: { Title: 'Phishing wave', Type: 'phishing', Severity: 'sev2' } });
      await bot.rampart.idle();
    });
    expect(moved).toEqual([4, 2, 1, 1, 1, 4, 1, 1, 1]);
    const samples = await metrics();
    // Every ack here was well inside Slack's 3 s: all observations sit in the 3 s bucket.
    expect(valueOf(samples, 'rampart_slack_ack_duration_seconds_bucket', { kind: 'command', le: '3' })).toBe(valueOf(samples, 'rampart_slack_ack_duration_seconds_count', { kind: 'command' }));
    // The modal was opened with Bolt's own client, which counts through the same fetch.
    expect(valueOf(samples, 'rampart_slack_api_calls_total', { method: 'views.open', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    // Labels are fixed words: nothing from the requests' text became a series.
    expect(samples.filter((s) => s.name.startsWith('rampart_slack_a') && JSON.stringify(s.labels).includes('not_rampart'))).toEqual([]);
  });

  it('counts the requests the request gate refuses, by reason, and none of them as received', async () => {
    const body = JSON.stringify({ type: 'event_callback', event: { type: 'app_mention' } });
    const series: [string, Record<string, string>][] = [
      ['rampart_slack_requests_refused_total', { reason: 'bad_signature' }],
      ['rampart_slack_requests_refused_total', { reason: 'stale' }],
      ['rampart_slack_requests_refused_total', { reason: 'replayed' }],
      ['rampart_slack_requests_refused_total', { reason: 'not_object' }],
      ['rampart_slack_requests_received_total', {}],
    ];
    const moved = await deltas(series, async () => {
      expect((await bot.emu.sendRaw({ body, contentType: 'application/json', signature: 'v0=0000' })).status).toBe(401);
      expect((await bot.emu.sendRaw({ body, contentType: 'application/json', timestampSeconds: Math.floor(now / 1000) - 600 })).status).toBe(401);
      expect((await bot.emu.sendRaw({ body: 'null', contentType: 'application/json' })).status).toBe(400);
      // The same signed request twice (same timestamp, same body): the second is a replay.
      const timestampSeconds = Math.floor(now / 1000) - 1;
      const tick = JSON.stringify({ type: 'event_callback', event: { type: 'tick' }, authorizations: [] });
      await bot.emu.sendRaw({ body: tick, contentType: 'application/json', timestampSeconds });
      expect((await bot.emu.sendRaw({ body: tick, contentType: 'application/json', timestampSeconds })).status).toBe(401);
    });
    // The one that passed the gate (the first tick) is the only one received.
    expect(moved).toEqual([1, 1, 1, 1, 1]);
  });

  it('counts Web API calls by method and outcome, 429s apart, and shows the backlog the 429 left in the outbox', async () => {
    bot.emu.injectFault({ method: 'conversations.create', kind: 'rate_limited', retryAfterSeconds: 90 });
    bot.emu.injectFault({ method: 'pins.add', kind: 'slack_error', error: 'not_pinnable' });
    const series: [string, Record<string, string>][] = [
      ['rampart_slack_api_rate_limited_total', { method: 'conversations.create' }],
      ['rampart_slack_api_calls_total', { method: 'conversations.create', outcome: 'rate_limited' }],
      ['rampart_slack_api_calls_total', { method: 'conversations.create', outcome: 'ok' }],
      ['rampart_slack_api_calls_total', { method: 'pins.add', outcome: 'not_pinnable' }],
      ['rampart_slack_api_call_duration_seconds_count', { method: 'conversations.create' }],
    ];
    let pendingAfter429: Sample[] = [];
    const moved = await deltas(series, async () => {
      await bot.incident('declare Mailbox rule exfiltrating invoices --sev1');
      expect(bot.emu.calls.filter((c) => c.status === 429).map((c) => c.method)).toEqual(['conversations.create']);
      // The set-up waits out Retry-After (90 s on the bot's clock): 30 s later it is still pending, 30 s old.
      now += 30_000;
      pendingAfter429 = await metrics();
      const [rows] = await bot.database.db.select({ n: count() }).from(slackOutbox).where(sqlPending());
      expect(valueOf(pendingAfter429, 'rampart_outbox_pending')).toBe(rows!.n);
      now += 61_000;
      await bot.rampart.idle();
    });
    expect(moved).toEqual([1, 1, 1, 1, 2]);
    expect(valueOf(pendingAfter429, 'rampart_outbox_pending')).toBeGreaterThanOrEqual(1);
    expect(valueOf(pendingAfter429, 'rampart_outbox_pending_by_kind', { kind: 'channel_setup' })).toBe(1);
    expect(valueOf(pendingAfter429, 'rampart_outbox_oldest_pending_age_seconds')).toBe(30);
    const after = await metrics();
    expect(valueOf(after, 'rampart_outbox_pending')).toBe(0);
    expect(valueOf(after, 'rampart_outbox_oldest_pending_age_seconds')).toBe(0);
    expect(hasSeries(after, 'rampart_outbox_pending_by_kind')).toBe(false);
  });

  it('reports open incidents by severity, status and drill as the database has them', async () => {
    await bot.incident('declare Ransom note on the file server --sev1');
    await bot.incident('declare Lost laptop --sev2');
    await bot.incident('declare Tabletop phishing --sev2 --drill');
    await bot.incident('declare Spam wave --sev4');
    await bot.rampart.core.changeStatus(CLI, 'INC-1', 'investigating');
    await bot.rampart.core.changeStatus(CLI, 'INC-4', 'declined', 'Not an incident');
    const samples = await metrics();
    const open = (labels: Record<string, string>) => valueOf(samples, 'rampart_incidents_open', labels);
    expect(open({ severity: 'sev1', status: 'investigating', drill: 'false' })).toBe(1);
    expect(open({ severity: 'sev1', status: 'triage' })).toBe(0);
    expect(open({ severity: 'sev2', status: 'triage', drill: 'false' })).toBe(1);
    expect(open({ severity: 'sev2', status: 'triage', drill: 'true' })).toBe(1);
    // Declined is not open; a severity with nothing open still has its series, at 0.
    expect(open({ severity: 'sev4' })).toBe(0);
    expect(hasSeries(samples, 'rampart_incidents_open', { severity: 'sev4', status: 'triage', drill: 'false' })).toBe(true);
    expect(hasSeries(samples, 'rampart_incidents_open', { status: 'declined' })).toBe(false);
    expect(open({})).toBe(3);
  });

  it('reports scheduled slots by schedule and state as the slot table has them', async () => {
    const reports = await bot.rampart.runScheduledPosts();
    expect(reports.map((r) => r.job)).toContain('digest');
    const rows = await bot.database.db.select({ schedule: awarenessSlots.schedule, state: awarenessSlots.state, slotAt: awarenessSlots.slotAt }).from(awarenessSlots);
    expect(rows.length).toBeGreaterThan(0);
    const samples = await metrics();
    for (const row of rows) {
      expect(valueOf(samples, 'rampart_scheduled_slots', { schedule: row.schedule, state: row.state })).toBe(rows.filter((r) => r.schedule === row.schedule && r.state === row.state).length);
      expect(valueOf(samples, 'rampart_scheduled_slot_latest_timestamp_seconds', { schedule: row.schedule, state: row.state })).toBe(row.slotAt.getTime() / 1000);
    }
    expect(valueOf(samples, 'rampart_scheduled_slots', { schedule: 'digest' })).toBe(1);
  });
});

/** The outbox rows not yet delivered nor given up (the gauge's definition, written out here). */
function sqlPending() {
  return and(isNull(slackOutbox.deliveredAt), isNull(slackOutbox.failedAt));
}
