// chat.* methods: post, post ephemeral, update, delete, permalink.
import type { MethodContext, MethodTable } from './common.js';
import { SlackApiError, channelArg, memberChannelArg, required, str } from './common.js';
import { readMessageContent, truncationWarning } from '../message-content.js';
import { messageJson, permalink } from '../shapes.js';
import type { ChannelRecord } from '../workspace.js';

/** The target of chat.postMessage: a channel the bot is in, or a user id, which opens a DM. */
function postTarget({ ws, params }: MethodContext): ChannelRecord {
  const id = str(params, 'channel');
  if (id && /^[UW]/.test(id)) {
    if (!ws.userById(id)) throw new SlackApiError('channel_not_found');
    return ws.imWith(id);
  }
  const ch = memberChannelArg(ws, params);
  if (ch.is_archived) throw new SlackApiError('is_archived');
  return ch;
}

/**
 * The thread a reply goes in. Slack's reference for thread_ts: "Provide another message's ts value to make this message
 * a reply. Avoid using a reply's ts value; use its parent instead", so a reply's ts puts the message in its parent's
 * thread. Its error list names no thread error, so a ts naming no message is stored as given, as Slack accepts it.
 */
function threadOf(ctx: MethodContext, channel: string): string | undefined {
  const ts = str(ctx.params, 'thread_ts');
  const parent = ts === undefined ? undefined : ctx.ws.findMessage(channel, ts);
  return parent?.thread_ts ?? ts;
}

/** A stored message the bot may change: it exists, is not ephemeral, and the bot wrote it. */
function ownMessage(ctx: MethodContext, tsKey: string, forbidden: string) {
  const ch = channelArg(ctx.ws, ctx.params);
  const ts = required(ctx.params, tsKey, 'message_not_found');
  const message = ctx.ws.findMessage(ch.id, ts);
  if (!message || message.ephemeral) throw new SlackApiError('message_not_found');
  if (message.user !== ctx.ws.botUser.id) throw new SlackApiError(forbidden);
  return { ch, message };
}

/** chat.* handlers. */
export const chatMethods: MethodTable = {
  'chat.postMessage': (ctx) => {
    const ch = postTarget(ctx);
    const content = readMessageContent(ctx.params, { ws: ctx.ws });
    const message = ctx.ws.addMessage({
      channel: ch.id,
      user: ctx.ws.botUser.id,
      text: content.text ?? '',
      blocks: content.blocks,
      metadata: content.metadata,
      thread_ts: threadOf(ctx, ch.id),
      via: 'api',
    });
    return { channel: ch.id, ts: message.ts, message: messageJson(ctx.ws, message), ...truncationWarning(content) };
  },

  'chat.postEphemeral': (ctx) => {
    const ch = memberChannelArg(ctx.ws, ctx.params);
    const userId = required(ctx.params, 'user', 'user_not_found');
    if (!ctx.ws.userById(userId)) throw new SlackApiError('user_not_found');
    if (!ch.members.includes(userId)) throw new SlackApiError('user_not_in_channel');
    const content = readMessageContent(ctx.params, { ws: ctx.ws });
    const message = ctx.ws.addMessage({
      channel: ch.id,
      user: ctx.ws.botUser.id,
      text: content.text ?? '',
      blocks: content.blocks,
      thread_ts: str(ctx.params, 'thread_ts'),
      visible_to: userId,
      ephemeral: true,
      via: 'api',
    });
    return { message_ts: message.ts, ...truncationWarning(content) };
  },

  'chat.update': (ctx) => {
    const { ch, message } = ownMessage(ctx, 'ts', 'cant_update_message');
    const content = readMessageContent(ctx.params, { allowEmpty: true, ws: ctx.ws });
    // Slack keeps the old blocks when the update sends none, and replaces them when it sends some.
    ctx.ws.updateMessage(message, {
      text: content.text ?? message.text,
      ...(content.blocks !== undefined ? { blocks: content.blocks } : {}),
      ...(content.metadata !== undefined ? { metadata: content.metadata } : {}),
      edited: true,
    });
    const { ts: _ts, ...shown } = messageJson(ctx.ws, message);
    return { channel: ch.id, ts: message.ts, text: message.text, message: shown, ...truncationWarning(content) };
  },

  'chat.delete': (ctx) => {
    const { ch, message } = ownMessage(ctx, 'ts', 'cant_delete_message');
    ctx.ws.deleteMessage(message);
    return { channel: ch.id, ts: message.ts };
  },

  'chat.getPermalink': ({ ws, params }) => {
    const id = str(params, 'channel');
    const ch = id ? ws.channelById(id) : undefined;
    if (!ch) throw new SlackApiError('channel_not_found');
    const message = ws.findMessage(ch.id, required(params, 'message_ts', 'message_not_found'));
    if (!message || message.ephemeral) throw new SlackApiError('message_not_found');
    return { channel: ch.id, permalink: permalink(ch.id, message.ts, message.thread_ts) };
  },
};
