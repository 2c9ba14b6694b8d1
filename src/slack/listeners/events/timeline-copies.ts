// 📌 reactions and pins in an incident channel copy the message into the timeline. The app runs with
// processBeforeResponse, so Slack gets its ack only once the copy is stored; the event id makes retries harmless.
import { message as slackMessage } from '../../blocks/message.js';
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackMessageRef, TimelineEvent } from '../../../core/index.js';
import type { SlackDeps } from '../../deps.js';
import { attempt } from '../../services/slack-call.js';
import { redactedOf, rotateWarning } from '../../blocks/redaction.js';

const PIN_REACTIONS = new Set(['pushpin', 'round_pushpin']);
/** The bot's own mark on a message it copied. */
export const RECORDED_REACTION = 'memo';
/** Fetching the message must leave time to ack within Slack's 3 seconds. */
const FETCH_TIMEOUT_MS = 2_000;

/** Registers reaction_added and pin_added. */
export function register(app: App, deps: SlackDeps): void {
  app.event('reaction_added', async ({ event, body, client }) => {
    // Slack always sends these fields, but a delivery without them must be ignored rather than crash the listener.
    if (!PIN_REACTIONS.has(event.reaction) || event.item?.type !== 'message' || typeof event.item.channel !== 'string' || typeof event.item.ts !== 'string') return;
    const channel = event.item.channel;
    if (!(await deps.core.incidentForChannel(channel))) return;
    const message = await fetchMessage(client, channel, event.item.ts, event.item_user ?? 'unknown', deps);
    const stored = await deps.core.recordSlackMessage({ id: event.user, source: 'slack-reaction', channelId: channel }, message, 'reaction', eventIdOf(body));
    if (stored) markRecorded(deps, client, stored.incident.id, message, stored.event);
  });

  app.event('pin_added', async ({ event, body, client, context }) => {
    // The bot pins the incident card itself: that is not a person marking a message for the timeline.
    if (context.botUserId && event.user === context.botUserId) return;
    const item = event.item as { type?: string; channel?: string; message?: { user?: string; bot_id?: string; text?: string; ts?: string; permalink?: string } } | undefined;
    if (item?.type !== 'message' || typeof item.message?.ts !== 'string') return;
    const channel = item.channel ?? event.channel_id;
    const message: SlackMessageRef = {
      channel,
      ts: item.message.ts,
      author: item.message.user ?? item.message.bot_id ?? 'unknown',
      text: item.message.text ?? '',
      permalink: item.message.permalink ?? null,
    };
    const stored = await deps.core.recordSlackMessage({ id: event.user, source: 'slack-pin', channelId: channel }, message, 'pin', eventIdOf(body));
    if (stored) markRecorded(deps, client, stored.incident.id, message, stored.event);
  });
}

/**
 * After the ack, the bot marks the message 📝 so everyone in the channel sees it is on the timeline, and tells its
 * author (only them) to rotate any secret that was redacted from the copy. Failures are logged by the background runner.
 */
function markRecorded(deps: SlackDeps, client: WebClient, incidentId: number, message: SlackMessageRef, event: TimelineEvent): void {
  deps.background.afterAck('mark a copied message', async () => {
    await attempt(deps, incidentId, 'marking the copied message', () =>
      client.reactions.add({ channel: message.channel, timestamp: message.ts, name: RECORDED_REACTION }),
    );
  });
  const warning = rotateWarning(redactedOf(event));
  // Only people can be told; bots ('B…') and unknown authors cannot receive an ephemeral message.
  if (warning && /^[UW][A-Z0-9]+$/.test(message.author)) {
    deps.background.afterAck('warn the author of a redacted message', async () => {
      await client.chat.postEphemeral({ channel: message.channel, user: message.author, ...slackMessage(warning) });
    });
  }
}

function eventIdOf(body: unknown): string | undefined {
  return (body as { event_id?: string }).event_id;
}

/**
 * The reacted-to message. If Slack cannot give it in time, the copy is still stored (with its channel, time and
 * author) and says the text was unavailable: a Slack failure must not decide whether the record is kept.
 */
async function fetchMessage(client: WebClient, channel: string, ts: string, author: string, deps: SlackDeps): Promise<SlackMessageRef> {
  const withTimeout = <T>(p: Promise<T>) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), FETCH_TIMEOUT_MS).unref())]);
  try {
    const history = await withTimeout(client.conversations.history({ channel, latest: ts, oldest: ts, inclusive: true, limit: 1 }));
    const found = history.messages?.find((m) => m.ts === ts);
    const link = await withTimeout(client.chat.getPermalink({ channel, message_ts: ts })).catch(() => undefined);
    return { channel, ts, author: found?.user ?? found?.bot_id ?? author, text: found?.text ?? '', permalink: link?.permalink ?? null };
  } catch (err) {
    deps.logger.warn({ err, channel, ts }, 'could not fetch the pinned message');
    return { channel, ts, author, text: `(message text unavailable: ${(err as Error).message})`, permalink: null };
  }
}
