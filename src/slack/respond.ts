// Turning a handler's Outcome into Slack: the reply goes with the ack, the rest runs afterwards.
import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AfterAck, Outcome, Reply, SlackDeps } from './deps.js';
import { userMessageFor } from './errors.js';

/** An ephemeral response body. */
export function ephemeral(reply: Reply) {
  return { response_type: 'ephemeral' as const, text: reply.text, ...(reply.blocks ? { blocks: reply.blocks as never[] } : {}) };
}

/** A way to tell the user something after the ack, through the request's response_url. */
export function tellVia(respond: RespondFn): AfterAck['tell'] {
  return async (reply) => {
    await respond(ephemeral(reply));
  };
}

/**
 * Acks with the outcome's reply (or the error's message) and schedules its follow-up work. Errors in the follow-up
 * are shown to the user with the same rules as errors before the ack.
 */
export async function finish(
  deps: SlackDeps,
  ack: (body?: ReturnType<typeof ephemeral>) => Promise<void>,
  work: () => Promise<Outcome>,
  after: { client: WebClient; tell: AfterAck['tell'] },
  context: Record<string, unknown>,
): Promise<void> {
  let outcome: Outcome;
  try {
    outcome = await work();
  } catch (err) {
    await ack(ephemeral({ text: userMessageFor(err, deps.logger, context) }));
    return;
  }
  await ack(outcome.reply ? ephemeral(outcome.reply) : undefined);
  const followUp = outcome.after;
  if (followUp) {
    deps.background.afterAck(String(context.what ?? 'follow-up'), async () => {
      try {
        await followUp(after);
      } catch (err) {
        await after.tell({ text: userMessageFor(err, deps.logger, context) }).catch((e: unknown) => deps.logger.warn({ err: e }, 'could not tell the user'));
      }
    });
  }
}

/**
 * The same for a button click: the click is acked at once (Slack shows nothing for an ack body here), then the
 * reply goes to the clicker through the response_url and the follow-up runs.
 */
export async function finishAction(
  deps: SlackDeps,
  ack: () => Promise<void>,
  work: () => Promise<Outcome>,
  after: { client: WebClient; tell: AfterAck['tell'] },
  context: Record<string, unknown>,
): Promise<void> {
  let outcome: Outcome;
  try {
    outcome = await work();
  } catch (err) {
    await ack();
    const text = userMessageFor(err, deps.logger, context);
    deps.background.afterAck(String(context.what ?? 'button'), () => after.tell({ text }));
    return;
  }
  await ack();
  const { reply, after: followUp } = outcome;
  deps.background.afterAck(String(context.what ?? 'button'), async () => {
    try {
      if (followUp) await followUp(after);
      if (reply) await after.tell(reply);
    } catch (err) {
      await after.tell({ text: userMessageFor(err, deps.logger, context) }).catch((e: unknown) => deps.logger.warn({ err: e }, 'could not tell the user'));
    }
  });
}
