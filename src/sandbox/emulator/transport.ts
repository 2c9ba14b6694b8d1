// Sends requests to the bot the way Slack does: POST to its request URL, signed with the signing secret.
import type { BotReply } from './types.js';
import { signSlackRequest } from './signing.js';

/** A request to the bot; signing defaults to a correct v0 signature at the emulator's current time. */
export interface BotRequest {
  body: string;
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
  timestampSeconds?: number;
  signature?: string;
  headers?: Record<string, string>;
}

/** The signed HTTP channel from the emulator to the bot. */
export class BotTransport {
  botUrl: string | undefined;

  constructor(
    private readonly signingSecret: string,
    private readonly now: () => number,
    botUrl?: string,
  ) {
    this.botUrl = botUrl;
  }

  /** Send one request and read the bot's whole answer. */
  async send(request: BotRequest): Promise<BotReply> {
    if (!this.botUrl) throw new Error('SlackEmulator: no bot URL yet; call setBotUrl() before driving the bot');
    const timestamp = request.timestampSeconds ?? Math.floor(this.now() / 1000);
    const signature = request.signature ?? signSlackRequest(this.signingSecret, timestamp, request.body);
    const response = await fetch(this.botUrl, {
      method: 'POST',
      headers: {
        'content-type': request.contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature,
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        ...request.headers,
      },
      body: request.body,
    });
    const body = await response.text();
    return { status: response.status, body, json: parseJson(body) };
  }

  /** Send an interaction payload, form-encoded as `payload=<json>` like Slack. */
  sendPayload(payload: Record<string, unknown>): Promise<BotReply> {
    return this.send({ body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' });
  }
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
