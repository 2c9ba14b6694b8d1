// The archive sweep, run every minute by the scheduler and by the sandbox's `wait`: enqueues the archive of each
// channel whose closure is CHANNEL_ARCHIVE_AFTER old. Safe on every replica at once: each incident is re-checked under
// its row lock and the outbox key names the closure, so a second sweep, a second replica or a restart adds nothing.
import { inTransaction, type CoreDeps } from '../context.js';
import { findById } from '../incidents/queries.js';
import { enqueue, rowsByKey } from '../outbox/queries.js';
import { archiveKey } from './archive.js';
import { dueForArchive, keptOpenSince } from './queries.js';

/** What a sweep did: the references whose channel archive it enqueued. */
export interface ArchiveSweep {
  enqueued: string[];
}

const BATCH = 50;

/** Enqueues the archives that are due now; nothing when CHANNEL_ARCHIVE_AFTER is off. */
export async function runDueArchives(deps: CoreDeps): Promise<ArchiveSweep> {
  const enqueued: string[] = [];
  if (deps.archiveAfterMs === undefined) return { enqueued };
  const now = deps.clock.now();
  const due = await dueForArchive(deps.db, { cutoff: new Date(now.getTime() - deps.archiveAfterMs), limit: BATCH });
  for (const candidate of due) {
    const done = await inTransaction(deps, async (tx) => {
      // Re-read under the lock: it may have been reopened or kept open since the query above.
      const incident = await findById(tx, candidate.id, { forUpdate: true });
      if (!incident || incident.status !== 'closed' || !incident.channelId || !incident.closedAt) return false;
      if (incident.closedAt.getTime() !== candidate.closedAt?.getTime()) return false;
      if (await keptOpenSince(tx, incident.id, incident.closedAt)) return false;
      // Another replica's sweep got here first (it committed while this one waited for the lock): the key says so.
      const key = archiveKey(incident.id, incident.closedAt);
      if ((await rowsByKey(tx, [key])).length > 0) return false;
      await enqueue(tx, { key, incidentId: incident.id, now, notification: { kind: 'channel_archived', channel: incident.channelId, payload: { ref: incident.ref } } });
      return true;
    });
    if (done) enqueued.push(candidate.ref);
  }
  return { enqueued };
}
