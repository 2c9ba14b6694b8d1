// The format registry: every format has a renderer, a file extension, a media type and a file name.
import { describe, expect, it } from 'vitest';
import { FORMAT_INFO, renderReport, reportFileName } from '../../../../src/core/reports/formats/index.js';
import { REPORT_FORMATS } from '../../../../src/core/reports/report.js';
import { aReportSource, collect } from '../../../support/report-fixture.js';

describe('report formats', () => {
  it('describes every format', () => {
    expect(Object.keys(FORMAT_INFO).sort()).toEqual([...REPORT_FORMATS].sort());
    expect(FORMAT_INFO.md).toEqual({ extension: '.md', mimeType: 'text/markdown', label: 'Markdown' });
    expect(FORMAT_INFO.timesketch.extension).toBe('.jsonl');
    expect(FORMAT_INFO['timesketch-csv']).toMatchObject({ extension: '.csv', mimeType: 'text/csv' });
  });

  it('names report files after the incident and what they hold', () => {
    expect(REPORT_FORMATS.map((f) => reportFileName('INC-7', f))).toEqual([
      'INC-7-report.md',
      'INC-7-report.html',
      'INC-7-report.json',
      'INC-7-timeline.csv',
      'INC-7-timesketch.jsonl',
      'INC-7-timesketch.csv',
    ]);
    expect(reportFileName('../INC 7/', 'md')).toBe('INC-7-report.md');
  });

  it('dispatches to the renderer of each format', async () => {
    const starts = await Promise.all(REPORT_FORMATS.map(async (f) => (await collect(renderReport(f, aReportSource()))).slice(0, 15)));
    expect(starts).toEqual(['# INC-7: Invoic', '<!DOCTYPE html>', '{"schema":"ramp', 'incident,seq,da', '{"message":"[IN', 'message,datetim']);
  });
});
