// Decoy URLs on the bot's own HTTP server: any method on `${DECOY_PATH}/<token>`. Each request is rate-limited per
// source address, recorded (only live tokens record anything), then answered with the same ordinary page. Errors
// are logged, never shown: the answer must not change with what happened behind it.
import type http from 'node:http';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { DecoyRequest } from '../core/decoys/sightings.js';
import type { Tripped } from '../core/decoys/trip.js';
import type { Logger } from '../log.js';
import { DECOY_PAGE, DECOY_PAGE_HEADERS } from './decoy-page.js';

/** What the route needs from the composition root. */
export interface DecoyRouteOptions {
  /** DECOY_PATH, such as `/d`. */
  path: string;
  /** TRUST_PROXY: take the source from X-Forwarded-For (its last entry, the one the proxy added). */
  trustProxy: boolean;
  /** DECOY_RATE_LIMIT: recorded hits per source address per window. */
  rateLimit: { points: number; durationMs: number };
  /** Records the hit (core.decoys.tripFromRequest). */
  trip: (req: DecoyRequest) => Promise<Tripped[]>;
  /** Told of recorded hits once the answer has gone out (Slack work). */
  onTripped?: (hits: Tripped[]) => void;
  logger: Logger;
}

/** A request handler that answers and returns true for requests under the decoy path, false for anything else. */
export function decoyRoute(opts: DecoyRouteOptions): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  const limiter = new RateLimiterMemory({ points: opts.rateLimit.points, duration: Math.max(1, Math.ceil(opts.rateLimit.durationMs / 1000)) });
  const prefix = `${opts.path}/`;
  return (req, res) => {
    const path = (req.url ?? '').split(/[?#]/)[0] ?? '';
    if (path !== opts.path && !path.startsWith(prefix)) return false;
    // A body is never read: drained so the connection can be reused, and never stored.
    req.resume();
    const token = safeDecode(path.slice(prefix.length).split('/')[0] ?? '');
    const source = sourceOf(req, opts.trustProxy);
    void record(opts, limiter, { token, method: req.method ?? 'GET', source, headers: req.headers }).then((hits) => {
      res.writeHead(200, DECOY_PAGE_HEADERS).end(req.method === 'HEAD' ? undefined : DECOY_PAGE);
      if (hits.length > 0 && opts.onTripped) opts.onTripped(hits);
    });
    return true;
  };
}

async function record(opts: DecoyRouteOptions, limiter: RateLimiterMemory, req: DecoyRequest): Promise<Tripped[]> {
  try {
    await limiter.consume(req.source);
  } catch {
    // Over the limit: answered the same, not recorded, so a flood can neither fill the timeline nor tell us apart.
    opts.logger.debug({ source: req.source }, 'decoy request over the rate limit, not recorded');
    return [];
  }
  try {
    return await opts.trip(req);
  } catch (err) {
    opts.logger.error({ err, source: req.source }, 'could not record a decoy hit');
    return [];
  }
}

/** The client address: the socket's, or with TRUST_PROXY the last X-Forwarded-For entry (added by our proxy). */
export function sourceOf(req: Pick<http.IncomingMessage, 'headers' | 'socket'>, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').map((s) => s.trim()).filter(Boolean).at(-1);
  const address = trustProxy && last ? last : (req.socket.remoteAddress ?? 'unknown');
  // IPv4 clients of a dual-stack socket show as ::ffff:a.b.c.d; record the address people know.
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
