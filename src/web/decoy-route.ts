// Decoy URLs on the bot's own HTTP server: any method on `${DECOY_PATH}/<token>`. Every request is answered at once
// with the same ordinary page, before anything is looked up, so status, headers, body and timing are the same for a
// live, retired or unknown token. The request is then queued (decoy-queue.ts); the worker finds out whether it names a
// live decoy and records the hit (core applies DECOY_RATE_LIMIT per source and per decoy, to recorded hits only).
// Errors are logged, never shown.
import type http from 'node:http';
import type { DecoyRequest, Tripped } from '../core/index.js';
import type { Logger } from '../log.js';
import { DECOY_PAGE, DECOY_PAGE_HEADERS } from './decoy-page.js';
import { DecoyHitQueue } from './decoy-queue.js';

/** What the route needs from the composition root. */
export interface DecoyRouteOptions {
  /** DECOY_PATH, such as `/d`. */
  path: string;
  /** TRUST_PROXY: take the source from X-Forwarded-For (its last entry, the one the proxy added). */
  trustProxy: boolean;
  /** Looks the request up and records any hit (core.decoys.tripFromRequest). */
  trip: (req: DecoyRequest) => Promise<Tripped[]>;
  /** The requests of a batch worth a look (core.decoys.worthRecording); without it every request goes to trip. */
  triage?: (reqs: readonly DecoyRequest[]) => Promise<DecoyRequest[]>;
  /** Told of recorded hits (Slack work). */
  onTripped?: (hits: Tripped[]) => void;
  logger: Logger;
  /** Requests waiting to be recorded, at most (DECOY_QUEUE_CAPACITY). */
  queueCapacity?: number;
}

/** The decoy route: a request handler, and a way to wait until every answered request has been recorded. */
export interface DecoyRoute {
  /** Answers and returns true for requests under the decoy path; false for anything else. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean;
  /** Resolves once every request answered so far has been recorded (stop() waits on it after the server closes). */
  idle(): Promise<void>;
}

/** Builds the decoy route and its queue. */
export function decoyRoute(opts: DecoyRouteOptions): DecoyRoute {
  const prefix = `${opts.path}/`;
  const queue = new DecoyHitQueue(
    async (batch) => {
      for (const req of opts.triage ? await opts.triage(batch) : batch) {
        try {
          const hits = await opts.trip(req);
          if (hits.length > 0 && opts.onTripped) opts.onTripped(hits);
        } catch (err) {
          opts.logger.error({ err, source: req.source }, 'could not record a decoy hit');
        }
      }
    },
    opts.logger,
    opts.queueCapacity,
  );
  return {
    handle: (req, res) => {
      const path = (req.url ?? '').split(/[?#]/)[0] ?? '';
      if (path !== opts.path && !path.startsWith(prefix)) return false;
      // A body is never read: drained so the connection can be reused, and never stored.
      req.resume();
      // Read before answering (pure, the same work for every token): the socket's address is gone once it closes.
      const hit: DecoyRequest = { token: safeDecode(path.slice(prefix.length).split('/')[0] ?? ''), method: req.method ?? 'GET', source: sourceOf(req, opts.trustProxy), headers: req.headers };
      res.writeHead(200, DECOY_PAGE_HEADERS).end(req.method === 'HEAD' ? undefined : DECOY_PAGE);
      queue.push(hit);
      return true;
    },
    idle: () => queue.idle(),
  };
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
