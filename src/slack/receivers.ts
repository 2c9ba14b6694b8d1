// Bolt's receivers with one set of ack rules for both transports: an Events API delivery is acked only once its
// listener has finished (stored), so a failure leaves it for Slack to redeliver; and a request no listener acked
// (a button on an old message, another app's modal) is acked rather than left to time out, which Slack would show
// the user as an error. Over HTTP, Bolt's processBeforeResponse already holds the response until the listener ends.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HTTPReceiver, SocketModeReceiver, type App, type Logger, type ReceiverEvent } from '@slack/bolt';
import { envelopeProblem } from './parse/envelope.js';

type AckFn = (body?: unknown) => Promise<void>;

/** The app as the receiver sees it, with the ack rules applied around each request. */
function withAckRules(app: App, deferEventAcks: boolean): App {
  return { processEvent: (event: ReceiverEvent) => processThenAck(app, event, deferEventAcks) } as unknown as App;
}

async function processThenAck(app: App, event: ReceiverEvent, deferEventAcks: boolean): Promise<void> {
  const realAck = event.ack as AckFn;
  if (envelopeProblem(event.body) !== undefined) {
    // Not something Slack sends (a field it always sends is missing or malformed): acked, nothing done.
    const isCommand = typeof event.body === 'object' && event.body !== null && 'command' in event.body;
    await realAck(isCommand ? { response_type: 'ephemeral', text: ':warning: That request was not in the form Slack sends, so nothing was done. Please try the command again.' } : undefined);
    return;
  }
  const defer = deferEventAcks && (event.body as { type?: string }).type === 'event_callback';
  let acked = false;
  let deferredBody: unknown;
  const ack: AckFn = async (body) => {
    if (acked) return;
    acked = true;
    if (defer) deferredBody = body;
    else await realAck(body);
  };
  // If processing throws, a deferred event stays unacknowledged and Slack redelivers it.
  await app.processEvent({ ...event, ack } as ReceiverEvent);
  if (defer) await realAck(deferredBody);
  else if (!acked) await realAck();
}

/** Bolt's own body limit (4 MB); a larger body is refused with 413 as Bolt would. */
const BODY_LIMIT = 4 * 1024 * 1024;

/**
 * Buffers the body and answers 400 when it parses to something other than an object (`null`, `[]`, `1`, or
 * `payload=null`): Bolt reads `body.ssl_check` off it, and on `null` that throws in a detached promise, leaving the
 * request unanswered and an unhandled rejection behind. Bolt reuses `req.rawBody` once it is set, so the body is read once.
 */
async function refuseNonObjectBodies(req: IncomingMessage, res: ServerResponse, next: RequestListener): Promise<void> {
  const rawBody = await bodyWithin(req, BODY_LIMIT);
  if (!rawBody) {
    // The rest of the body is discarded and the connection closed, so a keep-alive client is not left mid-request.
    res.writeHead(413, { connection: 'close' }).end();
    req.resume();
    return;
  }
  if (!parsesToObject(rawBody.toString(), req.headers['content-type'])) {
    res.writeHead(400).end();
    return;
  }
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = rawBody;
  next(req, res);
}

/** The whole body, or undefined as soon as it passes `limit` bytes (the rest is left unread). */
function bodyWithin(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd).pause();
      resolve(undefined);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData).on('end', onEnd).on('error', reject);
  });
}

/** Whether Bolt's parse of the body (JSON, a form, or a form's `payload` JSON) gives an object; garbage is left to Bolt. */
function parsesToObject(text: string, contentType: string | undefined): boolean {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const payload = new URLSearchParams(text).getAll('payload');
      if (payload.length !== 1) return true;
      text = payload[0]!;
    }
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null && !Array.isArray(body);
  } catch {
    return true;
  }
}

/** HTTP mode: Bolt's HTTPReceiver, acking leftovers. */
export class AckingHTTPReceiver extends HTTPReceiver {
  constructor(opts: ConstructorParameters<typeof HTTPReceiver>[0]) {
    super(opts);
    const boltListener = this.requestListener;
    this.requestListener = (req, res) => void refuseNonObjectBodies(req, res, boltListener).catch(() => res.writeHead(400).end());
  }

  override init(app: App): void {
    super.init(withAckRules(app, false));
  }
}

/** Socket Mode: Bolt acks events before the listener runs; here they are acked once handled. */
export class AckingSocketReceiver extends SocketModeReceiver {
  constructor(opts: { appToken: string; logger: Logger; clientOptions: Record<string, unknown> }) {
    super({ appToken: opts.appToken, logger: opts.logger, installerOptions: { clientOptions: opts.clientOptions } });
  }

  override init(app: App): void {
    super.init(withAckRules(app, true));
  }

  /** Resolves once the WebSocket's close handshake is done (Bolt's stop() does not wait for it). */
  async disconnect(): Promise<void> {
    await this.client.disconnect();
  }
}
