// Reading the week from the database and shaping it into a digest (the rules are in digest.ts, pure).
import type { DbOrTx } from '../../db/types.js';
import { listIncidents } from '../incidents/queries.js';
import { DIGEST_WEEK_MS } from './deps.js';
import { shapeDigest, type Digest } from './digest.js';
import { incidentsOfWeek, statusChangesBetween } from './queries.js';
import { listFollowups } from '../followups/queries.js';
import { incidentTlp, SHARED_CHANNEL_AUDIENCE } from '../tlp/marking.js';
import { mayReceive, type Tlp } from '../tlp/tlp.js';

/** The digest of the seven days up to slotAt: open incidents, the week's changes, its figures and open follow-ups. */
export async function buildDigest(deps: { db: DbOrTx; timezone: string }, slotAt: Date): Promise<Digest> {
  const from = new Date(slotAt.getTime() - DIGEST_WEEK_MS);
  const open = (await listIncidents(deps.db, { all: false })).map(asShared);
  const statusChanges = await statusChangesBetween(deps.db, from, slotAt);
  const week = (await incidentsOfWeek(deps.db, from, slotAt, [...new Set(statusChanges.map((c) => c.incidentId))])).map(asShared);
  const followups = (await listFollowups(deps.db, { states: ['open'] }))
    .map(asShared)
    .map((r) => ({ ref: r.ref, number: r.number, private: r.private, text: r.followup.text, owner: r.followup.owner, due: r.followup.due }));
  return shapeDigest({ from, to: slotAt, timezone: deps.timezone, open, week, statusChanges, followups });
}

/**
 * The digest goes to a shared channel, a TLP:AMBER audience: an incident marked more strictly (AMBER+STRICT, RED) is
 * shown as a private one is, by reference only, whatever its visibility.
 */
function asShared<T extends { private: boolean; tlp?: Tlp | null }>(i: T): T {
  return mayReceive(incidentTlp(i), SHARED_CHANNEL_AUDIENCE) ? i : { ...i, private: true };
}
