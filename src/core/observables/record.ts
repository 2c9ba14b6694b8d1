// Recording an observable and marking its verdict: one transaction under the incident's row lock that writes the row
// and its timeline event. Nothing is posted to the channel (the person who did it gets the reply; the timeline and
// reports carry it), so no outbox row is needed here.
import { AppError } from '../../shared/errors.js';
import { describeKind } from '../../shared/secret-patterns.js';
import type { SafeText } from '../../shared/safe-text.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { requireVisible } from '../incidents/access.js';
import type { Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { redactFor } from '../redaction/apply.js';
import { appendEvent } from '../timeline/queries.js';
import { defang, normalise, readObservable, TYPE_LABELS, type Observable, type ObservableOrigin, type ObservableType, type Verdict } from './observable.js';
import { insertObservable, observableByValue, observablesOf, updateVerdict } from './queries.js';

/** What an add or a mark did: changed, or why not, in words (values defanged). */
export interface ObservableChange {
  incident: Incident;
  observable: Observable;
  changed: boolean;
  message: string;
}

/** What to record: the incident (ref, or the channel's), the value as typed, its type when given, and how it came. */
export interface NewObservable {
  ref?: string;
  value: string;
  type?: ObservableType;
  origin?: ObservableOrigin;
}

/** Records an observable on an incident (anyone who may see it); a value the incident already has is left as it is. */
export async function addObservable(deps: CoreDeps, actor: Actor, input: NewObservable): Promise<ObservableChange> {
  const { type, value } = safeValue(deps, input.value, input.type);
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const incident = await incidentByRefOrChannel(tx, input.ref, actor.channelId, { forUpdate: true });
    await requireVisible({ ...deps, db: tx }, actor, incident, 'observable.record');
    const shown = `${TYPE_LABELS[type]} ${defang(type, value)}`;
    const origin = input.origin ?? 'typed';
    const added = await insertObservable(tx, { incidentId: incident.id, type, value, origin, addedBy: actor.id, addedAt: now });
    if (!added) {
      const existing = (await observableByValue(tx, { incidentId: incident.id, type, value }))!;
      return { incident, observable: existing, changed: false, message: `${incident.ref} already has ${shown} (${existing.verdict}).` };
    }
    const payload = { observableId: added.id, type, value, origin };
    await appendEvent(tx, incident.id, { kind: 'observable_added', actor: actor.id, source: actor.source, payload }, now);
    return { incident, observable: added, changed: true, message: `Added to ${incident.ref}: ${shown}.` };
  });
}

/** Sets an observable's verdict (anyone who may see the incident). The value is matched as each stored type reads it. */
export async function markObservable(
  deps: CoreDeps,
  actor: Actor,
  input: { ref?: string; value: string; type?: ObservableType; verdict: Verdict },
): Promise<ObservableChange> {
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const incident = await incidentByRefOrChannel(tx, input.ref, actor.channelId, { forUpdate: true });
    await requireVisible({ ...deps, db: tx }, actor, incident, 'observable.record');
    const found = matching(await observablesOf(tx, incident.id), input.value, input.type);
    if (!found) {
      throw new AppError('invalid_input', `${incident.ref} has no observable ${input.value}. Add it first, or see the list with \`ioc list\`.`, { field: 'observable' });
    }
    const shown = `${TYPE_LABELS[found.type]} ${defang(found.type, found.value)}`;
    if (found.verdict === input.verdict) return { incident, observable: found, changed: false, message: `${shown} is already ${input.verdict}.` };
    const observable = await updateVerdict(tx, found.id, { verdict: input.verdict, changedBy: actor.id, changedAt: now });
    const payload = { observableId: found.id, type: found.type, value: found.value, from: found.verdict, to: input.verdict };
    await appendEvent(tx, incident.id, { kind: 'observable_marked', actor: actor.id, source: actor.source, payload }, now);
    return { incident, observable, changed: true, message: `Marked ${input.verdict} on ${incident.ref}: ${shown}.` };
  });
}

/**
 * The value redacted, typed and normalised. A value holding a secret is refused rather than stored with the secret cut
 * out: an indicator with a hole in it would match nothing and mislead. It is checked again after normalising, since
 * refanging (`hxxps://user:pass@…`) can make a secret visible to the detectors.
 */
function safeValue(deps: CoreDeps, raw: string, type: ObservableType | undefined): { type: ObservableType; value: SafeText } {
  const first = redactFor(deps, raw);
  const read = first.found.length === 0 ? readObservable(first.text, type) : undefined;
  const second = read && redactFor(deps, read.value);
  const found = first.found.length > 0 ? first.found : (second?.found ?? []);
  if (!read || !second || found.length > 0) {
    throw new AppError('invalid_input', `That value holds ${describeKind(found[0] ?? 'secret')}: secrets are not recorded as observables.`, { field: 'observable' });
  }
  return { type: read.type, value: second.text };
}

function matching(list: readonly Observable[], raw: string, type: ObservableType | undefined): Observable | undefined {
  return list.find((o) => {
    if (type && o.type !== type) return false;
    try {
      return normalise(o.type, raw) === o.value;
    } catch {
      return false;
    }
  });
}
