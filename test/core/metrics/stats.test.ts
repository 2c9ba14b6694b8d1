import { describe, expect, it } from 'vitest';
import { computeStats, MAX_WEEKS, parsePeriod, summarize, type MetricIncident } from '../../../src/core/metrics/stats.js';

const NOW = new Date('2026-11-24T10:00:00Z');
const MIN = 60_000;
let n = 0;

/** An incident declared `ago` ms before NOW, acknowledged/contained/resolved `ack`/`contain`/`resolve` ms after declaration. */
const anIncident = (o: Partial<MetricIncident> & { ago?: number; ack?: number; contain?: number; resolve?: number } = {}): MetricIncident => {
  const { ago = 24 * 60 * MIN, ack, contain, resolve, ...rest } = o;
  const declaredAt = rest.declaredAt ?? new Date(NOW.getTime() - ago);
  const after = (ms?: number) => (ms === undefined ? null : new Date(declaredAt.getTime() + ms));
  return {
    number: ++n, type: 'phishing', severity: 'sev2', status: 'investigating', drill: false,
    acknowledgedAt: after(ack), containedAt: after(contain), resolvedAt: after(resolve), ...rest, declaredAt,
  };
};

const real = [
  anIncident({ severity: 'sev1', ack: 1 * MIN, contain: 10 * MIN, resolve: 60 * MIN, status: 'resolved' }),
  anIncident({ severity: 'sev1', ack: 2 * MIN, contain: 20 * MIN }),
  anIncident({ severity: 'sev1', ack: 5 * MIN, type: 'account-compromise' }),
  anIncident({ severity: 'sev2', ack: 1 * MIN }),
  anIncident({ severity: 'sev2', ack: 2 * MIN }),
  anIncident({ severity: 'sev2', ack: 4 * MIN }),
  anIncident({ severity: 'sev2', ack: 10 * MIN, type: 'malware' }),
];
// Fast, but none of them is a real response: they must not move any time figure.
const noise = [
  anIncident({ severity: 'sev1', drill: true, ack: 1000, contain: 1000, resolve: 1000, status: 'resolved' }),
  anIncident({ severity: 'sev1', drill: true, status: 'declined', ack: 1000 }),
  anIncident({ severity: 'sev1', status: 'declined', ack: 1000, type: 'other' }),
  anIncident({ severity: 'sev2', status: 'merged', ack: 1000, contain: 1000, resolve: 1000 }),
];

