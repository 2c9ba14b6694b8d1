// Bolt's receivers with one set of ack rules for both transports: an Events API delivery is acked only once its
// listener has finished (stored), so a failure leaves it for Slack to redeliver; and a request no listener acked
// (a button on an old message, another app's modal) is acked rather than left to time out, which Slack would show
// the user as an error. Over HTTP, Bolt's processBeforeResponse already holds the response until the listener ends.
import { HTTPReceiver, SocketModeReceiver, type App, type Logger, type ReceiverEvent } from '@slack/bolt';

type AckFn = (body?: unknown) => Promise<void>;

/** The app as the receiver sees it, with the ack rules applied around each request. */
function withAckRules(app: App, deferEventAcks: boolean): App {
  return { processEvent: (event: ReceiverEvent) => processThenAck(app, event, deferEventAcks) } as unknown as App;
}

async function processThenAck(app: App, event: ReceiverEvent, deferEventAcks: boolean): Promise<void> {
  const realAck = event.ack as AckFn;
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

/** HTTP mode: Bolt's HTTPReceiver, acking leftovers. */
export class AckingHTTPReceiver extends HTTPReceiver {
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
