// The Timesketch checker (test/support/timesketch.ts) against Timesketch's own import test files: if it agrees with
// Timesketch on those, its verdict on our exports can be trusted. Expected values come from Timesketch's utils_test.py.
import { describe, expect, it } from 'vitest';
import {
  checkTimesketchCsv,
  checkTimesketchJsonl,
  haveTimesketchSamples,
  parseCsv,
  parseTimesketchDatetime,
  readTimesketchSample,
} from '../../../support/timesketch.js';

const csv = (name: string) => checkTimesketchCsv(readTimesketchSample(name));
const jsonl = (name: string) => checkTimesketchJsonl(readTimesketchSample(name));

describe.skipIf(!haveTimesketchSamples('Timesketch checker on the sample files'))('the Timesketch checker on Timesketch samples', () => {
  it('accepts sigma_events.jsonl and sigma_events.csv entirely, keeping extra fields', () => {
    const lines = jsonl('sigma_events.jsonl');
    expect(lines).toMatchObject({ errors: [], dropped: [], warnings: [] });
    expect(lines.rows).toHaveLength(5);
    expect(lines.rows[0]).toMatchObject({ message: 'A message', extra_field_1: 'foo', timestamp: 123456789 });
    const rows = csv('sigma_events.csv');
    expect(rows).toMatchObject({ errors: [], dropped: [], warnings: [] });
    expect(rows.rows).toHaveLength(4);
    expect(rows.rows[3]).toMatchObject({ parser: 'apt_history', data_type: 'apt:history:line' });
  });

  it('drops the 1601 row of validate_time_out_of_range.csv and keeps the 2227 one', () => {
    const r = csv('validate_time_out_of_range.csv');
    expect(r.errors).toEqual([]);
    expect(r.dropped).toEqual(['row 1: year 1601 out of range 1700–9999']);
    expect(r.rows.map((row) => row.data_type)).toEqual(['csv_very_future_event']);
  });

  it('drops the unparseable row of invalid_datetime.csv and reads the others, which lack an offset, as UTC', () => {
    const r = csv('invalid_datetime.csv');
    expect(r.dropped).toEqual(['row 4: unparseable datetime "1234 19:01:01"']);
    expect(r.rows.map((row) => row.data_type)).toEqual(['Missing_timezone_info', 'wrong_timestamp', 'long_timestamp']);
    expect(r.warnings).toHaveLength(3);
  });

  it('computes the timestamp of validate_date_events_missing_timestamp.csv from its datetime', () => {
    const r = csv('validate_date_events_missing_timestamp.csv');
    expect(r).toMatchObject({ errors: [], dropped: [], warnings: [] });
    expect(r.rows).toEqual([
      { message: 'No timestamp', datetime: '2022-07-24T19:01:01+00:00', timestamp_desc: 'Time Logged', data_type: 'This event has no timestamp', timestamp: 1658689261000000 },
    ]);
  });

  it('recomputes CSV timestamps from datetime, whatever the file says', () => {
    expect(csv('validate_timestamp_conversion.csv').rows.map((r) => r.timestamp)).toEqual([1331698658000000, 1658689261000000, 1437789661000000]);
    expect(csv('csv_datetime_last_column.csv').rows.map((r) => r.timestamp)).toEqual([1532689087000000, 1532691305000000, 1532692593000000, 1532694290000000]);
    expect(csv('validate_time_precision.csv').rows.map((r) => r.timestamp)).toEqual([1721818622877297, 1437764461000000]);
  });

  it('keeps JSONL timestamps as given', () => {
    const r = jsonl('validate_time_precision_jsonl.jsonl');
    expect(r.rows.map((row) => row.timestamp)).toEqual([123456789, 1331698658276340]);
    expect(jsonl('large_field_event.jsonl').rows).toHaveLength(3);
  });

  it('drops rows with an empty or blank datetime', () => {
    const r = csv('validate_no_datetime_timestamps.csv');
    expect(r.dropped).toEqual(['row 1: no datetime', 'row 2: no datetime']);
    expect(r.rows).toHaveLength(3);
  });

  it('refuses a CSV without the required columns', () => {
    expect(csv('incorrect.csv').errors).toEqual([expect.stringContaining('missing column(s) datetime, timestamp_desc')]);
    expect(csv('csv_timestamp_no_datetime.csv').errors).toEqual([expect.stringContaining('missing column(s) datetime')]);
  });

  it('is stricter than newer Timesketch on epoch numbers in datetime: those rows are dropped', () => {
    const r = csv('csv_timestamp_as_datetime.csv');
    expect(r.rows).toHaveLength(0);
    expect(r.dropped).toHaveLength(4);
  });

  it('reads a 500-column CSV with CRLF line ends', () => {
    expect(csv('mapping_limit_exceed.csv')).toMatchObject({ errors: [], dropped: [] });
  });
});

describe('the Timesketch checker on made-up input', () => {
  it('reports a JSONL line missing a required field, and a line that is not JSON', () => {
    const r = checkTimesketchJsonl('{"message":"m","datetime":"2020-01-01T00:00:00+00:00"}\nnot json\n');
    expect(r.errors).toEqual(['line 1: missing field(s) timestamp_desc', expect.stringMatching(/^line 2: not JSON/)]);
  });

  it('parses datetimes with offsets, fractions and Z, and rejects dates that do not exist', () => {
    expect(parseTimesketchDatetime('2026-11-24T11:00:05.123456+01:00')?.micros).toBe(Date.UTC(2026, 10, 24, 10, 0, 5) * 1000 + 123456);
    expect(parseTimesketchDatetime('2026-11-24T10:00:05Z')?.hasOffset).toBe(true);
    expect(parseTimesketchDatetime('2026-02-30T10:00:00+00:00')).toBeNull();
    expect(parseTimesketchDatetime('yesterday')).toBeNull();
  });

  it('parses CSV with quoted commas, doubled quotes, line breaks and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\r\n\r\nlast,\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
      ['last', ''],
    ]);
    expect(() => parseCsv('a,"open')).toThrow(/not closed/);
  });
});
