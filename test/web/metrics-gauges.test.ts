// The metrics registry without a bot: each one is its own (several bots in one process count apart, and prom-client's
// global registry is left alone), and a scrape whose database read fails says so with rampart_database_up 0 rather
// than repeating the last figures.
import { register as globalRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { HealthSnapshot } from '../../src/core/index.js';
import { createLogger } from '../../src/log.js';
import { defineMetrics } from '../../src/web/metrics/definitions.js';
import { refreshHealthGauges } from '../../src/web/metrics/health-gauges.js';
import { requestCounter } from '../../src/web/metrics/slack-requests.js';
import { parseExposition, valueOf } from './prometheus-text.js';

const logger = createLogger('silent');
const read = async (m: ReturnType<typeof defineMetrics>) => parseExposition(await m.registry.metrics());
const snapshot: HealthSnapshot = {
  at: new Date('2026-11-30T08:00:00Z'),
  outbox: [{ kind: 'channel_setup', pending: 2, oldestAgeSeconds: 42 }],
  openIncidents: [{ severity: 'sev1', status: 'triage', drill: false, count: 1 }],
  slots: [{ schedule: 'digest', state: 'posted', count: 3, latestSlotAt: new Date('2026-11-30T08:00:00Z') }],
  outgoing: [{ channel: 'pagerduty', pending: 1, oldestAgeSeconds: 12, failed: 2 }],
};

describe('the metrics registry', () => {
  it('is one per bot: what one counts, another does not see, nor the global registry', async () => {
    const a = defineMetrics();
    const b = defineMetrics();
    requestCounter(a).answered('command', 'handled', 0.02);
    expect(valueOf(await read(a), 'rampart_slack_acks_total', { kind: 'command', outcome: 'handled' })).toBe(1);
    expect(valueOf(await read(b), 'rampart_slack_acks_total')).toBe(0);
    expect(await globalRegistry.metrics()).not.toContain('rampart_');
  });

  it('sets the database gauges from a snapshot, then clears them and reports the database down when a read fails', async () => {
    const m = defineMetrics();
    await refreshHealthGauges(m, async () => snapshot, logger);
    let samples = await read(m);
    expect(valueOf(samples, 'rampart_database_up')).toBe(1);
    expect(valueOf(samples, 'rampart_outbox_pending')).toBe(2);
    expect(valueOf(samples, 'rampart_outbox_oldest_pending_age_seconds')).toBe(42);
    expect(valueOf(samples, 'rampart_incidents_open', { severity: 'sev1', status: 'triage', drill: 'false' })).toBe(1);
    expect(valueOf(samples, 'rampart_scheduled_slot_latest_timestamp_seconds', { schedule: 'digest', state: 'posted' })).toBe(Date.parse('2026-11-30T08:00:00Z') / 1000);
    expect(valueOf(samples, 'rampart_outgoing_pending', { channel: 'pagerduty' })).toBe(1);
    expect(valueOf(samples, 'rampart_outgoing_oldest_pending_age_seconds', { channel: 'pagerduty' })).toBe(12);
    expect(valueOf(samples, 'rampart_outgoing_failed', { channel: 'pagerduty' })).toBe(2);
    // Every channel is reported, at 0 when nothing of it waits or failed.
    expect(valueOf(samples, 'rampart_outgoing_failed', { channel: 'webhook' })).toBe(0);

    await refreshHealthGauges(m, () => Promise.reject(new Error('connection refused')), logger);
    samples = await read(m);
    expect(valueOf(samples, 'rampart_database_up')).toBe(0);
    // Unknown, not an empty backlog.
    expect(valueOf(samples, 'rampart_outbox_pending')).toBeNaN();
    expect(valueOf(samples, 'rampart_outbox_oldest_pending_age_seconds')).toBeNaN();
    for (const name of ['rampart_outbox_pending_by_kind', 'rampart_incidents_open', 'rampart_scheduled_slots', 'rampart_outgoing_failed']) expect(samples.filter((s) => s.name === name)).toEqual([]);
  });
});
