// RESPONDERS: user ids, or a user group whose members are looked up in Slack (cached briefly, since a group changes
// rarely and a lookup per command would be slow). An empty list means everyone is a responder (a small team).
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../log.js';

const GROUP_CACHE_MS = 5 * 60_000;

/** Builds the isResponder check core uses. */
export function responderCheck(responders: readonly string[], client: WebClient, logger: Logger, now: () => number = Date.now) {
  const users = new Set(responders.filter((id) => !id.startsWith('S')));
  const groups = responders.filter((id) => id.startsWith('S'));
  let cache: { members: Set<string>; at: number } | undefined;
  // One lookup at a time: a list of many private incidents asks about the same user at once.
  let inFlight: Promise<Set<string>> | undefined;

  function groupMembers(): Promise<Set<string>> {
    if (cache && now() - cache.at < GROUP_CACHE_MS) return Promise.resolve(cache.members);
    inFlight ??= lookUpGroups().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  async function lookUpGroups(): Promise<Set<string>> {
    const members = new Set<string>();
    for (const usergroup of groups) {
      try {
        const res = await client.usergroups.users.list({ usergroup });
        for (const u of res.users ?? []) members.add(u);
      } catch (err) {
        // Failing closed: if Slack cannot say who is in the group, nobody gains rights through it.
        logger.error({ err, usergroup }, 'could not read the RESPONDERS user group');
        return cache?.members ?? members;
      }
    }
    cache = { members, at: now() };
    return members;
  }

  return async function isResponder(userId: string): Promise<boolean> {
    if (responders.length === 0) return true;
    if (users.has(userId)) return true;
    return groups.length > 0 && (await groupMembers()).has(userId);
  };
}
