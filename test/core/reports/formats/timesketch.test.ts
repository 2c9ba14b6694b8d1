// Our Timesketch exports, checked with Timesketch's import rules (test/support/timesketch.ts).
import { describe, expect, it } from 'vitest';
import { renderTimesketch, renderTimesketchCsv, timesketchDatetime, timesketchRow, TIMESKETCH_COLUMNS } from '../../../../src/core/reports/formats/timesketch.js';
import { aReportSource, anEvent, collect, fixtureEvents, fixtureHeader } from '../../../support/report-fixture.js';
import { checkTimesketchCsv, checkTimesketchJsonl, parseCsv } from '../../../support/timesketch.js';

const events = fixtureEvents();

describe('Timesketch exports', () => {
  for (const [name, render, check] of [
    ['JSONL', renderTimesketch, checkTimesketchJsonl],
    ['CSV', renderTimesketchCsv, checkTimesketchCsv],
  ] as const) {
    it(`imports cleanly as ${name}: every event, no errors, nothing dropped, no guessed offsets`, async () => {
      const result = check(await collect(render(aReportSource())));
      expect(result).toMatchObject({ errors: [], dropped: [], warnings: [] });
      expect(result.rows).toHaveLength(events.length);
      result.rows.forEach((row, i) => {
        const e = events[i]!;
        // The datetime reads back to the exact occurredAt, and the timestamp agrees with it.
        expect(new Date(String(row.datetime)).getTime()).toBe(e.occurredAt.getTime());
        expect(Number(row.timestamp)).toBe(e.occurredAt.getTime() * 1000);
        expect(row).toMatchObject({ incident: 'INC-7', kind: e.kind, actor: e.actor, source: e.source, incident_title: 'Invoice phishing', severity: 'sev2' });
        expect(String(row.seq)).toBe(String(e.seq));
      });
    });
  }

  it('writes the required fields the way Timesketch expects them', () => {
    const note = events[0]!;
    expect(timesketchRow(fixtureHeader(), note)).toEqual({
      message: '[INC-7] Note: First phishing mail opened by finance',
      datetime: '2026-11-24T08:40:00.000+00:00',
      timestamp_desc: 'Event Occurred',
      timestamp: 1795509600000000,
      data_type: 'rampart:timeline:note_added',
      incident: 'INC-7',
      seq: 2,
      kind: 'note_added',
      actor: 'U0ALICE',
      source: 'slack-command',
      recorded_at: '2026-11-24T09:05:00.000+00:00',
      backdated: true,
      incident_title: 'Invoice phishing',
      severity: 'sev2',
    });
  });

  it('uses +00:00 rather than Z', () => {
    expect(timesketchDatetime(new Date('2026-11-24T10:00:05Z'))).toBe('2026-11-24T10:00:05.000+00:00');
  });

  it('gives the CSV a header of all columns and quotes text with commas and line breaks', async () => {
    const odd = anEvent({ seq: 1, kind: 'note_added', occurredAt: new Date('2026-11-24T09:00:00Z'), summary: 'a, "b"\nc' });
    const text = await collect(renderTimesketchCsv(aReportSource({ events: [odd], incident: { title: '=HYPERLINK("x")' } })));
    const [head, row] = parseCsv(text);
    expect(head).toEqual([...TIMESKETCH_COLUMNS]);
    expect(row?.[0]).toBe('[INC-7] a, "b"\nc');
    // The title is user input and these files get opened in spreadsheets too.
    expect(row?.[TIMESKETCH_COLUMNS.indexOf('incident_title')]).toBe(`'=HYPERLINK("x")`);
  });

  it('writes one JSON object per line, nothing else', async () => {
    const lines = (await collect(renderTimesketch(aReportSource()))).split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((l) => JSON.parse(l).seq)).toEqual(events.map((e) => e.seq));
  });
});
