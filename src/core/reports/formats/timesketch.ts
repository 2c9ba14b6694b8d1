// The timeline for Timesketch (forensic timeline analysis): JSONL and CSV with the three fields its importer requires
// (message, datetime, timestamp_desc), plus timestamp, data_type and our own columns, which Timesketch keeps.
import type { ReportEvent, ReportHeader, ReportSource, ReportTlp } from '../report.js';
import { markingMessage } from './marking-lines.js';
import { inChunks } from './chunks.js';
import { csvRow, guardFormula, TIMESTAMP_DESC } from './csv.js';

/** The columns of a Timesketch row, in order (JSONL keys and CSV header alike). */
export const TIMESKETCH_COLUMNS = [
  'message',
  'datetime',
  'timestamp_desc',
  'timestamp',
  'data_type',
  'incident',
  'seq',
  'kind',
  'actor',
  'source',
  'recorded_at',
  'backdated',
  'incident_title',
  'severity',
] as const;

/** One Timesketch event. */
export type TimesketchRow = Record<(typeof TIMESKETCH_COLUMNS)[number], string | number | boolean>;

/** ISO 8601 with an explicit `+00:00` offset: Timesketch's own form, and unambiguous for any importer. */
export function timesketchDatetime(d: Date): string {
  return d.toISOString().replace(/Z$/, '+00:00');
}

/** The Timesketch row for one event of one incident (also used by the multi-incident export). */
export function timesketchRow(header: Pick<ReportHeader, 'incident'>, e: ReportEvent): TimesketchRow {
  const i = header.incident;
  return {
    message: `[${i.ref}] ${e.summary}`,
    // The time it happened, also for back-dated events: recorded_at says when it was written down.
    datetime: timesketchDatetime(e.occurredAt),
    timestamp_desc: TIMESTAMP_DESC,
    timestamp: e.occurredAt.getTime() * 1000,
    data_type: `rampart:timeline:${e.kind}`,
    incident: i.ref,
    seq: e.seq,
    kind: e.kind,
    actor: e.actor,
    source: e.source,
    recorded_at: timesketchDatetime(e.recordedAt),
    backdated: e.backdated,
    incident_title: i.title,
    severity: i.severity,
  };
}

/** The first row of a Timesketch file: the marking and what was withheld, at the time the file was written. */
export function timesketchMarkingRow(ref: string, title: string, severity: string, generatedAt: Date, tlp: ReportTlp, noun?: string): TimesketchRow {
  return {
    message: ref ? `[${ref}] ${markingMessage(tlp, noun)}` : markingMessage(tlp, noun),
    datetime: timesketchDatetime(generatedAt),
    timestamp_desc: 'Report Generated',
    timestamp: generatedAt.getTime() * 1000,
    data_type: 'rampart:tlp_marking',
    incident: ref,
    seq: 0,
    kind: 'tlp_marking',
    actor: 'rampart',
    source: 'system',
    recorded_at: timesketchDatetime(generatedAt),
    backdated: false,
    incident_title: title,
    severity,
  };
}

/** The marking row of one incident's report, if it carries a marking. */
function markingRowOf(h: ReportHeader): TimesketchRow[] {
  return h.tlp ? [timesketchMarkingRow(h.incident.ref, h.incident.title, h.incident.severity, h.generatedAt, h.tlp)] : [];
}

/** A Timesketch row as CSV fields. Free text is guarded against formulas: these files get opened in spreadsheets too. */
export function timesketchCsvFields(row: TimesketchRow): string[] {
  const guarded = new Set<string>(['message', 'actor', 'incident_title']);
  return TIMESKETCH_COLUMNS.map((c) => (guarded.has(c) ? guardFormula(String(row[c])) : String(row[c])));
}

async function* jsonlPieces(source: ReportSource): AsyncGenerator<string> {
  for (const row of markingRowOf(source.header)) yield `${JSON.stringify(row)}\n`;
  for await (const e of source.events()) yield `${JSON.stringify(timesketchRow(source.header, e))}\n`;
}

async function* csvPieces(source: ReportSource): AsyncGenerator<string> {
  yield csvRow(TIMESKETCH_COLUMNS);
  for (const row of markingRowOf(source.header)) yield csvRow(timesketchCsvFields(row));
  for await (const e of source.events()) yield csvRow(timesketchCsvFields(timesketchRow(source.header, e)));
}

/** The timeline as Timesketch JSONL, streamed: one JSON object per line, per event. */
export function renderTimesketch(source: ReportSource): AsyncIterable<string> {
  return inChunks(jsonlPieces(source));
}

/** The timeline as Timesketch CSV, streamed: a header row, then one row per event. */
export function renderTimesketchCsv(source: ReportSource): AsyncIterable<string> {
  return inChunks(csvPieces(source));
}
