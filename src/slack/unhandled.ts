// Requests no listener acknowledged: a button on an old message, another app's modal, a shortcut we dropped.
import { ReceiverMultipleAckError, type Middleware, type AnyMiddlewareArgs } from '@slack/bolt';

/**
 * Global middleware that acks whatever the listeners left unacknowledged. Without it Bolt waits 3 seconds and
 * answers 404, which Slack shows the user as an error. It runs once every listener has finished; the HTTP receiver
 * refuses a second ack, which is how an already acknowledged request is told apart.
 */
export const ackLeftovers: Middleware<AnyMiddlewareArgs> = async (args) => {
  await args.next();
  const ack = (args as { ack?: () => Promise<void> }).ack;
  if (!ack) return;
  await ack().catch((err: unknown) => {
    if (!(err instanceof ReceiverMultipleAckError)) throw err;
  });
};
