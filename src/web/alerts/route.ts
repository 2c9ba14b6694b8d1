// POST /api/v1/alerts (docs/openapi.yaml): the alert intake on the bot's own HTTP server. In order, each step
// refusing before the next costs anything: an address that keeps failing authentication (429), the bearer token (401,
// the same for missing, unknown and revoked), the source's ALERTS_RATE_LIMIT (429), the media type (415), the body
// within the server's shared BodyBudget (413, or 503 when the budget is spent), JSON (400), then core checks every
// field and files the alert (400 naming the field; 201 opened, 200 joined).
import type http from 'node:http';
import type { Core, ReceivedAlert } from '../../core/index.js';
import type { Logger } from '../../log.js';
import type { BodyBudget } from '../../slack/request-body.js';
import { sourceOf } from '../decoy-route.js';
import { AlertRates, type RateLimit } from './rate.js';
import { rateLimited, refuse, sendJson, sendReceiveError, unauthorized } from './responses.js';

/** Where the route lives. */
export const ALERTS_PATH = '/api/v1/alerts';

/** What the route needs from the composition root. */
export interface AlertRouteOptions {
  alerts: Pick<Core['alerts'], 'authenticate' | 'receive'>;
  /** The server's budget for unread bodies (shared with /slack/events). */
  bodies: BodyBudget;
  /** ALERTS_RATE_LIMIT. */
  rateLimit: RateLimit;
  /** TRUST_PROXY: the client address is X-Forwarded-For's last entry. */
  trustProxy: boolean;
  logger: Logger;
  /** Told of each filed alert after it is answered (the Slack adapter posts a joined one in its incident's channel). */
  onReceived?: (received: ReceivedAlert) => void;
}

/** Builds the route: handle answers and returns true for requests to ALERTS_PATH, false for anything else. */
export function alertRoute(opts: AlertRouteOptions): { handle(req: http.IncomingMessage, res: http.ServerResponse): boolean } {
  const rates = new AlertRates(opts.rateLimit);
  const serve = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (req.method !== 'POST') return refuse(res, 405, 'method_not_allowed', 'Use POST.', { headers: { allow: 'POST' }, close: true });
    const address = sourceOf(req, opts.trustProxy);
    const blocked = await rates.addressBlocked(address);
    if (!blocked.ok) return rateLimited(res, blocked.retryAfterMs);
    const token = bearerToken(req.headers.authorization);
    const source = token ? await opts.alerts.authenticate(token) : undefined;
    if (!token || !source) {
      await rates.failedFrom(address);
      return unauthorized(res);
    }
    const spent = await rates.spendSource(source.id);
    if (!spent.ok) return rateLimited(res, spent.retryAfterMs);
    if (!isJson(req.headers['content-type'])) {
      return refuse(res, 415, 'unsupported_media_type', 'Send the alert as JSON with `Content-Type: application/json`.', { close: true });
    }
    const read = await opts.bodies.read(req);
    if (!read.ok) {
      return read.status === 413
        ? refuse(res, 413, 'payload_too_large', `The body is larger than ${opts.bodies.perRequestBytes} bytes.`, { close: true })
        : refuse(res, 503, 'busy', 'Rampart is reading too many request bodies at once; try again in a moment.', { headers: { 'retry-after': '1' }, close: true });
    }
    let body: unknown;
    try {
      body = JSON.parse(read.body.toString('utf8'));
    } catch {
      return refuse(res, 400, 'invalid_json', 'The body is not valid JSON.');
    }
    try {
      const received = await opts.alerts.receive(token, body);
      sendJson(res, received.joined ? 200 : 201, {
        incident: received.incident.ref,
        status: received.incident.status,
        joined: received.joined,
        alert_id: received.alertId,
        observables_added: received.observablesAdded,
      });
      opts.onReceived?.(received);
    } catch (err) {
      sendReceiveError(res, err, opts.logger);
    }
  };
  return {
    handle: (req, res) => {
      const path = (req.url ?? '').split(/[?#]/)[0];
      if (path !== ALERTS_PATH) return false;
      serve(req, res).catch((err: unknown) => {
        // The body closed mid-read (the client went away or the request timed out): nobody is left to answer.
        if (res.headersSent || res.destroyed) return;
        sendReceiveError(res, err, opts.logger);
      });
      return true;
    },
  };
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 6750), else undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header ?? '');
  return m?.[1];
}

/** application/json, with or without parameters (charset=utf-8). */
function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}
