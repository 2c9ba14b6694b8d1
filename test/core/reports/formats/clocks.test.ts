// The notification clocks section of every report format: Markdown and HTML show each clock with its deadlines (text
// escaped), JSON carries them as data with ISO dates; CSV and Timesketch are event rows, where clock events are rows
// like any other. Without clocks no format shows the section.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../../src/core/reports/formats/markdown.js';
import { renderHtml } from '../../../../src/core/reports/formats/html.js';
import { renderJson } from '../../../../src/core/reports/formats/json.js';
import { renderCsv } from '../../../../src/core/reports/formats/csv.js';
import type { ReportClock } from '../../../../src/core/reports/report.js';
import { describeEvent } from '../../../../src/core/reports/describe.js';
import { anEvent, aReportSource, collect, fixtureEvents } from '../../../support/report-fixture.js';

const CLOCKS: ReportClock[] = [
  {
    regime: 'nis2',
    regimeName: 'NIS2 Art. 23',
    state: 'running',
    awareAt: new Date('2026-11-24T08:00:00Z'),
    why: 'a significant service',
    backdateReason: 'the <CSIRT> phoned first',
    stopReason: null,
    deadlines: [
      { deadline: 'early-warning', label: 'Early warning', dueAt: new Date('2026-11-25T08:00:00Z'), status: 'met', notifiedAt: new Date('2026-11-25T07:00:00Z'), notifiedTo: 'CERT-FR | duty', reference: 'C-42' },
      { deadline: 'notification', label: 'Incident notification', dueAt: new Date('2026-11-27T08:00:00Z'), status: 'overdue', notifiedAt: null, notifiedTo: null, reference: null },
    ],
  },
];
const withClocks = () => aReportSource({ header: { clocks: CLOCKS, timezone: 'UTC' } });

describe('notification clocks in reports', () => {
  it('Markdown: a Notification clocks section, a table per clock with each deadline’s standing', async () => {
    const md = await collect(renderMarkdown(withClocks()));
    const section = md.slice(md.indexOf('\n## Notification clocks\n'));
    expect(section.split('\n').filter(Boolean).slice(0, 7)).toEqual([
      '## Notification clocks',
      '### NIS2 Art. 23',
      '_Aware since 2026-11-24 08:00:00 +00:00 · back-dated: the &lt;CSIRT> phoned first · for a significant service_',
      '| Deadline | Due | Status | Notified | To | Reference |',
      '|---|---|---|---|---|---|',
      '| Early warning | 2026-11-25 08:00:00 +00:00 | met | 2026-11-25 07:00:00 +00:00 | CERT-FR \\| duty | C-42 |',
      '| Incident notification | 2026-11-27 08:00:00 +00:00 | overdue | — | — | — |',
    ]);
    expect(await collect(renderMarkdown(aReportSource()))).not.toContain('## Notification clocks');
  });

  it('HTML: the same section, escaped', async () => {
    const html = await collect(renderHtml(withClocks()));
    expect(html).toContain('<section id="notification-clocks"><h2>Notification clocks</h2>');
    expect(html).toContain('<h3>NIS2 Art. 23</h3>');
    expect(html).toContain('back-dated: the &lt;CSIRT&gt; phoned first');
    expect(html).toContain('<td>overdue</td>');
    expect(html).not.toContain('<CSIRT>');
    expect(await collect(renderHtml(aReportSource()))).not.toContain('id="notification-clocks"');
  });

  it('JSON: the clocks as data with ISO dates', async () => {
    const doc = JSON.parse(await collect(renderJson(withClocks()))) as { clocks: unknown };
    expect(doc.clocks).toEqual([
      {
        ...CLOCKS[0],
        awareAt: '2026-11-24T08:00:00.000Z',
        deadlines: [
          { ...CLOCKS[0]!.deadlines[0], dueAt: '2026-11-25T08:00:00.000Z', notifiedAt: '2026-11-25T07:00:00.000Z' },
          { ...CLOCKS[0]!.deadlines[1], dueAt: '2026-11-27T08:00:00.000Z' },
        ],
      },
    ]);
    expect(JSON.parse(await collect(renderJson(aReportSource())))).not.toHaveProperty('clocks');
  });

  it('CSV: clock events are rows of the timeline, described in words', async () => {
    const payload = { clockId: 1, regime: 'gdpr', regimeName: 'GDPR Art. 33', deadline: 'authority', label: 'Notify the supervisory authority', dueAt: '2026-11-27T10:00:00.000Z' };
    const summary = describeEvent({ kind: 'clock_deadline_missed', payload });
    expect(summary).toBe('GDPR Art. 33: Notify the supervisory authority overdue (was due 2026-11-27T10:00:00.000Z)');
    const missed = anEvent({ seq: 99, kind: 'clock_deadline_missed', occurredAt: new Date('2026-11-27T10:00:00Z'), payload, summary });
    const csv = await collect(renderCsv(aReportSource({ events: [...fixtureEvents(), missed] })));
    expect(csv.trim().split('\n').at(-1)).toContain('GDPR Art. 33: Notify the supervisory authority overdue');
    expect(describeEvent({ kind: 'clock_notified', payload: { regimeName: 'GDPR Art. 33', label: 'Notify the supervisory authority', to: 'CNIL', notifiedAt: '2026-11-26T10:00:00.000Z', reference: 'C-1', late: false } })).toBe(
      'GDPR Art. 33: Notify the supervisory authority notified to CNIL at 2026-11-26T10:00:00.000Z (ref C-1)',
    );
  });
});
