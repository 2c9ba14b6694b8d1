// Outgoing deliveries: the rows of the generic outbox for HTTP (webhooks, PagerDuty; later email), and how an attempt
// went as the worker reports it. Pure types and rules.
import type { outgoingDeliveries } from '../../db/schema.js';

/** The channels a delivery goes through; each has its sender in src/outgoing. */
export const DELIVERY_CHANNELS = ['webhook', 'pagerduty', 'email'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** A stored delivery. */
export type DeliveryRow = typeof outgoingDeliveries.$inferSelect & { channel: DeliveryChannel };

/** What enqueue stores (in the caller's transaction). */
export interface NewDelivery {
  key: string;
  channel: DeliveryChannel;
  target: string;
  lane: string;
  event: string;
  payload: Record<string, unknown>;
  incidentId?: number;
  now: Date;
}

/** How one attempt went: the HTTP status when there was an answer, and how long it took. */
export type DeliveryOutcome =
  | { kind: 'delivered'; httpStatus: number | null; durationMs: number }
  | { kind: 'retry'; at: Date; httpStatus: number | null; error: string; durationMs: number }
  | { kind: 'failed'; httpStatus: number | null; error: string; durationMs: number };

/** One line of the delivery log. */
export interface LoggedDelivery {
  id: number;
  channel: DeliveryChannel;
  target: string;
  event: string;
  ref: string | null;
  createdAt: Date;
  attempts: number;
  state: 'pending' | 'delivered' | 'failed';
  lastError: string | null;
  lastStatus: number | null;
  lastAttemptAt: Date | null;
}
