// Reading incidents for people: lists and single incidents, with private ones redacted for those who may not see them.
import type { Actor, CoreDeps } from '../context.js';
import { canSee } from './access.js';
import { noteRefusal } from '../access/authorize.js';
import { isAppError } from '../../shared/errors.js';
import type { Incident } from './incident.js';
import { incidentByRefOrChannel } from './lookup.js';
import { mergedIntoFor } from './merge.js';
import { findByChannel, listIncidents } from './queries.js';

/** An incident and whether the person asking may see its details (adapters show only ref, severity and status if not). */
export interface VisibleIncident {
  redacted: boolean;
  incident: Incident;
  /** Redacted only because Slack could not say whether the actor is in its channel (the list may be incomplete). */
  unsure?: boolean;
  /** What a merged incident was merged into (`show` only); the title only when the actor may see that incident. */
  mergedInto?: { ref: string; title?: string };
}

/** Open (or all) incidents, newest first, redacted where the actor may not see details. */
export async function listForActor(deps: CoreDeps, actor: Actor, scope: 'open' | 'all'): Promise<VisibleIncident[]> {
  const rows = await listIncidents(deps.db, { all: scope === 'all' });
  return Promise.all(
    rows.map(async (incident): Promise<VisibleIncident> => {
      try {
        return { redacted: !(await canSee(deps, actor, incident)), incident };
      } catch (err) {
        if (!isAppError(err, 'membership_unknown')) throw err;
        return { redacted: true, incident, unsure: true };
      }
    }),
  );
}

/** One incident by reference (or the current channel's), with the same redaction rule. */
export async function showForActor(deps: CoreDeps, actor: Actor, ref: string | undefined): Promise<VisibleIncident> {
  const incident = await incidentByRefOrChannel(deps.db, ref, actor.channelId);
  const redacted = !(await canSee(deps, actor, incident));
  // Shown as its reference only: a refusal of the details, logged like any other.
  if (redacted) noteRefusal(deps, actor, 'incident.show', incident);
  const mergedInto = redacted ? undefined : await mergedIntoFor(deps.db, deps, actor, incident);
  return { redacted, incident, ...(mergedInto ? { mergedInto } : {}) };
}

/** The incident owning a Slack channel, if any. */
export function incidentForChannel(deps: CoreDeps, channelId: string): Promise<Incident | undefined> {
  return findByChannel(deps.db, channelId);
}
