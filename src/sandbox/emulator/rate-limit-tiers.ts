// Slack's Web API rate limits as its documentation publishes them, one table row per method the emulator serves, each
// with the page that states it. The limiter that applies these rows is rate-limits.ts.
// Overview: https://docs.slack.dev/apis/web-api/rate-limits ("per API method per workspace/team per app"):
//   Tier 1 1+ per minute, Tier 2 20+, Tier 3 50+, Tier 4 100+; Special: varies by method (chat.postMessage "generally
//   allows posting one message per second per channel, while also maintaining a workspace-wide limit"); posting
//   messages "1 per second, short bursts >1 allowed"; Events API: 30,000 deliveries per hour per workspace per app.
// Each method's own page lists its tier under "Rate Limits" (https://docs.slack.dev/reference/methods/<method>).

/** A published rate-limit tier. */
export type Tier = 'tier1' | 'tier2' | 'tier3' | 'tier4' | 'special';

/** One method's row: its tier and where Slack documents it. */
export interface MethodLimit {
  tier: Tier;
  source: string;
}

/** Calls per minute per method per workspace for each numbered tier: the published floor ("20+" is 20). */
export const TIER_PER_MINUTE: Readonly<Record<Exclude<Tier, 'special'>, number>> = { tier1: 1, tier2: 20, tier3: 50, tier4: 100 };

/**
 * chat.postMessage, the Special tier: one message per second per channel, short bursts allowed. Slack publishes no
 * burst size; we allow `burst` messages in any `burst`-second window, so the long-run rate stays one a second. The
 * workspace-wide limit beside it has no published number, so it is not modelled.
 */
export const POST_MESSAGE_PER_CHANNEL = { perSecond: 1, burst: 3 } as const;

/** Events API: events to one app per workspace per hour (https://docs.slack.dev/reference/events/app_rate_limited). */
export const EVENTS_PER_HOUR = 30_000;

const METHOD_REF = 'https://docs.slack.dev/reference/methods';
const row = (method: string, tier: Tier): [string, MethodLimit] => [method, { tier, source: `${METHOD_REF}/${method}` }];

/** Every method the emulator serves, with its published tier. */
export const METHOD_LIMITS: Readonly<Record<string, MethodLimit>> = Object.fromEntries([
  row('auth.test', 'special'),
  row('chat.delete', 'tier3'),
  row('chat.getPermalink', 'special'),
  row('chat.postEphemeral', 'tier4'),
  row('chat.postMessage', 'special'),
  row('chat.update', 'tier3'),
  row('conversations.archive', 'tier2'),
  row('conversations.create', 'tier2'),
  row('conversations.history', 'tier3'),
  row('conversations.info', 'tier3'),
  row('conversations.invite', 'tier3'),
  row('conversations.join', 'tier3'),
  row('conversations.list', 'tier2'),
  row('conversations.members', 'tier4'),
  row('conversations.open', 'tier3'),
  row('conversations.replies', 'tier3'),
  row('conversations.setPurpose', 'tier2'),
  row('conversations.setTopic', 'tier2'),
  row('conversations.unarchive', 'tier2'),
  row('files.completeUploadExternal', 'tier4'),
  row('files.getUploadURLExternal', 'tier4'),
  row('pins.add', 'tier2'),
  row('reactions.add', 'tier3'),
  row('usergroups.users.list', 'tier2'),
  row('users.conversations', 'tier3'),
  row('users.info', 'tier4'),
  row('users.lookupByEmail', 'tier3'),
  row('views.open', 'tier4'),
  row('views.publish', 'tier4'),
  row('views.push', 'tier4'),
  row('views.update', 'tier4'),
]);
