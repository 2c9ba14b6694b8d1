// The timeline's hash chain. Each event's hash covers its content and the hash of the incident's previous event, so
// editing, deleting or reordering a stored event breaks every link after it.
//
// Canonical form (documented in docs/cli.md): the RFC 8785 (JCS) canonical JSON of
//   { actor, correctsSeq, dedupeKey, incidentId, kind, occurredAt, payload, prevHash, recordedAt, seq, source }
// with occurredAt and recordedAt as ISO 8601 UTC strings with milliseconds (Date.toISOString), null for an absent
// dedupeKey, correctsSeq or prevHash, and the payload as stored (jsonb). The hash is the lowercase hex SHA-256 of
// that string's UTF-8 bytes.
import { hash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// canonicalize is CommonJS whose typings declare an ES default export: under NodeNext the default import is the
// function itself at run time, but TypeScript sees the module object. The cast states what Node actually gives.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** The stored fields an event's hash covers. */
export interface HashedFields {
  incidentId: number;
  seq: number;
  kind: string;
  actor: string;
  occurredAt: Date;
  recordedAt: Date;
  source: string;
  payload: unknown;
  dedupeKey: string | null;
  correctsSeq: number | null;
}

/** The members of the canonical object, in RFC 8785 order (keys sorted by UTF-16 code units). */
const MEMBERS = ['actor', 'correctsSeq', 'dedupeKey', 'incidentId', 'kind', 'occurredAt', 'payload', 'prevHash', 'recordedAt', 'seq', 'source'] as const;

/** The object an event's hash covers: its stored fields and the hash it chains to. */
export function hashEnvelope(e: HashedFields, prevHash: string | null): Record<(typeof MEMBERS)[number], unknown> {
  return {
    incidentId: e.incidentId,
    seq: e.seq,
    kind: e.kind,
    actor: e.actor,
    occurredAt: e.occurredAt.toISOString(),
    recordedAt: e.recordedAt.toISOString(),
    source: e.source,
    payload: e.payload,
    dedupeKey: e.dedupeKey,
    correctsSeq: e.correctsSeq,
    prevHash,
  };
}

/** The canonical text an event's hash is taken over (see the comment at the top of this file). */
export function canonicalEvent(e: HashedFields, prevHash: string | null): string {
  const envelope = hashEnvelope(e, prevHash);
  // The envelope's keys are known, so it is written member by member in their fixed order, each value canonicalized
  // by the library, as the library would write it (members whose value has no JSON form left out): the same text
  // without sorting eleven keys per event, which cost a 10,000-event report a third of its hashing time.
  let text = '';
  for (const key of MEMBERS) {
    const value = canonicalize(envelope[key]);
    if (value !== undefined) text += `${text ? ',' : ''}"${key}":${value}`;
  }
  return `{${text}}`;
}

/** Hex SHA-256 of the event's canonical form, chained to the previous event's hash (null for the first). */
export function eventHash(e: HashedFields, prevHash: string | null): string {
  // The one-shot hash: a report checks every event's, and a Hash object per event cost twice as much.
  return hash('sha256', canonicalEvent(e, prevHash), 'hex');
}
