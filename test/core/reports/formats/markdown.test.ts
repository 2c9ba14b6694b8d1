// The Markdown report: targeted checks of each section, plus a full expected file to catch unintended changes
// (regenerate with `npx vitest run -u` only after reading the diff; the targeted checks below stay the reference).
import { describe, expect, it } from 'vitest';
import { humanTime } from '../../../../src/core/reports/formats/human.js';
import { mdCell, renderMarkdown } from '../../../../src/core/reports/formats/markdown.js';
import { aReportSource, collect } from '../../../support/report-fixture.js';

const render = async (source = aReportSource()) => collect(renderMarkdown(source));

/** The lines of one `## ` section, without its heading. */
function section(md: string, heading: string): string[] {
  const start = md.indexOf(`\n## ${heading}\n`);
  expect(start, `section ${heading}`).toBeGreaterThan(-1);
  const rest = md.slice(start + heading.length + 5);
  const end = rest.indexOf('\n## ');
  return (end === -1 ? rest : rest.slice(0, end)).split('\n').filter(Boolean);
}

describe('Markdown report', () => {
  it('opens with the ref and title', async () => {
    expect((await render()).startsWith('# INC-7: Invoice phishing\n')).toBe(true);
  });

  it('shows key times in the report zone with the time each took from the declaration', async () => {
    expect(section(await render(), 'Key times')).toEqual([
      '| Moment | When | Since declaration |',
      '|---|---|---|',
      '| Declared | 2026-11-24 10:00:00 +01:00 | — |',
      '| Acknowledged | 2026-11-24 10:15:00 +01:00 | 15m 00s |',
      '| Contained | 2026-11-24 12:30:00 +01:00 | 2h 30m |',
      '| Resolved | 2026-11-25 11:00:00 +01:00 | 1d 1h |',
      '| Closed | 2026-11-26 10:00:00 +01:00 | 2d 0h |',
    ]);
  });

  it('lists every phase of the reopened incident, the current one marked (now)', async () => {
    expect(section(await render(), 'Phases')).toEqual([
      '| # | Status | Start | End | Duration |',
      '|---|---|---|---|---|',
      '| 1 | triage | 2026-11-24 10:00:00 +01:00 | 2026-11-24 10:15:00 +01:00 | 15m 00s |',
      '| 2 | investigating | 2026-11-24 10:15:00 +01:00 | 2026-11-24 12:30:00 +01:00 | 2h 15m |',
      '| 3 | contained | 2026-11-24 12:30:00 +01:00 | 2026-11-24 14:00:00 +01:00 | 1h 30m |',
      '| 4 | resolved | 2026-11-24 14:00:00 +01:00 | 2026-11-25 09:00:00 +01:00 | 19h 00m |',
      '| 5 | investigating | 2026-11-25 09:00:00 +01:00 | 2026-11-25 11:00:00 +01:00 | 2h 00m |',
      '| 6 | resolved | 2026-11-25 11:00:00 +01:00 | 2026-11-26 10:00:00 +01:00 | 23h 00m |',
      '| 7 | closed (now) | 2026-11-26 10:00:00 +01:00 | — | — |',
    ]);
  });

  it('lists the timeline in occurred order, ties by seq, with back-dating and corrections shown', async () => {
    const rows = section(await render(), 'Timeline').filter((l) => l.startsWith('| #') && !l.startsWith('| # |'));
    expect(rows.map((r) => Number(/^\| #(\d+) /.exec(r)?.[1]))).toEqual([2, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(rows[0]).toBe(
      '| #2 | 2026-11-24 09:40:00 +01:00 | U0ALICE | `note_added` Note: First phishing mail opened by finance _(back-dated, recorded 2026-11-24 10:05:00 +01:00)_ |',
    );
    expect(rows[3]).toBe('| #4 | 2026-11-24 10:15:00 +01:00 | U0BOB | `status_changed` Status triage → investigating |');
    // A correction is recorded after the event it corrects, and says so as a correction, not as back-dating.
    expect(rows[7]).toBe('| #8 | 2026-11-24 10:45:00 +01:00 | U0CAROL | `correction` Correction: 3 users, not 2 (corrects #7) _(correction, recorded 2026-11-24 11:00:00 +01:00)_ |');
  });

  it('escapes user text in table cells: pipes, line breaks and tags', async () => {
    const md = await render();
    expect(md).toContain('| `note_added` Note: Proxy logs: "invoice.pdf", 2 users \\| &lt;script>alert(1)&lt;/script> |');
    expect(md).not.toContain('<script');
    expect(mdCell('a | b\nc\r\nd')).toBe('a \\| b<br>c<br>d');
  });

  it('names everyone involved with their roles and event counts', async () => {
    expect(section(await render(), 'People and roles').slice(2)).toEqual([
      '| U0ALICE | reporter | 4 |',
      '| U0BOB | commander | 8 |',
      '| U0DAVE | comms | 0 |',
      '| U0CAROL | — | 4 |',
      '| U0ADMIN | — | 1 |',
    ]);
  });

  it('shows the playbook run as a checklist with progress, notes and skip reasons', async () => {
    const lines = section(await render(), 'Playbooks');
    expect(lines).toContain('2 of 4 done, 1 skipped · started by U0BOB at 2026-11-24 10:15:00 +01:00');
    expect(lines).toContain('- [x] 1. Get the headers — Sender spoofed · by U0CAROL at 2026-11-24 10:30:05 +01:00');
    expect(lines).toContain('- [-] 2. Find who else got it — skipped: Mail gateway already did · by U0BOB at 2026-11-24 11:30:00 +01:00');
    expect(lines).toContain('- [ ] 4. Reset exposed passwords — assigned to U0DAVE');
  });

  it('shows the latest review with its lessons as bullets and its action items', async () => {
    const lines = section(await render(), 'Post-incident review');
    expect(lines[0]).toBe('_Version 2 of 2, saved by U0ALICE at 2026-11-26 09:30:00 +01:00_');
    expect(lines).toEqual(expect.arrayContaining(['- Check the sender before opening invoices', '- Enforce DMARC']));
    expect(lines).toEqual(expect.arrayContaining(['| Enforce DMARC \\| p=reject | U0BOB | 2026-12-15 |', '| Train finance | — | — |']));
  });

  it('says when there is no review, and leaves out Awareness when no tip came from the incident', async () => {
    const md = await render(aReportSource({ header: { review: null, reviewVersions: 0, awareness: { tips: [] } } }));
    expect(section(md, 'Post-incident review')).toEqual(['No review yet.']);
    expect(md).not.toContain('## Awareness');
  });

  it('lists awareness tips and how their posts were acknowledged', async () => {
    expect(section(await render(), 'Awareness')).toEqual([
      '- **Check the sender before opening invoices** — Created by U0ADMIN at 2026-11-26 11:00:00 +01:00',
      '  - Posted in C0GENERAL at 2026-11-27 10:00:00 +01:00: 12 of 40 acknowledged',
    ]);
  });

  it('shows times with the offset of the day (summer time) and falls back to UTC for an unknown zone', () => {
    expect(humanTime(new Date('2026-07-01T09:00:00Z'), 'Europe/Paris')).toBe('2026-07-01 11:00:00 +02:00');
    expect(humanTime(new Date('2026-07-01T09:00:00Z'), 'Mars/Olympus')).toBe('2026-07-01 09:00:00 +00:00');
  });

  it('matches the expected document', async () => {
    await expect(await render()).toMatchFileSnapshot('./__expected__/INC-7.md');
  });
});
