// Declaring an incident that Rampart opens by itself (a tripped decoy, an alert from another tool, a reported
// phishing mail), inside the caller's transaction: the caller has already locked what decides whether to open a new
// incident or join an open one, so both happen under one lock. The actor on the timeline is Rampart; the reporter
// is whoever should be invited and told (the admin who planted a decoy, a mapped reporter), or Rampart itself.
import type { Tx } from '../../db/types.js';
import type { CoreDeps } from '../context.js';
import type { Incident, Severity } from './incident.js';
import { insertIncident, nextIncidentNumber } from './queries.js';
import { appendEvent } from '../timeline/queries.js';
import { noticeDeclared } from '../outbox/incident-notices.js';
import { followIncident } from '../reminders/track.js';
import { redactFor, type RedactionDeps } from '../redaction/apply.js';

/** Who the timeline says acted when Rampart did something by itself. */
export const SYSTEM_ACTOR = { actor: 'rampart', source: 'system' } as const;

/** What a system declaration stores; title and description pass the redaction step here. */
export interface SystemDeclaration {
  title: string;
  description: string;
  type: string;
  severity: Severity;
  private: boolean;
  reporterId: string;
}

/** Declares the incident in `tx`, writes incident_declared and enqueues its Slack set-up, as declareIncident would. */
export async function declareBySystem(
  deps: RedactionDeps & Pick<CoreDeps, 'announceChannel' | 'reminders'>,
  tx: Tx,
  input: SystemDeclaration,
  now: Date,
): Promise<{ incident: Incident; setup: string }> {
  const title = redactFor(deps, input.title).text;
  const description = redactFor(deps, input.description).text;
  const { type, severity } = input;
  const incident = await insertIncident(tx, {
    number: await nextIncidentNumber(tx),
    title,
    description,
    type,
    severity,
    private: input.private,
    drill: false,
    reporterId: input.reporterId,
    declaredAt: now,
    updatedAt: now,
  });
  await appendEvent(tx, incident.id, { kind: 'incident_declared', ...SYSTEM_ACTOR, payload: { title, description, type, severity, private: input.private, drill: false } }, now);
  await followIncident(tx, deps, incident, 'declared', SYSTEM_ACTOR.actor, now);
  // Responders learn of it where they learn of every incident; a private one's announcement names nothing more.
  return { incident, setup: await noticeDeclared(tx, { incident, channel: deps.announceChannel, now }) };
}
