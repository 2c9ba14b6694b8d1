// Turning a handler's Outcome into Slack: the reply goes with the ack, the rest runs afterwards.
import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AfterAck, Outcome, Reply, SlackDeps } from './deps.js';
import { userMessageFor } from './errors.js';
import { message } from './blocks/message.js';

/** An ephemeral response body. */
export function ephemeral(reply: Reply) {
  return { response_type: 'ephemeral' as const, text: reply.text, ...(reply.blocks ? { blocks: reply.blocks as never[] } : {}) };
}

/** A way to tell the user something after the ack, through the request's response_url. */
export function tellVia(respond: RespondFn | undefined): AfterAck['tell'] {
  return async (reply) => {
    // A button outside a message (in a modal, App Home) comes without a response_url: there is nowhere to reply.
    if (!respond) return;
    await respond(ephemeral(reply));
  };
}

/**
 * Acks with the outcome's reply (or the error's message) and schedules its follow-up work. Errors in the follow-up
 * are shown to the user with the same rules as errors before the ack.
 */
export function finish(
  deps: SlackDeps,
  ack: (body?: ReturnType<typeof ephemeral>) => Promise<void>,
  work: () => Promise<Outcome>,
  after: { client: WebClient; tell: AfterAck['tell'] },
  context: Record<string, unknown>,
): Promise<void> {
  return settle(deps, ack, work, after, context, true);
}

/**
 * The same for a button click: the click is acked at once (Slack shows nothing for an ack body here), then the
 * reply goes to the clicker through the response_url and the follow-up runs.
 */
export function finishAction(
  deps: SlackDeps,
  ack: () => Promise<void>,
  work: () => Promise<Outcome>,
  after: { client: WebClient; tell: AfterAck['tell'] },
  context: Record<string, unknown>,
): Promise<void> {
  return settle(deps, () => ack(), work, after, context, false);
}

async function settle(
  deps: SlackDeps,
  ack: (body?: ReturnType<typeof ephemeral>) => Promise<void>,
  work: () => Promise<Outcome>,
  after: { client: WebClient; tell: AfterAck['tell'] },
  context: Record<string, unknown>,
  replyInAck: boolean,
): Promise<void> {
  const what = String(context.what ?? 'follow-up');
  let outcome: Outcome;
  try {
    outcome = await work();
  } catch (err) {
    const reply = message(userMessageFor(err, deps.logger, context));
    if (replyInAck) return ack(ephemeral(reply));
    await ack();
    deps.background.afterAck(what, () => after.tell(reply));
    return;
  }
  await ack(replyInAck && outcome.reply ? ephemeral(outcome.reply) : undefined);
  // Handled, not refused: the people it names are worth knowing by name (looked up after the ack).
  deps.noticePeople?.(after.client, [context.user, ...((context.people as unknown[] | undefined) ?? [])].filter((id): id is string => typeof id === 'string'));
  const { after: followUp } = outcome;
  const reply = replyInAck ? undefined : outcome.reply;
  if (!followUp && !reply) return;
  deps.background.afterAck(what, async () => {
    try {
      if (followUp) await followUp(after);
      if (reply) await after.tell(reply);
    } catch (err) {
      await after.tell(message(userMessageFor(err, deps.logger, context))).catch((e: unknown) => deps.logger.warn({ err: e }, 'could not tell the user'));
    }
  });
}
