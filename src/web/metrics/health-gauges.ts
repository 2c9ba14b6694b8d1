// The database's side of the metrics, read at scrape time through core (core.health.snapshot: one query) and set on
// the gauges just before the registry is written out. Gauges are reset first, so a kind or schedule that has gone
// away stops being reported; open incidents are reported for every severity and open status, 0 included, so an
// alert on `rampart_incidents_open{severity="sev1"}` always has a series to read.
import { DELIVERY_CHANNELS, OPEN_STATUSES, SEVERITIES, type HealthSnapshot } from '../../core/index.js';
import type { Logger } from '../../log.js';
import type { RampartMetrics } from './definitions.js';

/** Sets the database gauges from a fresh snapshot; on a failed read, clears them (NaN where unlabelled) and sets rampart_database_up to 0. */
export async function refreshHealthGauges(m: RampartMetrics, snapshot: () => Promise<HealthSnapshot>, logger: Logger): Promise<void> {
  let s: HealthSnapshot;
  try {
    s = await snapshot();
  } catch (err) {
    logger.warn({ err }, 'metrics: the database figures could not be read for this scrape');
    for (const g of [m.outboxPendingByKind, m.openIncidents, m.slots, m.latestSlot, m.outgoingPending, m.outgoingOldestAge, m.outgoingFailed]) g.reset();
    // A gauge without labels cannot be left out: NaN says "unknown", where 0 would claim an empty backlog.
    m.outboxPending.set(Number.NaN);
    m.outboxOldestAge.set(Number.NaN);
    m.databaseUp.set(0);
    return;
  }
  m.databaseUp.set(1);
  m.outboxPendingByKind.reset();
  for (const o of s.outbox) m.outboxPendingByKind.set({ kind: o.kind }, o.pending);
  m.outboxPending.set(s.outbox.reduce((sum, o) => sum + o.pending, 0));
  m.outboxOldestAge.set(s.outbox.reduce((oldest, o) => Math.max(oldest, o.oldestAgeSeconds), 0));
  m.openIncidents.reset();
  for (const severity of SEVERITIES) for (const status of OPEN_STATUSES) m.openIncidents.set({ severity, status, drill: 'false' }, 0);
  for (const i of s.openIncidents) m.openIncidents.set({ severity: i.severity, status: i.status, drill: String(i.drill) }, i.count);
  // Every channel at 0 included, so an alert on a page given up always has a series to read.
  for (const g of [m.outgoingPending, m.outgoingOldestAge, m.outgoingFailed]) g.reset();
  for (const channel of DELIVERY_CHANNELS) for (const g of [m.outgoingPending, m.outgoingOldestAge, m.outgoingFailed]) g.set({ channel }, 0);
  for (const o of s.outgoing) {
    m.outgoingPending.set({ channel: o.channel }, o.pending);
    m.outgoingOldestAge.set({ channel: o.channel }, o.oldestAgeSeconds);
    m.outgoingFailed.set({ channel: o.channel }, o.failed);
  }
  m.slots.reset();
  m.latestSlot.reset();
  for (const slot of s.slots) {
    m.slots.set({ schedule: slot.schedule, state: slot.state }, slot.count);
    m.latestSlot.set({ schedule: slot.schedule, state: slot.state }, slot.latestSlotAt.getTime() / 1000);
  }
}
