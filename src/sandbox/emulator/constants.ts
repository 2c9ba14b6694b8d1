// Fixed identities of the sandbox workspace, so transcripts and tests read the same on every run.

/** The workspace id. */
export const TEAM_ID = 'T0RAMPART';
/** The workspace subdomain (permalinks use it). */
export const TEAM_DOMAIN = 'rampart-sandbox';
/** The bot's user id. */
export const BOT_USER_ID = 'U0BOT';
/** The bot's handle. */
export const BOT_USER_NAME = 'rampart';
/** The bot id (B…), distinct from its user id as in Slack. */
export const BOT_ID = 'B0BOT';
/** The app id. */
export const APP_ID = 'A0RAMPART';
/** The legacy verification token Slack still puts in payloads; Bolt ignores it when signatures are checked. */
export const VERIFICATION_TOKEN = 'emulator-verification-token';
/** How long a trigger_id stays valid. */
export const TRIGGER_TTL_MS = 3_000;
/** How many posts a response_url accepts, and for how long. */
export const RESPONSE_URL_MAX_POSTS = 5;
/** Lifetime of a response_url. */
export const RESPONSE_URL_TTL_MS = 30 * 60_000;
/** Slack truncates message text past this many characters. */
export const MAX_MESSAGE_TEXT = 40_000;
/** The permalink host of the workspace. */
export const PERMALINK_BASE = `https://${TEAM_DOMAIN}.slack.com/archives`;
