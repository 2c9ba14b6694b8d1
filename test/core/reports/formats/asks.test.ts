// The "was this you?" section of every report format: Markdown and HTML show a table (people by name, the question
// escaped, the answer with its time or what is pending), JSON carries the list as data (dates as ISO); CSV and
// Timesketch are event rows, where asking, answering, the reminder and the report are events. Without questions no
// format shows the section.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../../src/core/reports/formats/markdown.js';
import { renderHtml } from '../../../../src/core/reports/formats/html.js';
import { renderJson } from '../../../../src/core/reports/formats/json.js';
import { renderCsv } from '../../../../src/core/reports/formats/csv.js';
import { renderTimesketch } from '../../../../src/core/reports/formats/timesketch.js';
import { describeEvent } from '../../../../src/core/reports/describe.js';
import type { ReportAsk } from '../../../../src/core/reports/report.js';
import { anEvent, aReportSource, collect, fixtureEvents } from '../../../support/report-fixture.js';

const ASKS: ReportAsk[] = [
  { userId: 'U0BOB', question: 'Did you reset | your <password>?', askedBy: 'U0LEAD', askedAt: new Date('2026-11-24T11:00:00Z'), answer: null, answeredAt: null, reminded: true, escalated: false },
  { userId: 'U0ALICE', question: 'Did you sign in from Lagos at 03:12?', askedBy: 'U0LEAD', askedAt: new Date('2026-11-24T10:00:00Z'), answer: 'no', answeredAt: new Date('2026-11-24T10:07:00Z'), reminded: false, escalated: false },
];
const withAsks = () => aReportSource({ header: { asks: ASKS, names: { U0ALICE: 'Alice Martin' } } });
const answered = {
  kind: 'ask_answered' as const,
  occurredAt: new Date('2026-11-24T10:07:00Z'),
  payload: { askId: 1, userId: 'U0ALICE', question: 'Did you sign in from Lagos at 03:12?', answer: 'no' },
};

describe('questions in reports', () => {
  it('Markdown: a section with how many are answered and one row each', async () => {
    const md = await collect(renderMarkdown(withAsks()));
    const section = md.slice(md.indexOf('\n## Questions asked'));
    const lines = section.split('\n').filter(Boolean).slice(0, 6);
    expect(lines.slice(0, 4)).toEqual(['## Questions asked (“was this you?”)', '1 answered of 2', '| Asked | Question | Asked by | Answer | Answered |', '|---|---|---|---|---|']);
    expect(lines[4]).toBe('| U0BOB | Did you reset \\| your &lt;password>? | U0LEAD at 2026-11-24 12:00:00 +01:00 | no answer (reminded) | — |');
    expect(lines[5]).toContain('| Alice Martin (U0ALICE) | Did you sign in from Lagos at 03:12? |');
    expect(lines[5]).toContain('| No |');
    expect(await collect(renderMarkdown(aReportSource()))).not.toContain('## Questions asked');
  });

  it('HTML: the same section, escaped', async () => {
    const html = await collect(renderHtml(withAsks()));
    expect(html).toContain('<section id="asks"><h2>Questions asked (“was this you?”)</h2>');
    expect(html).toContain('<td>Did you reset | your &lt;password&gt;?</td>');
    expect(html).not.toContain('<password>');
    expect(await collect(renderHtml(aReportSource()))).not.toContain('id="asks"');
  });

  it('JSON: the questions as data, with ISO times', async () => {
    const doc = JSON.parse(await collect(renderJson(withAsks()))) as Record<string, unknown>;
    expect(doc.asks).toEqual([
      { ...ASKS[0], askedAt: '2026-11-24T11:00:00.000Z' },
      { ...ASKS[1], askedAt: '2026-11-24T10:00:00.000Z', answeredAt: '2026-11-24T10:07:00.000Z' },
    ]);
    expect(JSON.parse(await collect(renderJson(aReportSource())))).not.toHaveProperty('asks');
  });

  it('CSV and Timesketch: the answer is an event row with its time', async () => {
    const summary = describeEvent(answered);
    expect(summary).toBe('U0ALICE answered No: Did you sign in from Lagos at 03:12?');
    const event = anEvent({ seq: 99, ...answered, summary });
    const csv = await collect(renderCsv(aReportSource({ events: [...fixtureEvents(), event] })));
    expect(csv.trim().split('\n').at(-1)).toContain('U0ALICE answered No: Did you sign in from Lagos at 03:12?');
    const jsonl = await collect(renderTimesketch(aReportSource({ events: [...fixtureEvents(), event] })));
    const last = JSON.parse(jsonl.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(last).toMatchObject({ timestamp_desc: expect.any(String) as string, datetime: '2026-11-24T10:07:00.000+00:00' });
    expect(JSON.stringify(last)).toContain('answered No');
  });

  it('every ask event kind reads as one line', () => {
    const p = { askId: 1, userId: 'U0ALICE', question: 'Was this you?' };
    expect(describeEvent({ kind: 'ask_sent', payload: { ...p, by: 'U0LEAD' } })).toBe('Asked U0ALICE: Was this you?');
    expect(describeEvent({ kind: 'ask_reminded', payload: p })).toBe('Reminded U0ALICE of an unanswered question: Was this you?');
    expect(describeEvent({ kind: 'ask_escalated', payload: { ...p, to: 'U0LEAD' } })).toBe('Reported to U0LEAD: U0ALICE has not answered: Was this you?');
    expect(describeEvent({ kind: 'ask_escalated', payload: { ...p, to: null } })).toBe('U0ALICE has not answered, with no commander or incident channel to report it to: Was this you?');
  });
});
