// Channel tidy-up: a closed incident's channel is archived CHANNEL_ARCHIVE_AFTER after closing, unless someone pressed
// Keep open. Nothing is stored for it: what is due is derived from the incident (closed_at), its timeline (a
// channel_kept_open since then) and the outbox (the archive's key, which names the closure it belongs to).

/** The archive's outbox key: one per closure, so two sweeps, two replicas or a restart archive once. */
export function archiveKey(incidentId: number, closedAt: Date): string {
  return `incident:${incidentId}:archive:${closedAt.getTime()}`;
}

/** The archive notice's key (posted at closing), one per closure. */
export function archiveNoticeKey(incidentId: number, closedAt: Date): string {
  return `incident:${incidentId}:archive-notice:${closedAt.getTime()}`;
}

/** The unarchive's key when the closure that archived the channel is undone by reopening. */
export function unarchiveKey(incidentId: number, closedAt: Date): string {
  return `incident:${incidentId}:unarchive:${closedAt.getTime()}`;
}

/** When a channel closed at closedAt is archived. */
export function archiveAt(closedAt: Date, afterMs: number): Date {
  return new Date(closedAt.getTime() + afterMs);
}
