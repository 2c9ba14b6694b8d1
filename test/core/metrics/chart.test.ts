import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHART_HEIGHT, CHART_WIDTH, escapeXml, weeklyChartPng, weeklyChartSvg } from '../../../src/core/metrics/chart.js';
import { computeStats, type MetricIncident } from '../../../src/core/metrics/stats.js';
import { SEVERITIES } from '../../../src/core/incidents/incident.js';

const NOW = new Date('2026-11-24T10:00:00Z');
const DAY = 86_400_000;

const anIncident = (o: Partial<MetricIncident> = {}): MetricIncident => ({
  number: 1, type: 'phishing', severity: 'sev3', status: 'investigating', drill: false,
  declaredAt: new Date(NOW.getTime() - DAY), acknowledgedAt: null, containedAt: null, resolvedAt: null, ...o,
});

/** A deterministic spread over `days`: more low-severity incidents than high ones. */
function sample(days: number, every: number): MetricIncident[] {
  const out: MetricIncident[] = [];
  for (let d = 0; d < days; d += every) {
    const severity = SEVERITIES[(d * 7) % 10 < 1 ? 0 : (d * 7) % 10 < 3 ? 1 : (d * 7) % 10 < 7 ? 2 : 3]!;
    out.push(anIncident({ number: out.length + 1, severity, declaredAt: new Date(NOW.getTime() - d * DAY - 3_600_000) }));
  }
  return out;
}

function bars(svg: string) {
  return [...svg.matchAll(/<rect class="bar" data-week="([^"]+)" data-severity="(\w+)" data-count="(\d+)" x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)"/g)]
    .map((m) => ({ week: m[1]!, severity: m[2]!, count: Number(m[3]), height: Number(m[4]) }));
}

const png = { signature: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) };

describe('weekly chart', () => {
  it('draws one bar per non-zero week and severity, its height proportional to the count', () => {
    const stats = computeStats(sample(90, 1), '90d', NOW, 'Europe/Paris');
    const drawn = bars(weeklyChartSvg(stats));
    const expected = stats.weekly.flatMap((w) => SEVERITIES.filter((s) => w.bySeverity[s] > 0).map((s) => ({ week: w.week, severity: s, count: w.bySeverity[s] })));
    expect(drawn.map(({ week, severity, count }) => ({ week, severity, count }))).toEqual(expected);
    expect(drawn.length).toBeGreaterThan(20);
    const perIncident = drawn[0]!.height / drawn[0]!.count;
    for (const b of drawn) expect(b.height).toBeCloseTo(b.count * perIncident, 1);
  });

  it('has a title, legend, axis labels and a white background', () => {
    const svg = weeklyChartSvg(computeStats(sample(30, 2), '30d', NOW, 'Europe/Paris'));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="800" height="400"/);
    expect(svg).toContain('font-family="DejaVu Sans, Arial, sans-serif"');
    expect(svg).toContain('fill="#ffffff"');
    expect(svg).toContain('Incidents per week by severity · Last 30 days');
    for (const s of ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'Incidents<', 'Week starting Monday (Europe/Paris)', '>2026<']) expect(svg).toContain(s);
    expect(svg).not.toContain('No incidents in this period');
  });

  it('says when weeks were cut and when there is nothing to show', () => {
    const long = computeStats([anIncident({ declaredAt: new Date('2022-01-03T10:00:00Z') }), ...sample(800, 5)], 'all', NOW, 'UTC');
    expect(long.truncatedWeeks).toBeGreaterThan(0);
    expect(weeklyChartSvg(long)).toContain('last 104 weeks only');
    const empty = weeklyChartSvg(computeStats([], '30d', NOW, 'UTC'));
    expect(bars(empty)).toEqual([]);
    expect(empty).toContain('No incidents in this period');
  });

  it('escapes text', () => {
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
  });

  it('renders a PNG of the chart size, with bars adding ink', () => {
    const stats = computeStats(sample(90, 1), '90d', NOW, 'Europe/Paris');
    const full = weeklyChartPng(stats);
    const empty = weeklyChartPng(computeStats([], '90d', NOW, 'Europe/Paris'));
    for (const image of [full, empty]) {
      expect(image.subarray(0, 8)).toEqual(png.signature);
      expect(image.subarray(12, 16).toString('ascii')).toBe('IHDR');
      expect([image.readUInt32BE(16), image.readUInt32BE(20)]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    }
    expect(full.length).toBeGreaterThan(empty.length);
    // For a person to look at: the sample charts are written where the brief asked.
    writeFileSync('/tmp/stats-chart.png', full);
    writeFileSync('/tmp/stats-chart-all.png', weeklyChartPng(computeStats(sample(900, 3), 'all', NOW, 'Europe/Paris')));
    writeFileSync('/tmp/stats-chart-30d.png', weeklyChartPng(computeStats(sample(30, 2), '30d', NOW, 'Europe/Paris')));
    writeFileSync('/tmp/stats-chart-empty.png', empty);
  });
});
