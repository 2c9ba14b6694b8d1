// What a status change means for the channel, enqueued in its transaction: closing posts the archive notice (with
// Keep open), reopening a closure whose archive was enqueued brings the channel back first, so the reopening's post
// that follows in the channel's lane lands in a live channel.
import type { Tx } from '../../db/types.js';
import type { Incident } from '../incidents/incident.js';
import { enqueue, rowsByKey } from '../outbox/queries.js';
import { archiveAt, archiveKey, archiveNoticeKey, unarchiveKey } from './archive.js';

/** After closing: the notice saying when the channel will be archived (nothing when archiving is off). Returns the keys. */
export async function noticeArchiveAhead(tx: Tx, p: { incident: Incident; archiveAfterMs: number | undefined; now: Date }): Promise<string[]> {
  const { incident } = p;
  if (p.archiveAfterMs === undefined || incident.status !== 'closed' || !incident.channelId || !incident.closedAt) return [];
  const key = archiveNoticeKey(incident.id, incident.closedAt);
  const payload = { ref: incident.ref, drill: incident.drill, archiveAt: archiveAt(incident.closedAt, p.archiveAfterMs).toISOString() };
  await enqueue(tx, { key, incidentId: incident.id, now: p.now, notification: { kind: 'archive_notice', channel: incident.channelId, payload } });
  return [key];
}

/** Before reopening's post: unarchives the channel when the closure being undone had it archived. Returns the keys. */
export async function noticeUnarchive(tx: Tx, p: { before: Incident; now: Date }): Promise<string[]> {
  const { before } = p;
  if (before.status !== 'closed' || !before.closedAt || !before.channelId) return [];
  const [archived] = await rowsByKey(tx, [archiveKey(before.id, before.closedAt)]);
  if (!archived || archived.failedAt) return [];
  const key = unarchiveKey(before.id, before.closedAt);
  await enqueue(tx, { key, incidentId: before.id, now: p.now, notification: { kind: 'channel_unarchived', channel: before.channelId, payload: { ref: before.ref } } });
  return [key];
}
