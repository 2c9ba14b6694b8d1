import { describe, expect, it } from 'vitest';
import { md } from '../../../src/slack/blocks/mrkdwn.js';
import { computeStats, type MetricIncident } from '../../../src/core/metrics/stats.js';
import { SLACK_MONTHS, statsMessage } from '../../../src/slack/blocks/stats.js';

const NOW = new Date('2026-11-24T10:00:00Z');
const DAY = 86_400_000;

const anIncident = (o: Partial<MetricIncident> = {}): MetricIncident => ({
  number: 1, type: 'phishing', severity: 'sev2', status: 'resolved', drill: false, declaredAt: new Date(NOW.getTime() - DAY),
  acknowledgedAt: new Date(NOW.getTime() - DAY + 300_000), containedAt: null, resolvedAt: new Date(NOW.getTime() - DAY / 2), ...o,
});

type AnyBlock = { type: string; text?: { text: string }; elements?: { text: string }[]; slack_file?: { id: string }; alt_text?: string };
const texts = (blocks: readonly unknown[]) => (blocks as AnyBlock[]).map((b) => b.text?.text ?? b.elements?.[0]?.text ?? '');

describe('statsMessage', () => {
  const stats = computeStats(
    [anIncident(), anIncident({ status: 'declined', type: '<script>' }), anIncident({ drill: true }), anIncident({ status: 'merged', severity: 'sev1' })],
    '30d', NOW, 'Europe/Paris',
  );

  it('shows the figures, escaped, and ends with what the times leave out', () => {
    const { text, blocks } = statsMessage(stats);
    expect(text).toBe('Incident statistics · Last 30 days: 3 incidents, declined rate 33.3%');
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Incident statistics · Last 30 days' } });
    const all = texts(blocks).join('\n');
    expect(all).toContain('(2026-10-25 to 2026-11-24, Europe/Paris)');
    expect(all).toContain('*Drills:* 1 _(not counted)_');
    expect(all).toContain('SEV1: 1 · SEV2: 2 · SEV3: 0 · SEV4: 0');
    expect(all).toContain('&lt;script&gt;: 1');
    expect(all).not.toContain('<script>');
    expect(all).toContain(['*Time to acknowledge*', '```', 'Severity  Incidents    Mean  Median', 'SEV1              0       —       —', 'SEV2              1  5m 00s  5m 00s'].join('\n'));
    const last = blocks.at(-1) as AnyBlock;
    expect(last.type).toBe('context');
    expect(last.elements![0]!.text).toMatch(/leave out drills \(1\), declined \(1\) and merged \(1\) incidents/);
  });

  it('never points an image block at a file (Slack refuses a fresh upload in one) and ends with the note given', () => {
    const { blocks } = statsMessage(stats, md`:bar_chart: The weekly chart is in your direct messages with me.`);
    expect((blocks as AnyBlock[]).some((b) => b.type === 'image')).toBe(false);
    expect(texts(blocks).at(-1)).toBe(':bar_chart: The weekly chart is in your direct messages with me.');
  });

  it('stays within Slack limits for years of incidents and many types', () => {
    const many = Array.from({ length: 3000 }, (_, k) =>
      anIncident({ number: k + 1, type: `type-${k % 40}-${'x'.repeat(60)}`, declaredAt: new Date(NOW.getTime() - k * DAY) }),
    );
    const big = computeStats(many, 'all', NOW, 'UTC');
    const { blocks } = statsMessage(big, md`note`);
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const t of texts(blocks)) expect(t.length).toBeLessThanOrEqual(3000);
    const months = texts(blocks).find((t) => t.startsWith('*By month*'))!;
    expect(months.match(/^\d{4}-\d{2} /gm)).toHaveLength(SLACK_MONTHS);
    expect(months).toContain(`Last ${SLACK_MONTHS} months shown; \`rampart stats all\` lists all ${big.byMonth.length}.`);
  });

  it('says so when there were no incidents', () => {
    const { text, blocks } = statsMessage(computeStats([], '90d', NOW, 'UTC'));
    expect(text).toBe('Incident statistics · Last 90 days: 0 incidents, declined rate —');
    expect(texts(blocks)).toContain('No incidents were declared in this period.');
  });
});
