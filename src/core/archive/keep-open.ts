// Keep open: the archive notice's button. Records channel_kept_open for the current closure, which the sweep reads,
// so the channel stays; a later closure (after a reopening) gets its own notice and timer.
import { AppError } from '../../shared/errors.js';
import { inTransaction, type Actor, type CoreDeps } from '../context.js';
import { authorizeOnLocked } from '../access/authorize.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import type { Incident } from '../incidents/incident.js';
import { appendEvent } from '../timeline/queries.js';
import { rowsByKey } from '../outbox/queries.js';
import { archiveKey } from './archive.js';
import { keptOpenSince } from './queries.js';

/** Keeps a closed incident's channel from being archived (its commander and responders). */
export async function keepChannelOpen(deps: CoreDeps, actor: Actor, ref: string | undefined): Promise<{ incident: Incident }> {
  const allowedOn = await authorizeOnLocked(deps, actor, 'incident.keep-open');
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const incident = await incidentByRefOrChannel(tx, ref, actor.channelId, { forUpdate: true });
    allowedOn(incident);
    if (incident.status !== 'closed' || !incident.closedAt) throw new AppError('invalid_input', `${incident.ref} is ${incident.status}: its channel is only archived after closing.`);
    if (await keptOpenSince(tx, incident.id, incident.closedAt)) throw new AppError('invalid_input', `${incident.ref}’s channel is already kept open.`);
    const [archived] = await rowsByKey(tx, [archiveKey(incident.id, incident.closedAt)]);
    if (archived) throw new AppError('invalid_input', `${incident.ref}’s channel has already been archived.`);
    await appendEvent(tx, incident.id, { kind: 'channel_kept_open', actor: actor.id, source: actor.source, payload: { closedAt: incident.closedAt.toISOString() } }, now);
    return { incident };
  });
}
