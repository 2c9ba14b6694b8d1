// Outgoing webhooks: the event types a hook may subscribe to, and the pure checks of what an admin registers.
import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors.js';

/** Every event type a webhook can receive (docs/webhooks.md describes each). */
export const WEBHOOK_EVENTS = [
  'incident.declared',
  'incident.severity_changed',
  'incident.status_changed',
  'incident.merged',
  'incident.role_assigned',
  'incident.role_unassigned',
  'incident.edited',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** A registered hook as core and its callers see it (the secret is never part of it). */
export interface Webhook {
  id: number;
  url: string;
  events: string[];
  trusted: boolean;
  createdBy: string;
  createdAt: Date;
  disabledAt: Date | null;
}

/** The events list of a registration: names from WEBHOOK_EVENTS, or `*` for all; comma or space separated. */
export function parseWebhookEvents(text: string | readonly string[]): string[] {
  const words = (typeof text === 'string' ? [text] : text).flatMap((t) => t.split(/[\s,]+/)).filter(Boolean).map((w) => w.toLowerCase());
  if (words.length === 0) throw new AppError('invalid_input', `Name the events to send (${WEBHOOK_EVENTS.join(', ')}), or * for all.`);
  if (words.includes('*')) return ['*'];
  const unknown = words.filter((w) => !(WEBHOOK_EVENTS as readonly string[]).includes(w));
  if (unknown.length > 0) throw new AppError('invalid_input', `Unknown webhook event ${unknown.map((u) => `"${u}"`).join(', ')}: use ${WEBHOOK_EVENTS.join(', ')}, or * for all.`);
  return [...new Set(words)];
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A hook's URL: https, or plain http to this machine only (a receiver or proxy on the same host, and tests), since the
 * body and its signature would otherwise cross the network readable by anyone on the way. No credentials in the URL.
 */
export function checkWebhookUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new AppError('invalid_input', `"${text}" is not a URL: give the receiver's full address, such as https://hooks.example.org/rampart.`);
  }
  const local = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new AppError('invalid_input', `A webhook URL must use https:// (plain http:// is accepted only for localhost and 127.0.0.1), not ${url.protocol}//.`);
  }
  if (url.username || url.password) throw new AppError('invalid_input', 'A webhook URL must not carry a user name or password: the signature authenticates Rampart to the receiver.');
  if (url.href.length > 2048) throw new AppError('invalid_input', 'A webhook URL may be at most 2,048 characters long.');
  return url.href;
}

/** The secret a hook signs with: the one given (at least 16 characters), or 32 random bytes in hex. */
export function webhookSecret(given: string | undefined): string {
  if (given === undefined) return randomBytes(32).toString('hex');
  const secret = given.trim();
  if (secret.length < 16 || secret.length > 256 || /\s/.test(secret)) throw new AppError('invalid_input', 'A webhook secret must be 16 to 256 characters with no spaces (leave it out and Rampart makes one).');
  return secret;
}

/** Whether a hook subscribed to this event type. */
export function subscribes(events: readonly string[], type: string): boolean {
  return events.includes('*') || events.includes(type);
}
