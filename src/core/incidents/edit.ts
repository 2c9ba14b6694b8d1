// Correcting an incident after it was declared: its title, its type, private or public, drill or real. Each edit
// locks the incident row, applies the change, appends incident_edited and enqueues what Slack is to be told (the
// incident channel's post and, when the announcement shows what changed, its update) in one transaction.
import { AppError } from '../../shared/errors.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { appendEvent } from '../timeline/queries.js';
import { isAllowed, refuse } from '../access/authorize.js';
import { RULES } from '../access/rules.js';
import type { Incident } from './incident.js';
import { incidentByRefOrChannel } from './lookup.js';
import { updateIncident } from './queries.js';
import { checkTitle } from './text-rules.js';
import { checkType } from './declare.js';
import { redactedField, redactFor, type SafeText } from '../redaction/apply.js';
import { noticeAnnouncementRevised, noticeChange } from '../outbox/incident-notices.js';
import { noticeCardRefresh } from '../outbox/card-refresh.js';

/** One correction: the field and the value it is to have. */
export type IncidentEdit =
  | { field: 'title'; to: string }
  | { field: 'type'; to: string }
  | { field: 'private'; to: boolean }
  | { field: 'drill'; to: boolean };

/** The edited incident, before and after, and the outbox keys of what Slack is told. */
export interface Edited {
  before: Incident;
  incident: Incident;
  /** The field and its old and new values in words ('public' → 'private', 'drill' → 'real'). */
  change: { field: IncidentEdit['field']; from: string; to: string };
  notices: string[];
  /** Kinds of secret redacted from a new title. */
  redacted?: string[];
}

/**
 * Applies one edit. Making a private incident public needs a responder and `confirmed` (the adapter asks first):
 * without it, once allowed and valid, this throws confirmation_required and writes nothing.
 */
export async function editIncident(deps: CoreDeps, actor: Actor, ref: string | undefined, edit: IncidentEdit, opts: { confirmed?: boolean } = {}): Promise<Edited> {
  const title = edit.field === 'title' ? redactFor(deps, checkTitle(edit.to)) : undefined;
  const type = edit.field === 'type' ? checkType(deps, edit.to) : undefined;
  const publishing = edit.field === 'private' && !edit.to;
  // The responder check may ask Slack, so it runs before any row is locked (as in changeStatus).
  const responder = await isAllowed(deps, actor, RULES['incident.publish']);
  if (publishing && !responder) refuse(deps, actor, 'incident.publish');
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const before = await incidentByRefOrChannel(tx, ref, actor.channelId, { forUpdate: true });
    if (!responder && !(await isAllowed(deps, actor, RULES['incident.edit'], before))) refuse(deps, actor, 'incident.edit', before);
    const next = nextValues(deps, before, edit, title?.text, type);
    if (publishing && !opts.confirmed) {
      throw new AppError('confirmation_required', `Make ${before.ref} public? Its title and details will be visible to everyone in the workspace.`, { ref: before.ref });
    }
    const incident = await updateIncident(tx, before.id, { ...next.set, updatedAt: now });
    const change = { field: edit.field, from: next.from, to: next.to };
    const event = await appendEvent(
      tx,
      before.id,
      { kind: 'incident_edited', actor: actor.id, source: actor.source, payload: { ...change, ...redactedField(title?.found ?? []) } },
      now,
    );
    const notices = [
      ...(await noticeChange(tx, { incident, event, by: actor.id, change: { kind: 'edit', ...change }, now })),
      // A private incident's announcement shows neither its title nor its type: it changes only with visibility or drill.
      ...(before.private && incident.private && (edit.field === 'title' || edit.field === 'type')
        ? []
        : await noticeAnnouncementRevised(tx, { incident, event, madePrivate: !before.private && incident.private, now })),
    ];
    await noticeCardRefresh(tx, { incident, event, now });
    return { before, incident, change, notices, ...redactedField(title?.found ?? []) };
  });
}

/** The columns an edit sets and its from/to in words; refuses an edit that changes nothing or breaks a rule. */
function nextValues(
  deps: Pick<CoreDeps, 'sensitiveTypes'>,
  before: Incident,
  edit: IncidentEdit,
  title: SafeText | undefined,
  type: string | undefined,
): { set: { title?: SafeText; type?: string; private?: boolean; drill?: boolean }; from: string; to: string } {
  const same = (what: string) => new AppError('invalid_input', `${before.ref} is already ${what}; nothing changed.`);
  switch (edit.field) {
    case 'title':
      if (title === before.title) throw new AppError('invalid_input', `${before.ref} already has that title; nothing changed.`);
      return { set: { title }, from: before.title, to: title! };
    case 'type':
      if (type === before.type) throw same(`of type ${type}`);
      // Sensitive types are always private (as at declaration); the visibility change is asked for on its own.
      if (!before.private && deps.sensitiveTypes.includes(type!)) {
        throw new AppError('invalid_input', `Type ${type} is security-sensitive, so its incidents are private: make ${before.ref} private first (\`/incident edit ${before.ref} private\`).`);
      }
      return { set: { type }, from: before.type, to: type! };
    case 'private': {
      const word = edit.to ? 'private' : 'public';
      if (before.private === edit.to) throw same(word);
      if (!edit.to && deps.sensitiveTypes.includes(before.type)) {
        throw new AppError('invalid_input', `${before.ref} is of type ${before.type}, which is security-sensitive and always private.`);
      }
      return { set: { private: edit.to }, from: before.private ? 'private' : 'public', to: word };
    }
    case 'drill': {
      const word = edit.to ? 'a drill' : 'a real incident';
      if (before.drill === edit.to) throw same(word);
      return { set: { drill: edit.to }, from: before.drill ? 'drill' : 'real', to: edit.to ? 'drill' : 'real' };
    }
  }
}
