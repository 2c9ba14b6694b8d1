// A local stand-in for PagerDuty's Events API v2 (POST /v2/enqueue) that checks every request against the published
// contract and answers as PagerDuty does. The schema below is written from PagerDuty's own documentation:
// - https://developer.pagerduty.com/docs/events-api-v2/trigger-events/ (PagerDuty/developer-docs,
//   docs/events-API-v2/02-Trigger-Events.md): routing_key (the 32-character Integration Key) and event_action
//   (trigger | acknowledge | resolve) required; dedup_key at most 255 characters; a trigger's payload with summary
//   (at most 1024 characters), source and severity (critical | error | warning | info) required, timestamp (ISO 8601),
//   component, group, class, custom_details (object); images [{src, href?, alt?}] and links [{href, text?}].
// - docs/events-API-v2/01-Overview.md ("Response Codes & Retry Logic"): 202 accepted, 400 invalid (do not retry), 429
//   too many calls and 5xx (retry later); payloads at most 512 KB.
// Acknowledge and resolve name the alert they act on, so their dedup_key is required here (PagerDuty drops them
// otherwise). Unknown top-level fields are refused, stricter than PagerDuty, so a misspelt field fails a test.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';

const addFormats = (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

const EVENT_SCHEMA = {
  type: 'object',
  required: ['routing_key', 'event_action'],
  additionalProperties: false,
  properties: {
    routing_key: { type: 'string', minLength: 32, maxLength: 32 },
    event_action: { enum: ['trigger', 'acknowledge', 'resolve'] },
    dedup_key: { type: 'string', minLength: 1, maxLength: 255 },
    payload: {
      type: 'object',
      required: ['summary', 'source', 'severity'],
      properties: {
        summary: { type: 'string', minLength: 1, maxLength: 1024 },
        source: { type: 'string', minLength: 1 },
        severity: { enum: ['critical', 'error', 'warning', 'info'] },
        timestamp: { type: 'string', format: 'date-time' },
        component: { type: 'string' },
        group: { type: 'string' },
        class: { type: 'string' },
        custom_details: { type: 'object' },
      },
    },
    images: { type: 'array', items: { type: 'object', required: ['src'], properties: { src: { type: 'string' }, href: { type: 'string' }, alt: { type: 'string' } } } },
    links: { type: 'array', items: { type: 'object', required: ['href'], properties: { href: { type: 'string', format: 'uri' }, text: { type: 'string' } } } },
    client: { type: 'string' },
    client_url: { type: 'string' },
  },
  allOf: [
    { if: { properties: { event_action: { const: 'trigger' } } }, then: { required: ['payload'] } },
    { if: { properties: { event_action: { enum: ['acknowledge', 'resolve'] } } }, then: { required: ['dedup_key'] } },
  ],
} as const;

/** An event the server accepted. */
export interface AcceptedEvent {
  routing_key: string;
  event_action: 'trigger' | 'acknowledge' | 'resolve';
  dedup_key: string;
  payload?: { summary: string; source: string; severity: string; timestamp?: string; custom_details?: Record<string, unknown> };
  links?: { href: string; text?: string }[];
  [key: string]: unknown;
}

/** The local Events API. */
export interface PagerDutyEventsServer {
  /** The enqueue URL (PAGERDUTY_EVENTS_URL). */
  url: string;
  /** Events accepted (202), in order. */
  accepted: AcceptedEvent[];
  /** Requests refused as invalid (400), with the schema's errors. */
  invalid: { body: string; errors: string[] }[];
  /** Every request received, whatever the answer. */
  received: number;
  /** Answers the next requests with these statuses (429 with Retry-After when given) instead of checking them. */
  failNext(...answers: { status: number; retryAfter?: string }[]): void;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1, on a free port. */
export async function startPagerDutyEventsServer(): Promise<PagerDutyEventsServer> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate: ValidateFunction = ajv.compile(EVENT_SCHEMA);
  const failures: { status: number; retryAfter?: string }[] = [];
  const state = { accepted: [] as AcceptedEvent[], invalid: [] as { body: string; errors: string[] }[], received: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.received += 1;
      const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
      if (req.method !== 'POST' || req.url !== '/v2/enqueue') return answer(404, { status: 'not found' });
      const failure = failures.shift();
      if (failure?.status === 429) return answer(429, { status: 'throttle event', message: 'Requests for this service are arriving too quickly. Please retry later.' }, failure.retryAfter ? { 'retry-after': failure.retryAfter } : {});
      if (failure) return answer(failure.status, { status: 'error', message: 'Internal Server Error' });
      const raw = Buffer.concat(chunks).toString('utf8');
      const invalid = (errors: string[]) => {
        state.invalid.push({ body: raw, errors });
        answer(400, { status: 'invalid event', message: 'Event object is invalid', errors });
      };
      if (Buffer.byteLength(raw) > 512 * 1024) return invalid(['payload larger than 512 KB']);
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return invalid(['content-type must be application/json']);
      let event: unknown;
      try {
        event = JSON.parse(raw);
      } catch {
        return invalid(['body is not JSON']);
      }
      if (!validate(event)) return invalid((validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`));
      const accepted = event as AcceptedEvent;
      state.accepted.push(accepted);
      answer(202, { status: 'success', message: 'Event processed', dedup_key: accepted.dedup_key });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v2/enqueue`,
    get accepted() {
      return state.accepted;
    },
    get invalid() {
      return state.invalid;
    },
    get received() {
      return state.received;
    },
    failNext: (...answers) => failures.push(...answers),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
