// A webhook receiver on 127.0.0.1 for tests: records every request (raw body and headers) and answers with the
// statuses it is told to, 200 otherwise. Verifying signatures is the test's job (with docs/examples/verify-webhook.mjs).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it arrived. */
export interface ReceivedHook {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The receiver. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedHook[];
  /** Answers the next requests with these statuses (and Retry-After) after recording them. */
  failNext(...answers: { status: number; retryAfter?: string }[]): void;
  close(): Promise<void>;
}

/** Starts a receiver on a free port; `path` is where hooks are expected. */
export async function startWebhookReceiver(path = '/hooks/rampart'): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const failures: { status: number; retryAfter?: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const failure = failures.shift();
      res.writeHead(failure?.status ?? 200, failure?.retryAfter ? { 'retry-after': failure.retryAfter } : {}).end(failure ? 'not now' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    failNext: (...answers) => failures.push(...answers),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
