// pins.add and reactions.add: the bot marking a message.
import type { MethodContext, MethodTable } from './common.js';
import { SlackApiError, memberChannelArg, str } from './common.js';

/** The message named by channel + timestamp, or Slack's error for a missing one. */
function targetMessage({ ws, params }: MethodContext) {
  const ch = memberChannelArg(ws, params);
  const ts = str(params, 'timestamp');
  if (ts === undefined) throw new SlackApiError('no_item_specified');
  if (!/^\d+(\.\d+)?$/.test(ts)) throw new SlackApiError('bad_timestamp');
  const message = ws.findMessage(ch.id, ts);
  if (!message || message.ephemeral) throw new SlackApiError('message_not_found');
  return message;
}

/** Pin and reaction handlers. */
export const pinReactionMethods: MethodTable = {
  'pins.add': (ctx) => {
    const message = targetMessage(ctx);
    if (message.pinned) throw new SlackApiError('already_pinned');
    ctx.ws.updateMessage(message, { pinned: true });
    return {};
  },

  'reactions.add': (ctx) => {
    const name = str(ctx.params, 'name')?.replace(/^:|:$/g, '');
    if (!name) throw new SlackApiError('invalid_name');
    const message = targetMessage(ctx);
    const botId = ctx.ws.botUser.id;
    const existing = message.reactions.find((r) => r.name === name);
    if (existing?.users.includes(botId)) throw new SlackApiError('already_reacted');
    const reactions = existing
      ? message.reactions.map((r) => (r === existing ? { name, users: [...r.users, botId] } : r))
      : [...message.reactions, { name, users: [botId] }];
    ctx.ws.updateMessage(message, { reactions });
    return {};
  },
};
