// Declaring an incident: validate, then one transaction that stores it, writes incident_declared, enqueues its Slack
// set-up (channel, invite, first message, announcement, which the outbox carries out after this) and numbers it.
// The number is taken last (see numberIncident): concurrent declares queue on the counter only for that statement and
// the commit.
import { AppError } from '../../shared/errors.js';
import type { Tx } from '../../db/types.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { appendFirstEvents } from '../timeline/queries.js';
import { slackTsToDate, type NewEvent, type SlackMessageRef } from '../timeline/events.js';
import { knowPeople } from '../home/changes.js';
import { DEFAULT_SEVERITY, formatRef, namedPeople, parseSeverity, type Incident, type Severity } from './incident.js';
import { insertUnnumbered, numberIncident } from './queries.js';
import { checkText, checkTitle, MAX_DESCRIPTION } from './text-rules.js';
import { mergeFound, redactedField, redactFor, redactMessage, type SafeRedacted } from '../redaction/apply.js';
import { noticeDeclared } from '../outbox/incident-notices.js';
import { matchRule } from '../rules/rule.js';
import { followIncident } from '../reminders/track.js';

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

/** The declared incident, why it is private when that was not asked for, and the kinds of secret redacted. */
export interface Declared {
  incident: Incident;
  forcedPrivateBecause?: string;
  redacted?: string[];
  /** Outbox key of the Slack set-up, enqueued with the declaration (see src/core/outbox/channel-setup.ts). */
  setup: string;
}

/** Declares an incident. Secrets in the title, description and reported message are redacted before storing. */
export async function declareIncident(deps: CoreDeps, actor: Actor, input: Declaration): Promise<Declared> {
  const title = redactFor(deps, checkTitle(input.title));
  const description = redactFor(deps, checkText(input.description ?? '', 'description', MAX_DESCRIPTION));
  const source = input.sourceMessage ? redactMessage(deps, input.sourceMessage) : undefined;
  const found = mergeFound(title.found, description.found, source?.found ?? []);
  const type = checkType(deps, input.type ?? 'other');
  const severity = input.severity ? parseSeverity(input.severity) : DEFAULT_SEVERITY;
  const sensitive = deps.sensitiveTypes.includes(type);
  const isPrivate = input.private ?? true;
  const now = deps.clock.now();
  const declared = await inTransaction(
    deps,
    async (tx) => {
      const stored = await storeDeclaration(tx, deps, actor, { title, description, source, found, type, severity, isPrivate: isPrivate || sensitive, drill: input.drill ?? false, now });
      // The set-up carries no reference (the worker reads the incident when it runs, after the commit), so it is
      // enqueued before the number is taken; the rule matched is decided by what was declared, not by the number.
      const rule = matchRule(deps.rules, stored);
      const setup = await noticeDeclared(tx, { incident: stored, channel: deps.announceChannel, ...(rule ? { rule } : {}), now });
      return { stored, setup };
    },
    // The number is the very last statement: concurrent declares queue on the counter's row lock only for it and the
    // commit. Nothing before it needs the number (the events, reminders and set-up refer to the incident by id).
    async (tx, { stored, setup }) => {
      const number = await numberIncident(tx, stored.id);
      return { created: { ...stored, number, ref: formatRef(number) } satisfies Incident, setup };
    },
  );
  return {
    incident: declared.created,
    setup: declared.setup,
    ...(sensitive && !isPrivate ? { forcedPrivateBecause: `type ${type} is security-sensitive` } : {}),
    ...redactedField(found),
  };
}

/** What storeDeclaration stores, checked and redacted. */
interface Checked {
  title: SafeRedacted;
  description: SafeRedacted;
  source: ReturnType<typeof redactMessage> | undefined;
  found: string[];
  type: string;
  severity: Severity;
  isPrivate: boolean;
  drill: boolean;
  now: Date;
}

/** Stores the declared incident, not numbered yet, with its events and reminders (each keyed by the incident's id). */
async function storeDeclaration(tx: Tx, deps: Pick<CoreDeps, 'reminders'>, actor: Actor, c: Checked): Promise<Incident> {
  const { title, description, source, found, now } = c;
  const created = await insertUnnumbered(tx, {
    title: title.text,
    description: description.text,
    type: c.type,
    severity: c.severity,
    private: c.isPrivate,
    drill: c.drill,
    reporterId: actor.id,
    declaredAt: now,
    updatedAt: now,
  });
  const declaredEvent: NewEvent = {
    kind: 'incident_declared',
    actor: actor.id,
    source: actor.source,
    payload: {
      title: title.text,
      description: description.text,
      type: c.type,
      severity: c.severity,
      private: created.private,
      drill: created.drill,
      ...(source ? { sourceMessage: source.message } : {}),
      ...redactedField(found),
    },
  };
  // The reported message is its own event at the time it was posted, which is usually before the declaration.
  const reported: NewEvent[] = source
    ? [{ kind: 'message_reported', actor: actor.id, source: actor.source, payload: { ...source.message, ...redactedField(source.found) }, occurredAt: slackTsToDate(source.message.ts) ?? now }]
    : [];
  // The incident is new in this transaction: its first events go in one insert, and its Home people are known (only
  // the reporter: no roles, steps or follow-ups yet), so neither needs reading back.
  await appendFirstEvents(tx, created.id, [declaredEvent, ...reported], now);
  knowPeople(tx, created.id, namedPeople(created));
  await followIncident(tx, deps, created, 'declared', actor.id, now, []);
  return created;
}

/** Validates an incident type against the configured list. */
export function checkType(deps: Pick<CoreDeps, 'incidentTypes'>, raw: string): string {
  const type = raw.trim().toLowerCase();
  if (deps.incidentTypes.includes(type)) return type;
  throw new AppError('unknown_type', `"${raw}" is not a known incident type. Known types: ${deps.incidentTypes.join(', ')}.`);
}
