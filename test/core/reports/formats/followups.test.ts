// The follow-ups section of every report format: Markdown and HTML show a table (open first, owners by name, text
// escaped), JSON carries the list as data; CSV and Timesketch are event rows, and follow-up changes are events there.
// Without follow-ups no format shows the section.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../../src/core/reports/formats/markdown.js';
import { renderHtml } from '../../../../src/core/reports/formats/html.js';
import { renderJson } from '../../../../src/core/reports/formats/json.js';
import { renderCsv } from '../../../../src/core/reports/formats/csv.js';
import type { ReportFollowup } from '../../../../src/core/reports/report.js';
import { anEvent, aReportSource, collect, fixtureEvents } from '../../../support/report-fixture.js';

const FOLLOWUPS: ReportFollowup[] = [
  { text: 'Block <look-alike> domains', owner: 'U0ALICE', due: '2026-12-01', state: 'open' },
  { text: 'Train finance | accounts', owner: null, due: null, state: 'open' },
  { text: 'Rotate the mailbox password', owner: 'U0BOB', due: '2026-11-25', state: 'done' },
];
const withFollowups = () => aReportSource({ header: { followups: FOLLOWUPS, names: { U0ALICE: 'Alice Martin' } } });

describe('follow-ups in reports', () => {
  it('Markdown: a Follow-ups section with how many are open and one row each', async () => {
    const md = await collect(renderMarkdown(withFollowups()));
    const section = md.slice(md.indexOf('\n## Follow-ups\n'));
    expect(section.split('\n').filter(Boolean).slice(0, 6)).toEqual([
      '## Follow-ups',
      '2 open of 3',
      '| Follow-up | Owner | Due | State |',
      '|---|---|---|---|',
      '| Block &lt;look-alike> domains | Alice Martin (U0ALICE) | 2026-12-01 | open |',
      '| Train finance \\| accounts | — | — | open |',
    ]);
    expect(await collect(renderMarkdown(aReportSource()))).not.toContain('## Follow-ups');
  });

  it('HTML: the same section, escaped', async () => {
    const html = await collect(renderHtml(withFollowups()));
    const headings = [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toContain('Follow-ups');
    expect(html).toContain('<section id="followups"><h2>Follow-ups</h2>');
    expect(html).toContain('<td>Block &lt;look-alike&gt; domains</td>');
    expect(html).not.toContain('<look-alike>');
    expect(await collect(renderHtml(aReportSource()))).not.toContain('id="followups"');
  });

  it('JSON: the follow-ups as data, after the review', async () => {
    const doc = JSON.parse(await collect(renderJson(withFollowups()))) as Record<string, unknown>;
    expect(doc.followups).toEqual(FOLLOWUPS);
    const keys = Object.keys(doc);
    expect(keys.indexOf('followups')).toBe(keys.indexOf('reviewVersions') + 1);
    expect(JSON.parse(await collect(renderJson(aReportSource())))).not.toHaveProperty('followups');
  });

  it('CSV: follow-up changes are rows of the timeline like every event', async () => {
    const done = anEvent({ seq: 99, kind: 'followup_done', occurredAt: new Date('2026-11-27T09:00:00Z'), payload: { followupId: 3, text: 'Rotate the mailbox password' }, summary: 'Follow-up done: Rotate the mailbox password' });
    const csv = await collect(renderCsv(aReportSource({ events: [...fixtureEvents(), done] })));
    expect(csv.trim().split('\n').at(-1)).toContain('Follow-up done: Rotate the mailbox password');
  });
});
