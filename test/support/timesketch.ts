// A checker for Timesketch's import rules (../shared/corpora/README.md, "Timesketch import"), so tests can tell
// whether an export would import cleanly without running Timesketch:
// - message, datetime (ISO 8601 with offset) and timestamp_desc are required;
// - timestamp (microseconds since the epoch) is optional, and recomputed from datetime on CSV import;
// - extra columns are kept;
// - a JSONL line missing a required field is an error (as is a line that is not a JSON object);
// - rows whose datetime is empty, unparseable, or has a year outside 1700–9999 are dropped.
// Like Timesketch (pandas), a datetime without an offset is read as UTC; that is reported as a warning, since our
// exports must always write the offset. Newer Timesketch versions also accept an epoch number as datetime, or derive
// datetime from timestamp; these rules do not, so an export that passes here imports into old and new versions alike.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPORA } from './corpora.js';

/** Timesketch's own import test files, in the shared corpora. */
export const TIMESKETCH_SAMPLES = path.join(CORPORA, 'timesketch', 'samples');

/** True when the Timesketch samples are present; otherwise prints why the calling file's tests are skipped. */
export function haveTimesketchSamples(what: string): boolean {
  const present = existsSync(TIMESKETCH_SAMPLES);
  if (!present) console.warn(`[skip] ${what}: the Timesketch samples are not at ${TIMESKETCH_SAMPLES}`);
  return present;
}

/** One sample file's text. */
export function readTimesketchSample(name: string): string {
  return readFileSync(path.join(TIMESKETCH_SAMPLES, name), 'utf8');
}

/** Fields every Timesketch event needs. */
export const REQUIRED = ['message', 'datetime', 'timestamp_desc'] as const;

/** The outcome of checking a file: the rows Timesketch would import, and what went wrong with the others. */
export interface TimesketchCheck {
  rows: Record<string, unknown>[];
  /** Problems that fail the import (missing required columns or fields, broken JSON or CSV). */
  errors: string[];
  /** Rows Timesketch would silently skip (bad or out-of-range datetime). */
  dropped: string[];
  /** Rows imported with a guess (no offset: read as UTC). */
  warnings: string[];
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** A parsed datetime: microseconds since the epoch, and whether it carried an offset; null when unparseable. */
export function parseTimesketchDatetime(text: string): { micros: number; year: number; hasOffset: boolean } | null {
  const m = DATETIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  // Date.UTC rolls 2026-02-31 over to March: a date that does not come back the same does not exist.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    if (!z) return null;
    offsetMinutes = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
  }
  // Microseconds as a Number are exact up to about the year 2255; enough for these checks.
  const micros = (ms - offsetMinutes * 60_000) * 1000 + Number(frac.padEnd(6, '0').slice(0, 6));
  return { micros, year, hasOffset: Boolean(zone) };
}

/** Applies the datetime rules to one row; returns the reason to drop it, or null to keep it. */
function checkDatetime(row: Record<string, unknown>, where: string, out: TimesketchCheck, recompute: boolean): string | null {
  const raw = row.datetime;
  if (typeof raw !== 'string' || raw.trim() === '') return `${where}: no datetime`;
  const parsed = parseTimesketchDatetime(raw);
  if (!parsed) return `${where}: unparseable datetime ${JSON.stringify(raw)}`;
  if (parsed.year < 1700 || parsed.year > 9999) return `${where}: year ${parsed.year} out of range 1700–9999`;
  if (!parsed.hasOffset) out.warnings.push(`${where}: datetime ${JSON.stringify(raw)} has no offset, read as UTC`);
  if (recompute || row.timestamp === undefined) row.timestamp = parsed.micros;
  return null;
}

/** Checks a JSONL file as Timesketch's importer would. */
export function checkTimesketchJsonl(text: string): TimesketchCheck {
  const out: TimesketchCheck = { rows: [], errors: [], dropped: [], warnings: [] };
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    const where = `line ${i + 1}`;
    if (line.trim() === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (e) {
      out.errors.push(`${where}: not JSON (${(e as Error).message})`);
      continue;
    }
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      out.errors.push(`${where}: not a JSON object`);
      continue;
    }
    const record = row as Record<string, unknown>;
    const missing = REQUIRED.filter((f) => !(f in record));
    if (missing.length) {
      out.errors.push(`${where}: missing field(s) ${missing.join(', ')}`);
      continue;
    }
    const drop = checkDatetime(record, where, out, false);
    if (drop) out.dropped.push(drop);
    else out.rows.push(record);
  }
  return out;
}

/** Checks a CSV file as Timesketch's importer would: a header row naming the columns, then one event per row. */
export function checkTimesketchCsv(text: string): TimesketchCheck {
  const out: TimesketchCheck = { rows: [], errors: [], dropped: [], warnings: [] };
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (e) {
    return { ...out, errors: [(e as Error).message] };
  }
  const [head = [], ...body] = records;
  const missing = REQUIRED.filter((f) => !head.includes(f));
  // Timesketch refuses the whole file when a required column is missing.
  if (missing.length) return { ...out, errors: [`missing column(s) ${missing.join(', ')}; found ${head.join(', ')}`] };
  for (const [i, fields] of body.entries()) {
    const where = `row ${i + 1}`;
    if (fields.length > head.length) {
      out.errors.push(`${where}: ${fields.length} fields, the header has ${head.length}`);
      continue;
    }
    // pandas leaves empty cells out of the event (NaN is dropped), so an empty column is absent, not "".
    const row: Record<string, unknown> = {};
    head.forEach((column, k) => {
      const value = fields[k] ?? '';
      if (value !== '') row[column] = value;
    });
    const drop = checkDatetime(row, where, out, true);
    if (drop) out.dropped.push(drop);
    else out.rows.push(row);
  }
  return out;
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF ends a record; blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') records.push(fields);
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const c = text.charAt(i);
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
        const next = text[i + 1];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') throw new Error(`CSV: text after a closing quote at offset ${i}`);
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    }
    else if (c === '\n') endRecord();
    else if (c === '\r') {
      if (text[i + 1] === '\n') i++;
      endRecord();
    } else field += c;
    i++;
  }
  if (quoted) throw new Error('CSV: a quoted field is not closed');
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
