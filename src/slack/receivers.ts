// Bolt's receivers with one set of ack rules for both transports: an Events API delivery is acked only once its
// listener has finished (stored), so a failure leaves it for Slack to redeliver; and a request no listener acked
// (a button on an old message, another app's modal) is acked rather than left to time out, which Slack would show
// the user as an error. Over HTTP, Bolt's processBeforeResponse already holds the response until the listener ends.
// Before any listener, on both transports, a request must be in Slack's form (parse/envelope.ts) and for this
// installation (installation.ts); over HTTP it has first passed the request gate (request-gate.ts).
import { HTTPReceiver, SocketModeReceiver, type App, type Logger, type ReceiverEvent } from '@slack/bolt';
import type { Logger as AppLogger } from '../log.js';
import { envelopeProblem } from './parse/envelope.js';
import { foreignRequestProblem, type Installation } from './installation.js';
import { gateRequest, type RequestGate } from './request-gate.js';
import { monotonicMs, requestKind, type AckOutcome, type RequestObserver } from './request-observer.js';

type AckFn = (body?: unknown) => Promise<void>;

/** Whose requests are served, and where refusals are logged. */
export interface Served {
  installation: Installation;
  logger: AppLogger;
  /** Told of each request's kind, answer and ack latency (the /metrics adapter), when metrics are on. */
  observer?: RequestObserver;
}

// Over HTTP a request arrives before the request gate reads its body; the receiver passes that time to the ack rules
// as a custom property under this key, which is taken off again before Bolt builds the listeners' context.
const ARRIVED_AT = 'rampartArrivedAtMs';

/** The app as the receiver sees it, with the ack rules applied around each request. */
function withAckRules(app: App, served: Served, deferEventAcks: boolean): App {
  return { processEvent: (event: ReceiverEvent) => processThenAck(app, served, event, deferEventAcks) } as unknown as App;
}

async function processThenAck(app: App, served: Served, received: ReceiverEvent, deferEventAcks: boolean): Promise<void> {
  const { [ARRIVED_AT]: arrivedAt, ...customProperties } = received.customProperties ?? {};
  const event: ReceiverEvent = { ...received, customProperties };
  const observer = served.observer;
  if (!observer) {
    await answer(app, served, event, deferEventAcks);
    return;
  }
  const start = typeof arrivedAt === 'number' ? arrivedAt : monotonicMs();
  const kind = requestKind(event.body);
  observer.received(kind);
  let outcome: AckOutcome = 'failed';
  try {
    outcome = await answer(app, served, event, deferEventAcks);
  } finally {
    // Over HTTP the response is written as soon as this returns (processBeforeResponse), so this is the ack's time.
    observer.answered(kind, outcome, (monotonicMs() - start) / 1000);
  }
}

async function answer(app: App, served: Served, event: ReceiverEvent, deferEventAcks: boolean): Promise<AckOutcome> {
  const realAck = event.ack as AckFn;
  const isCommand = typeof event.body === 'object' && event.body !== null && 'command' in event.body;
  if (envelopeProblem(event.body) !== undefined) {
    // Not something Slack sends (a field it always sends is missing or malformed): acked, nothing done.
    await realAck(isCommand ? { response_type: 'ephemeral', text: ':warning: That request was not in the form Slack sends, so nothing was done. Please try the command again.' } : undefined);
    return 'malformed';
  }
  const foreign = foreignRequestProblem(event.body as Record<string, unknown>, served.installation);
  if (foreign !== undefined) {
    // Slack sent it (the signature, or the Socket Mode connection, says so) for another workspace or app sharing this
    // request URL. It is acked with 200 and nothing done, not refused with 401/403: an event Slack sees refused is
    // delivered again three times and counts towards Slack turning off our event subscriptions, for every workspace
    // at once; and a person running a command there is told plainly instead of seeing Slack's "dispatch_failed".
    served.logger.warn({ problem: foreign }, 'Slack request for another workspace or app refused; nothing was done');
    await realAck(isCommand ? { response_type: 'ephemeral', text: ':warning: This Rampart is installed for another Slack workspace or app, so nothing was done.' } : undefined);
    return 'foreign';
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
  const outcome = acked ? 'handled' : 'unhandled';
  if (defer) await realAck(deferredBody);
  else if (!acked) await realAck();
  return outcome;
}

/** HTTP mode: Bolt's HTTPReceiver behind the request gate (src/slack/request-gate.ts), acking leftovers. */
export class AckingHTTPReceiver extends HTTPReceiver {
  private readonly served: Served;

  constructor(opts: ConstructorParameters<typeof HTTPReceiver>[0] & { gate: RequestGate; served: Served }) {
    const { gate, served, ...boltOptions } = opts;
    const arrivals = new WeakMap<object, number>();
    super(served.observer ? { ...boltOptions, customPropertiesExtractor: (req) => ({ [ARRIVED_AT]: arrivals.get(req) }) } : boltOptions);
    this.served = served;
    const boltListener = this.requestListener;
    // A body that ends early (its connection closed or timed out) leaves nobody to answer; 400 for anything else.
    this.requestListener = (req, res) => {
      if (served.observer) arrivals.set(req, monotonicMs());
      void gateRequest(gate, req, res, boltListener).catch(() => res.headersSent || res.destroyed || res.writeHead(400).end());
    };
  }

  override init(app: App): void {
    super.init(withAckRules(app, this.served, false));
  }
}

/** Socket Mode: Bolt acks events before the listener runs; here they are acked once handled. */
export class AckingSocketReceiver extends SocketModeReceiver {
  private readonly served: Served;

  constructor(opts: { appToken: string; logger: Logger; clientOptions: Record<string, unknown>; served: Served }) {
    super({ appToken: opts.appToken, logger: opts.logger, installerOptions: { clientOptions: opts.clientOptions } });
    this.served = opts.served;
  }

  override init(app: App): void {
    super.init(withAckRules(app, this.served, true));
  }

  /** Resolves once the WebSocket's close handshake is done (Bolt's stop() does not wait for it). */
  async disconnect(): Promise<void> {
    await this.client.disconnect();
  }
}
