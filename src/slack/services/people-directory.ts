// The people directory core asks for names (src/core/people), answered by Slack's users.info.
import type { WebClient } from '@slack/web-api';
import type { PeopleDirectory, Profile } from '../../core/index.js';

/** Errors that mean "no such person here" rather than "Slack could not answer": cache the absence. */
const UNKNOWN = new Set(['user_not_found', 'user_not_visible']);

/** A directory over the Web API: users.info, display name first (what Slack shows in messages), then real name. */
export function slackPeopleDirectory(client: WebClient): PeopleDirectory {
  return {
    async lookup(userId: string): Promise<Profile | null> {
      try {
        const res = await client.users.info({ user: userId });
        const u = res.user;
        if (!u) return null;
        const realName = u.profile?.real_name || u.real_name || '';
        return { name: u.profile?.display_name || realName || u.name || '', realName };
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error;
        if (code && UNKNOWN.has(code)) return null;
        throw err;
      }
    },
  };
}
