// Socket Mode with the same promises as our HTTP mode. Bolt's socket receiver acks events before the listener
// runs and never acks what no listener handled; this wrapper acks events only once they are handled (stored), so a
// failure leaves them for Slack to redeliver, and acks leftovers so the user never sees a timeout.
import { SocketModeReceiver, type App, type Logger, type ReceiverEvent } from '@slack/bolt';

type AckFn = (body?: unknown) => Promise<void>;

/** A SocketModeReceiver whose ack timing matches processBeforeResponse over HTTP. */
export class StoreThenAckSocketReceiver extends SocketModeReceiver {
  constructor(opts: { appToken: string; logger: Logger; clientOptions: Record<string, unknown> }) {
    super({ appToken: opts.appToken, logger: opts.logger, installerOptions: { clientOptions: opts.clientOptions } });
  }

  override init(app: App): void {
    super.init({ processEvent: (event: ReceiverEvent) => processThenAck(app, event) } as unknown as App);
  }

  /** Resolves once the WebSocket's close handshake is done (Bolt's stop() does not wait for it). */
  async disconnect(): Promise<void> {
    await this.client.disconnect();
  }
}

async function processThenAck(app: App, event: ReceiverEvent): Promise<void> {
  const realAck = event.ack as AckFn;
  const isEventsApi = (event.body as { type?: string }).type === 'event_callback';
  let acked = false;
  let deferredBody: unknown;
  const ack: AckFn = async (body) => {
    if (acked) return;
    acked = true;
    if (isEventsApi) deferredBody = body;
    else await realAck(body);
  };
  // If processing throws, events stay unacknowledged and Slack redelivers them.
  await app.processEvent({ ...event, ack } as ReceiverEvent);
  if (isEventsApi) await realAck(deferredBody);
  else if (!acked) await realAck();
}
