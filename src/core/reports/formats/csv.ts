// The timeline as CSV (RFC 4180), one row per event, for spreadsheets and other tools. The columns start like
// Timesketch's (datetime, timestamp_desc, message) so the file also imports there, but the Timesketch formats
// (timesketch.ts) are the ones meant for that.
import type { ReportEvent, ReportSource, ReportTlp } from '../report.js';
import { markingMessage } from './marking-lines.js';
import { inChunks } from './chunks.js';

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  'incident',
  'seq',
  'datetime',
  'timestamp_desc',
  'message',
  'kind',
  'actor',
  'source',
  'recorded_at',
  'backdated',
  'corrects_seq',
  'payload',
] as const;

/** What `timestamp_desc` says: the time given is when the event happened, even for back-dated events. */
export const TIMESTAMP_DESC = 'Event Occurred';

/** One field, quoted when it holds a comma, a quote, CR or LF (quotes doubled), as RFC 4180 asks. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record: fields quoted as needed, joined by commas, ended by CRLF (RFC 4180). */
export function csvRow(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * Text a spreadsheet would not run as a formula: a leading `=`, `+`, `-`, `@` (and tab or CR, which some spreadsheets
 * skip before looking) gets a `'` in front (OWASP "CSV injection"). Only for free-text columns: a datetime or a
 * number must stay as it is.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The CSV fields for one event, in CSV_COLUMNS order. */
export function csvEventFields(ref: string, e: ReportEvent): string[] {
  return [
    ref,
    String(e.seq),
    e.occurredAt.toISOString(),
    TIMESTAMP_DESC,
    guardFormula(e.summary),
    e.kind,
    guardFormula(e.actor),
    e.source,
    e.recordedAt.toISOString(),
    e.backdated ? 'true' : 'false',
    e.correctsSeq === null ? '' : String(e.correctsSeq),
    guardFormula(JSON.stringify(e.payload)),
  ];
}

/** The first row of a timeline file: the report's marking and what it withheld, as a row every CSV reader takes. */
export function csvMarkingFields(ref: string, generatedAt: Date, tlp: ReportTlp, noun?: string): string[] {
  const fields: Record<(typeof CSV_COLUMNS)[number], string> = {
    incident: ref,
    seq: '',
    datetime: generatedAt.toISOString(),
    timestamp_desc: 'Report Generated',
    message: markingMessage(tlp, noun),
    kind: 'tlp_marking',
    actor: 'rampart',
    source: 'system',
    recorded_at: generatedAt.toISOString(),
    backdated: 'false',
    corrects_seq: '',
    payload: JSON.stringify(tlp),
  };
  return CSV_COLUMNS.map((c) => fields[c]);
}

async function* pieces(source: ReportSource): AsyncGenerator<string> {
  yield csvRow(CSV_COLUMNS);
  const h = source.header;
  if (h.tlp) yield csvRow(csvMarkingFields(h.incident.ref, h.generatedAt, h.tlp));
  for await (const e of source.events()) yield csvRow(csvEventFields(source.header.incident.ref, e));
}

/** The timeline as CSV, streamed: a header row, then one row per event in occurred order. */
export function renderCsv(source: ReportSource): AsyncIterable<string> {
  return inChunks(pieces(source));
}
