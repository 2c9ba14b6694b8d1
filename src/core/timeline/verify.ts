// Recomputes an incident's hash chain (hash.ts) in seq order, one page at a time, and reports the first broken
// link. Events written before the chain existed (no hash) are counted, not failed, as long as they come before the
// first hashed event: an unhashed event after it is a break, or rows could be slipped in without a hash.
import { asc, gt } from 'drizzle-orm';
import { incidents } from '../../db/schema.js';
import type { DbOrTx } from '../../db/types.js';
import type { Actor, CoreDeps } from '../context.js';
import { requireVisible } from '../incidents/access.js';
import { formatRef, type Incident } from '../incidents/incident.js';
import { incidentByRefOrChannel } from '../incidents/lookup.js';
import { eventHash } from './hash.js';
import { chainedPages } from './pages.js';
import type { ChainBreak, Verification } from './chain.js';

export type { ChainBreak, Verification } from './chain.js';

/** Events read per page while verifying. */
export const VERIFY_PAGE = 1_000;

const broken = (events: number, unhashed: number, at: ChainBreak): Verification => ({ ok: false, events, unhashed, break: at });

/** Verifies one incident's chain, reading its events by seq in pages (memory stays flat). */
export async function verifyIncident(db: DbOrTx, incidentId: number, pageSize = VERIFY_PAGE): Promise<Verification> {
  let events = 0;
  let unhashed = 0;
  let chained = false;
  let prev: string | null = null;
  for await (const rows of chainedPages(db, incidentId, pageSize)) {
    for (const row of rows) {
      events += 1;
      if (row.hash === null && !chained) {
        unhashed += 1;
        continue;
      }
      chained = true;
      if (row.prevHash !== prev) return broken(events, unhashed, { seq: row.seq, field: 'prev_hash', expected: prev, found: row.prevHash });
      const expected = eventHash(row, row.prevHash);
      if (row.hash !== expected) return broken(events, unhashed, { seq: row.seq, field: 'hash', expected, found: row.hash });
      prev = row.hash;
    }
  }
  return { ok: true, events, unhashed };
}

/** Every incident's verification, by number, one incident at a time. */
export async function* verifyAll(db: DbOrTx, pageSize = 500): AsyncGenerator<{ ref: string; verification: Verification }> {
  let afterNumber = 0;
  for (;;) {
    const rows = await db
      .select({ id: incidents.id, number: incidents.number })
      .from(incidents)
      .where(gt(incidents.number, afterNumber))
      .orderBy(asc(incidents.number))
      .limit(pageSize);
    for (const r of rows) yield { ref: formatRef(r.number), verification: await verifyIncident(db, r.id) };
    if (rows.length < pageSize) return;
    afterNumber = rows.at(-1)!.number;
  }
}

/** Verifies an incident the actor may see (ref, or the incident of the channel asked from). */
export async function verifyFor(deps: CoreDeps, actor: Actor, ref: string | undefined): Promise<{ incident: Incident; verification: Verification }> {
  const incident = await incidentByRefOrChannel(deps.db, ref, actor.channelId);
  await requireVisible(deps, actor, incident, 'incident.verify');
  return { incident, verification: await verifyIncident(deps.db, incident.id) };
}
