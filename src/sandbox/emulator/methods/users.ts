// auth.test, users.* and usergroups.users.list.
import type { MethodTable } from './common.js';
import { SlackApiError, decodeCursor, encodeCursor, required, str } from './common.js';
import { channelJson, userJson } from '../shapes.js';
import type { ChannelRecord } from '../workspace.js';
import { APP_ID, BOT_ID, TEAM_DOMAIN, TEAM_ID } from '../constants.js';

/** Identity and directory handlers. */
export const userMethods: MethodTable = {
  'auth.test': ({ ws }) => ({
    url: `https://${TEAM_DOMAIN}.slack.com/`,
    team: 'Rampart Sandbox',
    user: ws.botUser.name,
    team_id: TEAM_ID,
    user_id: ws.botUser.id,
    bot_id: BOT_ID,
    app_id: APP_ID,
    is_enterprise_install: false,
  }),

  'users.info': ({ ws, params }) => {
    const user = ws.userById(required(params, 'user', 'user_not_found'));
    if (!user) throw new SlackApiError('user_not_found');
    return { user: userJson(user) };
  },

  'users.lookupByEmail': ({ ws, params }) => {
    const email = required(params, 'email', 'users_not_found').toLowerCase();
    const user = [...ws.users.values()].find((u) => !u.is_bot && `${u.name}@rampart-sandbox.example` === email);
    if (!user) throw new SlackApiError('users_not_found');
    return { user: userJson(user) };
  },

  // Slack's reference: types defaults to public_channel, any mix of the four kinds, else invalid_types; limit is an
  // integer no larger than 1000 (invalid_limit); non-public conversations only where the caller (the bot) is a member
  // too; the conversation objects come without num_members and is_member.
  'users.conversations': ({ ws, params }) => {
    const types = (str(params, 'types') ?? 'public_channel').split(',').map((t) => t.trim());
    if (types.some((t) => !CONVERSATION_TYPES.includes(t))) throw new SlackApiError('invalid_types');
    const limit = params.limit === undefined || params.limit === '' ? 100 : Number(params.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new SlackApiError('invalid_limit');
    const user = str(params, 'user') ?? ws.botUser.id;
    const start = Number(decodeCursor(str(params, 'cursor')) ?? 0);
    if (!Number.isInteger(start) || start < 0) throw new SlackApiError('invalid_cursor');
    const theirs = [...ws.channels.values()].filter(
      (ch) => types.includes(typeOf(ch)) && ch.members.includes(user) && (typeOf(ch) === 'public_channel' || ch.members.includes(ws.botUser.id)),
    );
    const page = theirs.slice(start, start + limit);
    const next = start + limit < theirs.length ? encodeCursor(String(start + limit)) : '';
    return { channels: page.map((ch) => withoutMembership(channelJson(ch))), response_metadata: { next_cursor: next } };
  },

  'usergroups.users.list': ({ ws, params }) => {
    const group = ws.usergroups.get(required(params, 'usergroup', 'no_such_subteam'));
    if (!group) throw new SlackApiError('no_such_subteam');
    return { users: [...group.users] };
  },
};

const CONVERSATION_TYPES = ['public_channel', 'private_channel', 'mpim', 'im'];

function typeOf(ch: ChannelRecord): string {
  return ch.is_im ? 'im' : ch.is_private ? 'private_channel' : 'public_channel';
}

function withoutMembership(json: Record<string, unknown>): Record<string, unknown> {
  const { is_member: _member, num_members: _count, ...rest } = json;
  return rest;
}
