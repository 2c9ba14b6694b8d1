// conversations.* methods that manage channels and membership (history and replies live in history.ts).
import type { MethodTable } from './common.js';
import { SlackApiError, bool, channelArg, decodeCursor, encodeCursor, int, memberChannelArg, required, str } from './common.js';
import { channelJson } from '../shapes.js';

const MAX_NAME = 80;
/** The workspace's #general, which Slack never lets anyone archive. */
const GENERAL = 'general';

/**
 * Slack's channel-name rules, in the order Slack reports them (conversations.create errors in the Web API
 * OpenAPI spec; invalid_name_punctuation: "Value passed for name contained only punctuation").
 */
function checkChannelName(name: string | undefined): string {
  if (name === undefined || name.trim() === '') throw new SlackApiError('invalid_name_required');
  if (name.length > MAX_NAME) throw new SlackApiError('invalid_name_maxlength');
  if (/^[\p{P}\p{S}\s]+$/u.test(name)) throw new SlackApiError('invalid_name_punctuation');
  if (!/^[a-z0-9_-]+$/.test(name)) throw new SlackApiError('invalid_name_specials');
  return name;
}

/** conversations.* handlers for channels and members. */
export const conversationMethods: MethodTable = {
  // Errors from the OpenAPI spec (conversations.archive) and the method page: not_in_channel when the bot is not a member.
  'conversations.archive': ({ ws, params }) => {
    const ch = channelArg(ws, params);
    if (ch.is_im) throw new SlackApiError('method_not_supported_for_channel_type');
    if (ch.name === GENERAL) throw new SlackApiError('cant_archive_general');
    if (ch.is_archived) throw new SlackApiError('already_archived');
    if (!ch.members.includes(ws.botUser.id)) throw new SlackApiError('not_in_channel');
    ch.is_archived = true;
    return {};
  },

  // The method page's bug alert: "Bot tokens (xoxb-...) cannot currently be used to unarchive conversations"; the
  // spec's error for a bot caller is user_is_bot. Every caller here holds the bot token, so only the checks before it
  // (an unknown channel, a DM) answer otherwise; unarchiving is left to people (or the emulator's own archive flag).
  'conversations.unarchive': ({ ws, params }) => {
    const id = str(params, 'channel');
    const ch = id ? ws.channelById(id) : undefined;
    if (!ch) throw new SlackApiError('channel_not_found');
    if (ch.is_im) throw new SlackApiError('method_not_supported_for_channel_type');
    throw new SlackApiError('user_is_bot');
  },

  'conversations.create': ({ ws, params }) => {
    const name = checkChannelName(str(params, 'name'));
    if (ws.channelByName(name)) throw new SlackApiError('name_taken');
    const ch = ws.createChannel(name, bool(params, 'is_private'), ws.botUser.id, [ws.botUser.id]);
    return { channel: { ...channelJson(ch), is_open: true, last_read: '0000000000.000000', priority: 0 } };
  },

  // Slack's rules: `types` defaults to public_channel; private channels (and DMs) are listed only for members; at
  // most 1,000 a page, paged by an opaque cursor (OpenAPI spec, conversations.list).
  'conversations.list': ({ ws, params }) => {
    const types = new Set((str(params, 'types') ?? 'public_channel').split(',').map((t) => t.trim()));
    const limit = int(params, 'limit', 100, 1, 1000);
    const start = Number(decodeCursor(str(params, 'cursor')) ?? 0);
    const visible = [...ws.channels.values()].filter((ch) => {
      const type = ch.is_im ? 'im' : ch.is_private ? 'private_channel' : 'public_channel';
      return types.has(type) && (type === 'public_channel' || ch.members.includes(ws.botUser.id));
    });
    const page = visible.slice(start, start + limit);
    const next = start + limit < visible.length ? encodeCursor(String(start + limit)) : '';
    return { channels: page.map(channelJson), response_metadata: { next_cursor: next } };
  },

  'conversations.info': ({ ws, params }) => {
    const ch = channelArg(ws, params);
    return { channel: { ...channelJson(ch), num_members: ch.members.length } };
  },

  'conversations.join': ({ ws, params }) => {
    const ch = channelArg(ws, params);
    if (ch.is_private || ch.is_im) throw new SlackApiError('method_not_supported_for_channel_type');
    const already = ch.members.includes(ws.botUser.id);
    ws.addMember(ch, ws.botUser.id);
    const warning = already ? { warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } } : {};
    return { channel: channelJson(ch), ...warning };
  },

  'conversations.invite': ({ ws, params }) => {
    const id = str(params, 'channel');
    const ch = id ? ws.channelById(id) : undefined;
    if (!ch) throw new SlackApiError('channel_not_found');
    if (ch.is_im) throw new SlackApiError('method_not_supported_for_channel_type');
    if (!ch.members.includes(ws.botUser.id)) throw new SlackApiError('not_in_channel');
    if (ch.is_archived) throw new SlackApiError('is_archived');
    const userIds = required(params, 'users', 'no_user').split(',').map((u) => u.trim()).filter(Boolean);
    if (userIds.length === 0) throw new SlackApiError('no_user');
    if (userIds.length > 1000) throw new SlackApiError('too_many_users');
    const errors: { ok: false; error: string; user: string }[] = [];
    const toAdd: string[] = [];
    for (const user of userIds) {
      const error =
        user === ws.botUser.id ? 'cant_invite_self' : !ws.userById(user) ? 'user_not_found' : ch.members.includes(user) ? 'already_in_channel' : undefined;
      if (error) errors.push({ ok: false, error, user });
      else toAdd.push(user);
    }
    // Without force Slack invites nobody when any user fails; with force it invites the rest and lists errors.
    const first = errors[0];
    if (first && !bool(params, 'force')) throw new SlackApiError(first.error, { errors });
    for (const user of toAdd) ws.addMember(ch, user);
    return { channel: channelJson(ch), ...(errors.length > 0 ? { errors } : {}) };
  },

  'conversations.members': ({ ws, params }) => {
    const ch = channelArg(ws, params);
    const limit = int(params, 'limit', 100, 1, 1000);
    const start = Number(decodeCursor(str(params, 'cursor')) ?? 0);
    const page = ch.members.slice(start, start + limit);
    const next = start + limit < ch.members.length ? encodeCursor(String(start + limit)) : '';
    return { members: page, response_metadata: { next_cursor: next } };
  },

  'conversations.setTopic': ({ ws, params }) => {
    const ch = memberChannelArg(ws, params);
    const topic = str(params, 'topic') ?? '';
    if (topic.length > 250) throw new SlackApiError('too_long');
    ch.topic = topic;
    ch.topicSet = { creator: ws.botUser.id, last_set: ws.nowSeconds() };
    return { channel: channelJson(ch) };
  },

  'conversations.setPurpose': ({ ws, params }) => {
    const ch = memberChannelArg(ws, params);
    const purpose = str(params, 'purpose') ?? '';
    if (purpose.length > 250) throw new SlackApiError('too_long');
    ch.purpose = purpose;
    ch.purposeSet = { creator: ws.botUser.id, last_set: ws.nowSeconds() };
    return { channel: channelJson(ch) };
  },

  'conversations.open': ({ ws, params }) => {
    const users = (str(params, 'users') ?? '').split(',').filter(Boolean);
    const [user, ...more] = users;
    if (!user) throw new SlackApiError('users_list_not_supplied');
    if (more.length > 0) throw new SlackApiError('not_supported', { detail: 'group DMs are not emulated' });
    if (!ws.userById(user)) throw new SlackApiError('user_not_found');
    const ch = ws.imWith(user);
    return { channel: bool(params, 'return_im') ? channelJson(ch) : { id: ch.id } };
  },
};
