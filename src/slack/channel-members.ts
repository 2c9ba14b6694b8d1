// Private incidents are shown to their channel's members. Whether someone is a member is asked of Slack
// (conversations.members, every page) and cached briefly per channel, since a list of incidents asks about many.
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../log.js';

const MEMBERS_CACHE_MS = 60_000;

/** Builds the isChannelMember check core uses. Fails closed: if Slack cannot say, the user is not a member. */
export function channelMemberCheck(client: WebClient, logger: Logger, now: () => number = Date.now) {
  const cache = new Map<string, { members: Set<string>; at: number }>();
  const inFlight = new Map<string, Promise<Set<string>>>();

  async function lookUp(channel: string): Promise<Set<string>> {
    const members = new Set<string>();
    try {
      for await (const page of client.paginate('conversations.members', { channel, limit: 200 })) {
        for (const id of (page as { members?: string[] }).members ?? []) members.add(id);
      }
    } catch (err) {
      logger.warn({ err, channel }, 'could not list the incident channel’s members');
      return cache.get(channel)?.members ?? members;
    }
    cache.set(channel, { members, at: now() });
    return members;
  }

  return async function isChannelMember(channel: string, userId: string): Promise<boolean> {
    const cached = cache.get(channel);
    if (cached && now() - cached.at < MEMBERS_CACHE_MS) return cached.members.has(userId);
    let pending = inFlight.get(channel);
    if (!pending) {
      pending = lookUp(channel).finally(() => inFlight.delete(channel));
      inFlight.set(channel, pending);
    }
    return (await pending).has(userId);
  };
}
