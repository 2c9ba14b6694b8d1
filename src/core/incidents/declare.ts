// Declaring an incident: validate, then one transaction that numbers it, stores it and writes incident_declared.
// Slack work (channel, invites, announcement) is the adapter's, after this returns.
import { AppError } from '../errors.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { appendEvent } from '../timeline/queries.js';
import { slackTsToDate, type SlackMessageRef } from '../timeline/events.js';
import { DEFAULT_SEVERITY, parseSeverity, type Incident } from './incident.js';
import { insertIncident, nextIncidentNumber } from './queries.js';
import { checkText, checkTitle, MAX_DESCRIPTION } from './text-rules.js';

/** What a person declares. Omitted fields take defaults: sev3, type other, private. */
export interface Declaration {
  title: string;
  description?: string;
  type?: string;
  severity?: string;
  /** undefined means the default, which is private. */
  private?: boolean;
  drill?: boolean;
  /** The Slack message this was reported from (message shortcut). */
  sourceMessage?: SlackMessageRef;
}

/** The declared incident and why it is private, when that was not asked for. */
export interface Declared {
  incident: Incident;
  forcedPrivateBecause?: string;
}

/** Declares an incident. */
export async function declareIncident(deps: CoreDeps, actor: Actor, input: Declaration): Promise<Declared> {
  const title = checkTitle(input.title);
  const description = checkText(input.description ?? '', 'description', MAX_DESCRIPTION);
  const type = checkType(deps, input.type ?? 'other');
  const severity = input.severity ? parseSeverity(input.severity) : DEFAULT_SEVERITY;
  const sensitive = deps.sensitiveTypes.includes(type);
  const isPrivate = input.private ?? true;
  const now = deps.clock.now();
  const incident = await inTransaction(deps, async (tx) => {
    const number = await nextIncidentNumber(tx);
    const created = await insertIncident(tx, {
      number,
      title,
      description,
      type,
      severity,
      private: isPrivate || sensitive,
      drill: input.drill ?? false,
      reporterId: actor.id,
      declaredAt: now,
      updatedAt: now,
    });
    await appendEvent(
      tx,
      created.id,
      {
        kind: 'incident_declared',
        actor: actor.id,
        source: actor.source,
        payload: {
          title,
          description,
          type,
          severity,
          private: created.private,
          drill: created.drill,
          ...(input.sourceMessage ? { sourceMessage: input.sourceMessage } : {}),
        },
      },
      now,
    );
    if (input.sourceMessage) {
      // The reported message is its own event at the time it was posted, which is usually before the declaration.
      await appendEvent(
        tx,
        created.id,
        {
          kind: 'message_reported',
          actor: actor.id,
          source: actor.source,
          payload: input.sourceMessage,
          occurredAt: slackTsToDate(input.sourceMessage.ts) ?? now,
        },
        now,
      );
    }
    return created;
  });
  return { incident, ...(sensitive && !isPrivate ? { forcedPrivateBecause: `type ${type} is security-sensitive` } : {}) };
}

/** Validates an incident type against the configured list. */
export function checkType(deps: Pick<CoreDeps, 'incidentTypes'>, raw: string): string {
  const type = raw.trim().toLowerCase();
  if (deps.incidentTypes.includes(type)) return type;
  throw new AppError('unknown_type', `"${raw}" is not a known incident type. Known types: ${deps.incidentTypes.join(', ')}.`);
}
