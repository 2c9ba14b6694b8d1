// One sender per delivery channel: an HTTP channel's sender turns a stored delivery into the request for this attempt
// (the worker posts it and reads the answer); another channel (email) sends by itself and says how it went. Registered
// in a map by channel; the worker does the rest (verdict, backoff, settle, the delivery log).
import type { DeliveriesApi, DeliveryChannel, DeliveryRow } from '../core/index.js';
import type { OutgoingRequest } from './http.js';
import type { Verdict } from './retry.js';
import { signatureHeader } from './signature.js';

/** A delivery that can never be sent (its hook was removed, paging was turned off): given up at once, with this reason. */
export class Undeliverable extends Error {
  override readonly name = 'Undeliverable';
}

/** Builds the request for one attempt of a delivery; throws Undeliverable when there is nowhere to send it. */
export type Sender = (row: DeliveryRow, at: Date) => Promise<OutgoingRequest>;

/** A channel that is not HTTP: one attempt, its verdict (retry or failed for good); throws Undeliverable like Sender. */
export interface DirectSender {
  send(row: DeliveryRow, at: Date): Promise<Verdict>;
}

/** The senders by channel; a channel without one is given up with a clear error. */
export type Senders = Partial<Record<DeliveryChannel, Sender | DirectSender>>;

/**
 * Webhooks: the stored body as it is (so every attempt sends the same bytes), signed at the attempt's time, with the
 * delivery's id (the same on every attempt: receivers dedupe on it) and the event type.
 */
export function webhookSender(deliveries: Pick<DeliveriesApi, 'hookTarget'>): Sender {
  return async (row, at) => {
    const hook = await deliveries.hookTarget(Number(row.target));
    if (!hook || hook.disabled) throw new Undeliverable(`webhook ${row.target} was removed`);
    const body = JSON.stringify(row.payload);
    return {
      url: hook.url,
      body,
      headers: { 'rampart-signature': signatureHeader(hook.secret, body, at), 'rampart-event': row.event, 'rampart-delivery': deliveryId(row) },
    };
  };
}

/** PagerDuty's Events API v2: the stored event with the routing key added here (it is never stored). */
export function pagerDutySender(settings: { routingKey: string | undefined; eventsUrl: string }): Sender {
  return async (row) => {
    if (!settings.routingKey) throw new Undeliverable('PAGERDUTY_ROUTING_KEY is not set any more');
    return { url: settings.eventsUrl, body: JSON.stringify({ ...row.payload, routing_key: settings.routingKey }), headers: {} };
  };
}

/** The Rampart-Delivery id of a delivery: the same on every attempt. */
export function deliveryId(row: Pick<DeliveryRow, 'id'>): string {
  return `dlv_${row.id}`;
}
