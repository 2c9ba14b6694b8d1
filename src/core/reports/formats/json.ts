// The report as JSON for scripts and archives (shape documented in docs/report-json.md). Written by hand around
// the events array so events stream out one by one instead of building one huge string with JSON.stringify.
import { REPORT_VERSION, type ReportEvent, type ReportHeader, type ReportSource } from '../report.js';
import { inChunks } from './chunks.js';

/** The value of the document's `schema` field. */
export const REPORT_SCHEMA = 'rampart.incident-report';

/** A value with every Date as an ISO 8601 UTC string (`Date.toISOString()`), everything else as it is. */
function withIsoDates(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(withIsoDates);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withIsoDates(v)]));
  }
  return value;
}

/** Whether a value holds a Date anywhere. Payloads read back from jsonb hold none, and copying each one cost time. */
function holdsDate(value: unknown): boolean {
  if (value instanceof Date) return true;
  if (Array.isArray(value)) return value.some(holdsDate);
  if (value !== null && typeof value === 'object') {
    for (const key in value) if (Object.hasOwn(value, key) && holdsDate((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/** The header as JSON-ready data, fields in documented order (without schema/version, which the document adds). */
export function jsonHeader(h: ReportHeader): Record<string, unknown> {
  return {
    // First, as every report opens with its marking.
    ...(h.tlp ? { tlp: { ...h.tlp, withheld: h.tlp.withheld.map((w) => ({ ...w })) } } : {}),
    generatedAt: h.generatedAt.toISOString(),
    timezone: h.timezone,
    incident: withIsoDates(h.incident),
    keyTimes: withIsoDates(h.keyTimes),
    durations: { ...h.durations },
    phases: withIsoDates(h.phases),
    people: withIsoDates(h.people),
    playbooks: withIsoDates(h.playbooks),
    review: withIsoDates(h.review),
    reviewVersions: h.reviewVersions,
    ...(h.followups ? { followups: h.followups.map((f) => ({ ...f })) } : {}),
    ...(h.observables ? { observables: h.observables.map((o) => ({ ...o, addedAt: o.addedAt.toISOString() })) } : {}),
    ...(h.clocks ? { clocks: withIsoDates(h.clocks) } : {}),
    ...(h.asks ? { asks: withIsoDates(h.asks) } : {}),
    ...(h.evidence ? { evidence: withIsoDates(h.evidence) } : {}),
    awareness: withIsoDates(h.awareness),
    eventCount: h.eventCount,
    ...(h.verification ? { verification: { ...h.verification } } : {}),
    ...(h.names ? { names: { ...h.names } } : {}),
  };
}

/** One event as JSON-ready data, fields in documented order. */
export function jsonEvent(e: ReportEvent): Record<string, unknown> {
  return {
    seq: e.seq,
    kind: e.kind,
    actor: e.actor,
    source: e.source,
    occurredAt: e.occurredAt.toISOString(),
    recordedAt: e.recordedAt.toISOString(),
    backdated: e.backdated,
    correctsSeq: e.correctsSeq,
    summary: e.summary,
    payload: holdsDate(e.payload) ? withIsoDates(e.payload) : e.payload,
  };
}

async function* pieces(source: ReportSource): AsyncGenerator<string> {
  const top = { schema: REPORT_SCHEMA, version: REPORT_VERSION, ...jsonHeader(source.header) };
  // One top-level field per line and one event per line: still valid JSON, and readable with grep and diff.
  yield `{${Object.entries(top).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',\n')},\n"events":[`;
  let first = true;
  for await (const e of source.events()) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(jsonEvent(e))}`;
    first = false;
  }
  yield `${first ? '' : '\n'}]}\n`;
}

/** The report as one JSON document, streamed: the header fields, then the events array element by element. */
export function renderJson(source: ReportSource): AsyncIterable<string> {
  return inChunks(pieces(source));
}
