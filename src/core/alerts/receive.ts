// Receiving an alert. The body is checked and redacted first (a bad one writes nothing). Then one transaction: the
// source is found by its token's hash and share-locked (a revoke waits for alerts in flight); an alert with a dedupe key
// locks its (source, key) row, so concurrent alerts with one key agree on one incident; an open incident that key
// opened is joined, otherwise a triage incident is declared (declareBySystem, as a tripped decoy does). The alert row,
// its alert_received event and its observables (with observable_added events) commit with it.
import { AppError } from '../../shared/errors.js';
import type { Tx } from '../../db/types.js';
import { inTransaction, type CoreDeps } from '../context.js';
import { OPEN_STATUSES, type Incident } from '../incidents/incident.js';
import { findById } from '../incidents/queries.js';
import { declareBySystem, SYSTEM_ACTOR } from '../incidents/declare-system.js';
import { insertObservable } from '../observables/queries.js';
import { redactJson } from '../redaction/apply.js';
import { appendEvent } from '../timeline/queries.js';
import type { TimelineEvent } from '../timeline/events.js';
import { checkAlert, tokenHash, type AlertSource, type CheckedAlert } from './alert.js';
import { findLiveSourceByHash, insertAlert, lockDedupeKey, setDedupeIncident } from './queries.js';

/** What receiving an alert did: the incident it opened or joined, and the stored alert's id. */
export interface ReceivedAlert {
  incident: Incident;
  joined: boolean;
  alertId: number;
  /** The alert_received event (adapters tell a joined incident's channel of it, once, keyed by it). */
  event: TimelineEvent;
  /** Observables the incident did not have yet and now has. */
  observablesAdded: number;
  /** Outbox key of a new incident's Slack set-up (channel, announcement), as for any declaration. */
  setup?: string;
}

/** Receives an alert posted with a source's token; not_authenticated for an unknown or revoked token. */
export async function receiveAlert(deps: CoreDeps, token: string, body: unknown): Promise<ReceivedAlert> {
  const hash = tokenHash(token);
  if (!hash) throw notAuthenticated();
  const alert = checkAlert(deps, body);
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const source = await findLiveSourceByHash(tx, hash, { forShare: true });
    if (!source) throw notAuthenticated();
    const key = alert.dedupeKey;
    const open = key ? await openIncidentFor(tx, source.id, key) : undefined;
    const { incident, setup } = open ? { incident: open, setup: undefined } : await declareFor(deps, tx, source, alert, now);
    if (key && !open) await setDedupeIncident(tx, source.id, key, incident.id);
    const payload = redactJson(deps, alertPayload(alert)).value;
    const alertId = await insertAlert(tx, { sourceId: source.id, dedupeKey: key ?? null, incidentId: incident.id, joined: !!open, receivedAt: now, payload });
    const event = await appendEvent(
      tx,
      incident.id,
      { kind: 'alert_received', ...SYSTEM_ACTOR, payload: { alertId, source: source.name, joined: !!open, ...alertPayload(alert) } },
      now,
    );
    const observablesAdded = await recordObservables(tx, incident.id, alert, now);
    return { incident, joined: !!open, alertId, event: event!, observablesAdded, ...(setup ? { setup } : {}) };
  });
}

/** The stored form of an alert: its checked fields as the API names them (keys left out when not sent). */
function alertPayload(a: CheckedAlert) {
  return {
    title: a.title,
    severity: a.severity,
    type: a.type,
    ...(a.description ? { description: a.description } : {}),
    ...(a.dedupeKey ? { dedupeKey: a.dedupeKey } : {}),
    ...(a.link ? { link: a.link } : {}),
    ...(a.observables.length > 0 ? { observables: a.observables } : {}),
    ...(a.redacted.length > 0 ? { redacted: a.redacted } : {}),
  };
}

/** The open incident this source's key opened, locked for the append; the key's row is locked first. */
async function openIncidentFor(tx: Tx, sourceId: number, key: NonNullable<CheckedAlert['dedupeKey']>): Promise<Incident | undefined> {
  const { incidentId } = await lockDedupeKey(tx, sourceId, key);
  if (incidentId === null) return undefined;
  const incident = await findById(tx, incidentId, { forUpdate: true });
  // Resolved or closed since: the key's next alert deserves a new incident (and the key then points at that one).
  return incident && OPEN_STATUSES.includes(incident.status) ? incident : undefined;
}

/**
 * A new triage incident for the alert. Always private: an alert forwarded by a script often names a person (a
 * suspicious login, a "was this you?" answer), and a responder can make it public after a look; sensitive types
 * would force it anyway. The reporter is Rampart: the source is a tool, and who created it may have moved on.
 */
function declareFor(deps: CoreDeps, tx: Tx, source: AlertSource, alert: CheckedAlert, now: Date): Promise<{ incident: Incident; setup: string }> {
  return declareBySystem(
    deps,
    tx,
    {
      title: alert.title,
      description: alert.description || `Alert from ${source.name}.`,
      type: alert.type,
      severity: alert.severity,
      private: true,
      reporterId: SYSTEM_ACTOR.actor,
    },
    now,
  );
}

/** Adds the alert's observables the incident lacks (each with its observable_added event); returns how many. */
async function recordObservables(tx: Tx, incidentId: number, alert: CheckedAlert, now: Date): Promise<number> {
  let added = 0;
  for (const o of alert.observables) {
    const row = await insertObservable(tx, { incidentId, type: o.type, value: o.value, origin: 'alert', addedBy: SYSTEM_ACTOR.actor, addedAt: now });
    if (!row) continue;
    added++;
    await appendEvent(tx, incidentId, { kind: 'observable_added', ...SYSTEM_ACTOR, payload: { observableId: row.id, type: o.type, value: o.value, origin: 'alert' } }, now);
  }
  return added;
}

function notAuthenticated(): AppError {
  return new AppError('not_authenticated', 'Unknown or revoked alert source token: send `Authorization: Bearer <token>` with a live source’s token.');
}
