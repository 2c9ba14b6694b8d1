// What the CLI's scheduled-post commands (awareness, digest) share: posters that refuse to post, for the commands that
// only read, and the Slack posters send-now needs. Those are imported only when send-now runs, so every other
// command loads no Slack code.
import type { Config } from '../config.js';
import type { AwarenessPoster, DigestPoster } from '../core/index.js';
import { AppError } from '../shared/errors.js';

/** Posters for each scheduled post. */
export interface Posters {
  awareness: AwarenessPoster;
  digest: DigestPoster;
}

/** Refuses to post: for the commands that only read. */
export const readOnlyPoster: AwarenessPoster & DigestPoster = {
  post: () => Promise.reject(new AppError('invalid_input', 'This command does not post.')),
  findPosted: () => Promise.resolve(undefined),
};

/** Both scheduled posts, read-only. */
export const READ_ONLY_POSTERS: Posters = { awareness: readOnlyPoster, digest: readOnlyPoster };

/** The Slack posters a send-now command posts with; refuses, naming the settings, without a bot token. */
export async function sendNowPosters(config: Config, channelSetting: string): Promise<Posters> {
  const token = config.slack.botToken;
  if (!token) throw new AppError('invalid_input', `send-now posts to Slack: set SLACK_BOT_TOKEN (and ${channelSetting}).`);
  const [{ slotPostClient }, { slackPoster }, { slackDigestPoster }, { realSleep }] = await Promise.all([
    import('../slack/services/slot-messages.js'),
    import('../slack/services/awareness-poster.js'),
    import('../slack/services/digest-poster.js'),
    import('../slack/services/retry.js'),
  ]);
  const client = slotPostClient(token, config.slack.apiUrl);
  return { awareness: slackPoster(client, realSleep), digest: slackDigestPoster(client, realSleep) };
}
