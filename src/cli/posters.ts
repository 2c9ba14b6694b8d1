// What the CLI's scheduled-post commands (awareness, digest) share: a poster that refuses to post, for the commands
// that only read, and the Slack client send-now needs.
import type { WebClient } from '@slack/web-api';
import type { Config } from '../config.js';
import type { AwarenessPoster } from '../core/awareness/deps.js';
import type { DigestPoster } from '../core/digest/deps.js';
import { AppError } from '../core/errors.js';
import { slotPostClient } from '../slack/services/slot-messages.js';

/** Refuses to post: for the commands that only read. */
export const readOnlyPoster: AwarenessPoster & DigestPoster = {
  post: () => Promise.reject(new AppError('invalid_input', 'This command does not post.')),
  findPosted: () => Promise.resolve(undefined),
};

/** The client a send-now command posts with; refuses, naming the settings, without a bot token. */
export function sendNowClient(config: Config, channelSetting: string): WebClient {
  if (!config.slack.botToken) throw new AppError('invalid_input', `send-now posts to Slack: set SLACK_BOT_TOKEN (and ${channelSetting}).`);
  return slotPostClient(config.slack.botToken, config.slack.apiUrl);
}
