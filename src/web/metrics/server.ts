// The metrics listener: GET /metrics in Prometheus' text format on an address of its own (METRICS_HOST,
// METRICS_PORT), as exporters do, so it can stay on loopback or a private network while /slack/events faces the
// internet. With METRICS_TOKEN set, a scrape must send it as a bearer token (Prometheus' `authorization` setting).
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** Where the listener binds and the token a scrape must present (undefined: none). */
export interface MetricsListen {
  host: string;
  port: number;
  token: string | undefined;
}

/** A running metrics listener. */
export interface MetricsServer {
  /** `http://host:port/metrics` as bound (port 0 becomes the port the system chose). */
  url: string;
  close(): Promise<void>;
}

/** Starts the listener; `beforeScrape` refreshes what is read at scrape time. Rejects when the address is taken. */
export async function serveMetrics(registry: Registry, listen: MetricsListen, beforeScrape: () => Promise<void>): Promise<MetricsServer> {
  const expected = listen.token === undefined ? undefined : digest(`Bearer ${listen.token}`);
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') return void res.writeHead(404).end();
    if (expected && !sameDigest(expected, req.headers.authorization)) {
      return void res.writeHead(401, { 'www-authenticate': 'Bearer realm="rampart metrics"', 'content-type': 'text/plain' }).end('A bearer token is required (METRICS_TOKEN).\n');
    }
    beforeScrape()
      .then(() => registry.metrics())
      .then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text))
      .catch(() => res.writeHead(500, { 'content-type': 'text/plain' }).end('The metrics could not be collected.\n'));
  });
  // A scraper keeps its connection open between scrapes; stop() closes them rather than wait.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// Both sides are hashed first, so the comparison is constant-time whatever the header's length.
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function sameDigest(expected: Buffer, header: string | undefined): boolean {
  return header !== undefined && timingSafeEqual(expected, digest(header));
}
