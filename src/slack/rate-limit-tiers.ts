// Slack's Web API rate limits as its documentation publishes them, one table row per method the emulator serves, each
// with the page that states it. Published data only, shared by both sides: the emulator enforces these rows
// (src/sandbox/emulator/rate-limits.ts) and the outbox paces itself by them (src/slack/outbox/pacer.ts).
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

/**
 * Every method the emulator serves, with its published tier. Each row's `source` is the Slack method page; the trailing
 * comment names the evidence actually checked (verified 2026-12-04 against stored copies, no live fetch):
 *   [slack]  Slack's own page: docs.slack.dev/reference/methods/<m> ("Rate Limits: Tier N" / front matter rate_limit),
 *            api.slack.com/methods/<m> ("Rate limits: Tier N"), or the aki017/slack-api-docs mirror of those pages.
 *   [kit]    slack_kit 1.0.0-alpha.0 (hex.pm) priv/docs/methods/<m>.json, whose rate_limit label is copied from
 *            docs.slack.dev ("Tier N: ..+ per minute").
 *   [sdk]    slack-morphism-rust src/api/*.rs SLACK_TIERn_METHOD_CONFIG (a well-kept SDK's table: second-best source).
 * conversations.history and conversations.replies: Tier 3 is for Marketplace and internal apps; commercially
 * distributed non-Marketplace apps get 1 request per minute (docs.slack.dev method pages). Not modelled here.
 */
export const METHOD_LIMITS: Readonly<Record<string, MethodLimit>> = Object.fromEntries([
  row('auth.test', 'special'), // [slack] docs.slack.dev: Special ("hundreds of requests per minute"); [sdk] special
  row('chat.delete', 'tier3'), // [slack] api.slack.com Tier 3; [kit] Tier 3; [sdk] tier3
  row('chat.getPermalink', 'special'), // [slack] api.slack.com: "hundreds of requests per minute"; [kit] Special
  row('chat.postEphemeral', 'tier4'), // [slack] slack-api-docs mirror Tier 4; [sdk] tier4
  row('chat.postMessage', 'special'), // confirmed (brief); [sdk] special, 1/s
  row('chat.update', 'tier3'), // [slack] api.slack.com Tier 3; [sdk] tier3
  row('conversations.archive', 'tier2'), // [slack] api.slack.com Tier 2; [kit] Tier 2; [sdk] tier2
  row('conversations.create', 'tier2'), // confirmed (brief); [sdk] tier2
  row('conversations.history', 'tier3'), // [slack] docs.slack.dev Tier 3 (see note above); [sdk] tier3
  row('conversations.info', 'tier3'), // [kit] Tier 3; [sdk] tier3
  row('conversations.invite', 'tier3'), // confirmed (brief); [sdk] tier3
  row('conversations.join', 'tier3'), // [slack] api.slack.com Tier 3; [kit] Tier 3; [sdk] tier3
  row('conversations.list', 'tier2'), // [slack] slack-api-docs mirror Tier 2; [sdk] tier2
  row('conversations.members', 'tier4'), // [kit] Tier 4; [sdk] tier4
  row('conversations.open', 'tier3'), // [slack] api.slack.com Tier 3; [sdk] tier3
  row('conversations.replies', 'tier3'), // [slack] docs.slack.dev Tier 3 (see note above); [sdk] tier3
  row('conversations.setPurpose', 'tier2'), // [kit] Tier 2; [sdk] tier2
  row('conversations.setTopic', 'tier2'), // [slack] api.slack.com Tier 2; [sdk] tier2
  row('conversations.unarchive', 'tier2'), // [kit] Tier 2; [sdk] tier2
  row('files.completeUploadExternal', 'tier4'), // [slack] api.slack.com Tier 4
  row('files.getUploadURLExternal', 'tier4'), // [slack] api.slack.com Tier 4
  row('pins.add', 'tier2'), // SDK only: [sdk] tier2; Slack's page not found in the stored copies
  row('reactions.add', 'tier3'), // [slack] docs.slack.dev Tier 3; [sdk] tier3
  row('usergroups.users.list', 'tier2'), // [kit] Tier 2
  row('users.conversations', 'tier3'), // [slack] slack-api-docs mirror Tier 3; [sdk] tier3
  row('users.info', 'tier4'), // [kit] Tier 4; [sdk] tier4
  row('users.lookupByEmail', 'tier3'), // [kit] Tier 3; [sdk] tier3
  row('views.open', 'tier4'), // [slack] api.slack.com Tier 4; [kit] Tier 4; [sdk] tier4
  row('views.publish', 'tier4'), // [kit] Tier 4; [sdk] tier4
  row('views.push', 'tier4'), // [kit] Tier 4; [sdk] tier4
  row('views.update', 'tier4'), // [slack] api.slack.com Tier 4; [sdk] tier4
]);
