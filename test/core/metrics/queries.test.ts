import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incidentsForStats } from '../../../src/core/metrics/queries.js';
import { statsFor } from '../../../src/core/metrics/read.js';
import { RESPONDER, slackUser, testCore } from '../../support/core.js';

let t: Awaited<ReturnType<typeof testCore>>;
beforeEach(async () => {
  t = await testCore();
});
afterEach(async () => {
  await t.close();
});

const responder = slackUser(RESPONDER);
const MIN = 60_000;

/** Six incidents with known response times; the clock ends at the testCore default, 2026-11-24T10:00Z. */
async function seed() {
  const { core, clock } = t;
  clock.set('2026-09-01T10:00:00Z'); // INC-1: 84 days ago, outside 30d, inside 90d
  await core.declare(responder, { title: 'Old phish', severity: 'sev2', type: 'phishing' });
  clock.advance(10 * MIN);
  await core.changeStatus(responder, 'INC-1', 'investigating');

  clock.set('2026-11-10T09:00:00Z'); // INC-2: acknowledged 5m, contained 30m, resolved 2h
  await core.declare(responder, { title: 'Mailbox taken over', severity: 'sev1', type: 'account-compromise' });
  clock.advance(5 * MIN);
  await core.changeStatus(responder, 'INC-2', 'investigating');
  clock.advance(25 * MIN);
  await core.changeStatus(responder, 'INC-2', 'contained');
  clock.advance(90 * MIN);
  await core.changeStatus(responder, 'INC-2', 'resolved');

  clock.set('2026-11-12T12:00:00Z'); // INC-3: acknowledged 15m, still open
  await core.declare(responder, { title: 'Phish wave', severity: 'sev1', type: 'phishing' });
  clock.advance(15 * MIN);
  await core.changeStatus(responder, 'INC-3', 'investigating');

  clock.advance(60 * MIN); // INC-4: a drill, resolved in a minute
  await core.declare(responder, { title: 'Tabletop', severity: 'sev3', drill: true });
  clock.advance(MIN);
  await core.changeStatus(responder, 'INC-4', 'resolved');

  clock.advance(60 * MIN); // INC-5: a false positive, declined in 30s
  await core.declare(responder, { title: 'Odd mail', severity: 'sev3' });
  clock.advance(30_000);
  await core.changeStatus(responder, 'INC-5', 'declined', 'a newsletter');

  clock.advance(60 * MIN); // INC-6: a duplicate, merged in a minute
  await core.declare(responder, { title: 'Same phish', severity: 'sev1', type: 'phishing' });
  clock.advance(MIN);
  await core.changeStatus(responder, 'INC-6', 'merged', 'INC-3');

  clock.set('2026-11-24T10:00:00Z');
}

describe('statsFor', () => {
  it('counts the last 30 days by default, times from real incidents only', async () => {
    await seed();
    const s = await statsFor(t.deps, undefined);
    expect(s.period).toMatchObject({ name: '30d', from: new Date('2026-10-25T10:00:00Z'), to: new Date('2026-11-24T10:00:00Z') });
    expect(s.counts).toEqual({ total: 4, drills: 1, declined: 1, merged: 1 });
    expect(s.declinedRate).toBe(0.25);
    expect(s.bySeverity).toEqual({ sev1: 3, sev2: 0, sev3: 1, sev4: 0 });
    expect(s.byType).toEqual([
      { type: 'phishing', count: 2 },
      { type: 'account-compromise', count: 1 },
      { type: 'other', count: 1 },
    ]);
    expect(s.byMonth).toEqual([{ month: '2026-10', count: 0 }, { month: '2026-11', count: 4 }]);
    expect(s.times.acknowledge.sev1).toEqual({ count: 2, meanMs: 10 * MIN, medianMs: 10 * MIN });
    expect(s.times.contain.sev1).toEqual({ count: 1, meanMs: 30 * MIN, medianMs: 30 * MIN });
    expect(s.times.resolve.sev1).toEqual({ count: 1, meanMs: 120 * MIN, medianMs: 120 * MIN });
    expect(s.times.acknowledge.sev3).toEqual({ count: 0, meanMs: null, medianMs: null });
    expect(s.weekly.find((w) => w.week === '2026-W46')).toMatchObject({ total: 4, bySeverity: { sev1: 3, sev3: 1 } });
  });

  it('widens to 90 days and all time, and refuses unknown periods', async () => {
    await seed();
    const q = await statsFor(t.deps, '90d');
    expect(q.counts.total).toBe(5);
    expect(q.times.acknowledge.all).toEqual({ count: 3, meanMs: 10 * MIN, medianMs: 10 * MIN });
    const all = await statsFor(t.deps, ' ALL ');
    expect(all.byMonth.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(all.truncatedWeeks).toBe(0);
    await expect(statsFor(t.deps, 'week')).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/30d, 90d, 365d, all/) });
  });

  it('is empty on an empty database', async () => {
    const s = await statsFor(t.deps, '');
    expect(s.counts).toEqual({ total: 0, drills: 0, declined: 0, merged: 0 });
    expect(s.declinedRate).toBeNull();
  });
});

describe('incidentsForStats', () => {
  it('reads only the metric columns, since a date, oldest first', async () => {
    await seed();
    const rows = await incidentsForStats(t.database.db, new Date('2026-11-01T00:00:00Z'));
    expect(rows.map((r) => r.number)).toEqual([2, 3, 4, 5, 6]);
    expect(Object.keys(rows[0]!).sort()).toEqual(
      ['acknowledgedAt', 'containedAt', 'declaredAt', 'drill', 'number', 'resolvedAt', 'severity', 'status', 'type'],
    );
    expect(rows[0]).toMatchObject({ severity: 'sev1', status: 'resolved', resolvedAt: new Date('2026-11-10T11:00:00Z') });
    expect(await incidentsForStats(t.database.db, null)).toHaveLength(6);
  });
});
