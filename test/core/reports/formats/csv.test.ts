// The CSV timeline: RFC 4180 quoting that round-trips, and no formulas for spreadsheets.
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, csvRow, guardFormula, renderCsv } from '../../../../src/core/reports/formats/csv.js';
import { aReportSource, anEvent, collect, fixtureEvents, TRICKY_NOTE } from '../../../support/report-fixture.js';
import { parseCsv } from '../../../support/timesketch.js';

const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);

describe('CSV quoting', () => {
  it('quotes only fields that need it and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField('')).toBe('');
    expect(csvRow(['a', 'b,c'])).toBe('a,"b,c"\r\n');
  });

  it('round-trips any text through the parser', () => {
    const texts = ['', 'x', ',', '"', '""', 'a,"b"\r\nc', '\n', ' leading and trailing ', 'é → ✓'];
    expect(parseCsv(csvRow(texts))).toEqual([texts]);
  });

  it('guards formula starts, but only those', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'].map(guardFormula)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx"]);
    expect(guardFormula('Note: =1+1')).toBe('Note: =1+1');
  });
});

describe('CSV report', () => {
  it('has a header row, then one row per event in occurred order', async () => {
    const [head, ...rows] = parseCsv(await collect(renderCsv(aReportSource())));
    expect(head).toEqual([...CSV_COLUMNS]);
    expect(rows.map((r) => Number(r[column('seq')]))).toEqual(fixtureEvents().map((e) => e.seq));
    expect(rows[0]).toEqual([
      'INC-7', '2', '2026-11-24T08:40:00.000Z', 'Event Occurred', 'Note: First phishing mail opened by finance', 'note_added', 'U0ALICE',
      'slack-command', '2026-11-24T09:05:00.000Z', 'true', '', '{"text":"First phishing mail opened by finance"}',
    ]);
    expect(rows.find((r) => r[column('seq')] === '8')?.[column('corrects_seq')]).toBe('7');
  });

  it('round-trips a note with commas, quotes and line breaks', async () => {
    const text = `${TRICKY_NOTE}\nsecond line, "quoted"`;
    const e = anEvent({ seq: 1, kind: 'note_added', occurredAt: new Date('2026-11-24T09:00:00Z'), payload: { text }, summary: `Note: ${text}` });
    const [, row] = parseCsv(await collect(renderCsv(aReportSource({ events: [e] }))));
    expect(row?.[column('message')]).toBe(`Note: ${text}`);
    expect(JSON.parse(row?.[column('payload')] ?? '')).toEqual({ text });
  });

  it('guards message, actor and payload against formulas, never the datetime', async () => {
    const e = anEvent({ seq: 1, kind: 'note_added', actor: '@evil', occurredAt: new Date('2026-11-24T09:00:00Z'), summary: '=HYPERLINK("http://x","y")' });
    const [, row] = parseCsv(await collect(renderCsv(aReportSource({ events: [e] }))));
    expect(row?.[column('message')]).toBe(`'=HYPERLINK("http://x","y")`);
    expect(row?.[column('actor')]).toBe("'@evil");
    expect(row?.[column('datetime')]).toBe('2026-11-24T09:00:00.000Z');
  });
});
