// auth.test, users.* and usergroups.users.list.
import type { MethodTable } from './common.js';
import { SlackApiError, required } from './common.js';
import { userJson } from '../shapes.js';
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

  'usergroups.users.list': ({ ws, params }) => {
    const group = ws.usergroups.get(required(params, 'usergroup', 'no_such_subteam'));
    if (!group) throw new SlackApiError('no_such_subteam');
    return { users: [...group.users] };
  },
};
