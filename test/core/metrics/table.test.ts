import { describe, expect, it } from 'vitest';
import { computeStats, type MetricIncident } from '../../../src/core/metrics/stats.js';
import { alignColumns, formatRate, statsLines } from '../../../src/core/metrics/table.js';

const NOW = new Date('2026-11-24T10:00:00Z');
const DECLARED = new Date('2026-11-21T10:00:00Z');
const after = (ms: number) => new Date(DECLARED.getTime() + ms);
const anIncident = (o: Partial<MetricIncident> = {}): MetricIncident => ({
  number: 1, type: 'phishing', severity: 'sev2', status: 'investigating', drill: false, declaredAt: DECLARED,
  acknowledgedAt: null, containedAt: null, resolvedAt: null, ...o,
});

describe('statsLines', () => {
  it('prints aligned tables with durations, the declined rate and what was left out', () => {
    const lines = statsLines(
      computeStats(
        [
          anIncident({ severity: 'sev1', acknowledgedAt: after(300_000), containedAt: after(5_400_000), resolvedAt: after(2 * 86_400_000) }),
          anIncident({ type: 'account-compromise', acknowledgedAt: after(30_000) }),
          anIncident({ status: 'declined', type: 'other' }),
          anIncident({ drill: true }),
        ],
        '30d', NOW, 'Europe/Paris',
      ),
    );
    expect(lines[0]).toBe('Incident statistics · Last 30 days (2026-10-25 to 2026-11-24, Europe/Paris)');
    expect(lines).toContain('Declined (false positive) rate: 33.3%');
    expect(lines).toContain('Drills: 1 (not counted in any other figure)');
    const ack = lines.indexOf('Time to acknowledge');
    expect(lines.slice(ack + 1, ack + 4)).toEqual([
      '  Severity  Incidents    Mean  Median',
      '  SEV1              1  5m 00s  5m 00s',
      '  SEV2              1     30s     30s',
    ]);
    expect(lines).toContain('  All               2  2m 45s  2m 45s');
    expect(lines).toContain('  account-compromise          1');
    expect(lines).toContain('  2026-10          0');
    expect(lines.at(-1)).toMatch(/leave out drills \(1\), declined \(1\) and merged \(0\) incidents/);
  });

  it('formats rates and aligns columns', () => {
    expect([formatRate(null), formatRate(0), formatRate(1 / 3)]).toEqual(['—', '0.0%', '33.3%']);
    expect(alignColumns([['a', '1'], ['long', '100']])).toEqual(['a       1', 'long  100']);
  });
});
