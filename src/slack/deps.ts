// What Slack listeners need, bundled once by the app. Everything the product does goes through core's API.
import type { WebClient } from '@slack/web-api';
import type { Core } from '../core/index.js';
import type { Logger } from '../log.js';
import type { BackgroundWork } from './background.js';
import type { SlackMessage } from './blocks/message.js';

export interface SlackDeps {
  core: Core;
  logger: Logger;
  background: BackgroundWork;
  /** Channel id for announcements, if configured. */
  incidentChannel: string | undefined;
  /** Looks up, after the ack, the names of the people a handled request named (see listeners/people-seen.ts). */
  noticePeople?: (client: WebClient, ids: readonly string[]) => void;
}

/** A message a handler wants to show: built by `message` (src/slack/blocks/message.ts), so its text is escaped. */
export type Reply = SlackMessage;

/** What a subcommand handler decides: the ephemeral reply sent with the ack, and Slack work to do after it. */
export interface Outcome {
  reply?: Reply;
  /** Runs after the ack with a Web API client and a way to tell the user (ephemeral, via response_url). */
  after?: (ctx: AfterAck) => Promise<void>;
}

/** Tools available to work done after the ack. */
export interface AfterAck {
  client: WebClient;
  tell: (reply: Reply) => Promise<void>;
}