describe('computeStats', () => {
  it('gives exact means and medians per severity and overall', () => {
    const s = computeStats(real, '30d', NOW, 'Europe/Paris');
    expect(s.times.acknowledge.sev1).toEqual({ count: 3, meanMs: (8 / 3) * MIN, medianMs: 2 * MIN });
    // Even count: the median is the mean of the two middle values.
    expect(s.times.acknowledge.sev2).toEqual({ count: 4, meanMs: 4.25 * MIN, medianMs: 3 * MIN });
    expect(s.times.acknowledge.all).toEqual({ count: 7, meanMs: 25 * MIN / 7, medianMs: 2 * MIN });
    expect(s.times.contain.sev1).toEqual({ count: 2, meanMs: 15 * MIN, medianMs: 15 * MIN });
    expect(s.times.resolve.sev1).toEqual({ count: 1, meanMs: 60 * MIN, medianMs: 60 * MIN });
    for (const sev of ['sev3', 'sev4'] as const) expect(s.times.resolve[sev]).toEqual({ count: 0, meanMs: null, medianMs: null });
  });

  it('leaves drills, declined and merged incidents out of the times; drills out of everything but their count', () => {
    const base = computeStats(real, '30d', NOW, 'Europe/Paris');
    const s = computeStats([...real, ...noise], '30d', NOW, 'Europe/Paris');
    expect(s.times).toEqual(base.times);
    expect(s.counts).toEqual({ total: 9, drills: 2, declined: 1, merged: 1 });
    expect(s.declinedRate).toBe(1 / 9);
    expect(s.bySeverity).toEqual({ sev1: 4, sev2: 5, sev3: 0, sev4: 0 });
    expect(s.byType).toEqual([
      { type: 'phishing', count: 6 },
      { type: 'account-compromise', count: 1 },
      { type: 'malware', count: 1 },
      { type: 'other', count: 1 },
    ]);
    expect(s.byMonth.reduce((a, m) => a + m.count, 0)).toBe(9);
    expect(s.weekly.reduce((a, w) => a + w.total, 0)).toBe(9);
  });

  it('counts incidents from exactly N days ago up to now', () => {
    const day = 24 * 60 * MIN;
    const s = computeStats(
      [anIncident({ ago: 30 * day }), anIncident({ ago: 30 * day + 1 }), anIncident({ ago: -MIN }), anIncident({ ago: 40 * day })],
      '30d', NOW, 'UTC',
    );
    expect(s.counts.total).toBe(1);
    expect(s.period).toEqual({ name: '30d', label: 'Last 30 days', from: new Date(NOW.getTime() - 30 * day), to: NOW });
    expect(computeStats([anIncident({ ago: 40 * day })], '90d', NOW, 'UTC').counts.total).toBe(1);
  });

  it('buckets months in the time zone, every month of the range present', () => {
    const late = anIncident({ declaredAt: new Date('2026-10-31T23:30:00Z') }); // 00:30 on 1 November in Paris
    const early = anIncident({ declaredAt: new Date('2026-10-31T22:30:00Z') }); // 23:30 on 31 October in Paris
    expect(computeStats([late, early], '30d', NOW, 'Europe/Paris').byMonth).toEqual([
      { month: '2026-10', count: 1 },
      { month: '2026-11', count: 1 },
    ]);
    expect(computeStats([late, early], '30d', NOW, 'UTC').byMonth).toEqual([
      { month: '2026-10', count: 2 },
      { month: '2026-11', count: 0 },
    ]);
    const year = computeStats([late], '365d', NOW, 'Europe/Paris').byMonth;
    expect(year).toHaveLength(13);
    expect([year[0], year.at(-1)]).toEqual([{ month: '2025-11', count: 0 }, { month: '2026-11', count: 1 }]);
  });

  it('buckets ISO weeks starting on Monday in the time zone', () => {
    const mondayInParis = anIncident({ declaredAt: new Date('2026-11-01T23:30:00Z'), severity: 'sev1' });
    const s = computeStats([mondayInParis], '30d', NOW, 'Europe/Paris');
    // From Sunday 25 October (week 43, starting Monday 19th) to Tuesday 24 November (week 48).
    expect(s.weekly.map((w) => w.week)).toEqual(['2026-W43', '2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    expect(s.weekly[2]).toEqual({ week: '2026-W45', start: '2026-11-02', bySeverity: { sev1: 1, sev2: 0, sev3: 0, sev4: 0 }, total: 1 });
    expect(computeStats([mondayInParis], '30d', NOW, 'UTC').weekly.find((w) => w.total > 0)?.week).toBe('2026-W44');
    // 1 January 2027 is in ISO week 53 of 2026.
    const newYear = computeStats([anIncident({ declaredAt: new Date('2027-01-01T12:00:00Z') })], '30d', new Date('2027-01-05T12:00:00Z'), 'UTC');
    expect(newYear.weekly.find((w) => w.total > 0)).toMatchObject({ week: '2026-W53', start: '2026-12-28' });
    expect(newYear.truncatedWeeks).toBe(0);
  });

  it('starts all-time ranges at the first incident and caps the weeks', () => {
    const first = anIncident({ declaredAt: new Date('2023-11-20T10:00:00Z') });
    const drill = anIncident({ declaredAt: new Date('2020-01-01T10:00:00Z'), drill: true });
    const s = computeStats([first, drill, anIncident()], 'all', NOW, 'UTC');
    expect(s.period.from).toBeNull();
    expect(s.byMonth[0]).toEqual({ month: '2023-11', count: 1 });
    expect(s.byMonth).toHaveLength(37);
    expect(s.weekly).toHaveLength(MAX_WEEKS);
    expect(s.truncatedWeeks).toBe(54);
    expect(s.weekly[0]!.start).toBe('2024-12-02');
    expect(s.weekly.reduce((a, w) => a + w.total, 0)).toBe(1);
    expect(s.counts).toMatchObject({ total: 2, drills: 1 });
  });

  it('handles an empty period', () => {
    const s = computeStats([], '30d', NOW, 'Europe/Paris');
    expect(s.counts).toEqual({ total: 0, drills: 0, declined: 0, merged: 0 });
    expect(s.declinedRate).toBeNull();
    expect(s.byType).toEqual([]);
    expect(s.bySeverity).toEqual({ sev1: 0, sev2: 0, sev3: 0, sev4: 0 });
    expect(s.byMonth).toEqual([{ month: '2026-10', count: 0 }, { month: '2026-11', count: 0 }]);
    expect(s.weekly).toHaveLength(6);
    expect(s.times.acknowledge.all).toEqual({ count: 0, meanMs: null, medianMs: null });
    expect(computeStats([], 'all', NOW, 'UTC').weekly.map((w) => w.week)).toEqual(['2026-W48']);
  });

  it('summarizes odd and even counts', () => {
    expect(summarize([5, 1, 3])).toEqual({ count: 3, meanMs: 3, medianMs: 3 });
    expect(summarize([4, 1, 3, 10])).toEqual({ count: 4, meanMs: 4.5, medianMs: 3.5 });
  });
});

describe('parsePeriod', () => {
  it('reads the allowed periods in any case', () => {
    expect(['30d', ' 90D ', '365d', 'ALL'].map(parsePeriod)).toEqual(['30d', '90d', '365d', 'all']);
  });

  it('rejects anything else with invalid_input, listing the allowed values', () => {
    for (const bad of ['7d', '', '30', 'year']) {
      expect(() => parsePeriod(bad)).toThrow(/is not a stats period\. Use one of: 30d, 90d, 365d, all\./);
      expect(() => parsePeriod(bad)).toThrow(expect.objectContaining({ name: 'AppError', code: 'invalid_input' }));
    }
  });
});
