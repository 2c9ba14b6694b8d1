// The stable JSON shapes of `rampart incidents --json` and `rampart timeline --json` (documented in docs/cli.md).
// Field names are snake_case and times ISO 8601 UTC; new fields may be added, existing ones never change meaning.
import type { Incident, TimelineEvent } from '../core/index.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An incident for scripts. */
export function incidentJson(i: Incident) {
  return {
    ref: i.ref,
    number: i.number,
    title: i.title,
    description: i.description,
    status: i.status,
    severity: i.severity,
    type: i.type,
    private: i.private,
    drill: i.drill,
    reporter: i.reporterId,
    commander: i.commanderId,
    comms: i.commsId,
    scribe: i.scribeId,
    channel: i.channelId,
    declared_at: iso(i.declaredAt),
    acknowledged_at: iso(i.acknowledgedAt),
    contained_at: iso(i.containedAt),
    resolved_at: iso(i.resolvedAt),
    closed_at: iso(i.closedAt),
  };
}

/** A timeline event for scripts. */
export function eventJson(e: TimelineEvent) {
  return {
    seq: e.seq,
    kind: e.kind,
    actor: e.actor,
    occurred_at: iso(e.occurredAt),
    recorded_at: iso(e.recordedAt),
    source: e.source,
    corrects_seq: e.correctsSeq,
    payload: e.payload,
  };
}
