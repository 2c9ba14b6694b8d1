// Sends requests to the bot the way Slack does: POST to its request URL, signed with the signing secret, or, while
// the bot is connected over Socket Mode, as an envelope on its socket. Either way the bot has ackTimeoutMs (Slack's
// 3 seconds) to answer; a later answer is marked timedOut, as Slack would have given up on it.
import type { BotReply } from './types.js';
import { signSlackRequest } from './signing.js';

/** Slack's deadline for an HTTP response or an envelope ack. */
export const SLACK_ACK_TIMEOUT_MS = 3_000;

/** A request to the bot; signing defaults to a correct v0 signature at the emulator's current time. */
export interface BotRequest {
  body: string;
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
  timestampSeconds?: number;
  signature?: string;
  headers?: Record<string, string>;
}

/** What kind of request this is, named as Socket Mode names its envelopes. */
export type RequestKind = 'slash_commands' | 'interactive' | 'events_api';

/** The kind of a request from its body: JSON is an event, a form with `payload` an interaction, else a command. */
export function requestKind(request: BotRequest): RequestKind {
  if (request.contentType === 'application/json') return 'events_api';
  return new URLSearchParams(request.body).has('payload') ? 'interactive' : 'slash_commands';
}

/** A Socket Mode connection to the bot (implemented by SocketModeHub in ./socket-mode.ts). */
export interface SocketDelivery {
  readonly connections: number;
  deliver(request: BotRequest): Promise<BotReply>;
}

/** A request the bot did not answer by the deadline. */
export interface LateAnswer {
  kind: RequestKind;
  via: 'http' | 'socket';
  timeoutMs: number;
}

/** How the transport delivers and how long it waits before calling an answer late. */
export interface TransportOptions {
  ackTimeoutMs?: number;
  /** Called once, when the deadline passes with the answer still outstanding. */
  onLate?: (late: LateAnswer) => void;
  /** Set once the emulator runs its Socket Mode endpoint. */
  socket?: SocketDelivery;
  /** Deliver only over the socket (fail while no bot is connected). */
  socketOnly?: boolean;
}

/** The channel from the emulator to the bot: signed HTTP, or the bot's Socket Mode connection. */
export class BotTransport {
  botUrl: string | undefined;
  socket: SocketDelivery | undefined;
  private readonly ackTimeoutMs: number;

  constructor(
    private readonly signingSecret: string,
    private readonly now: () => number,
    botUrl?: string,
    private readonly options: TransportOptions = {},
  ) {
    this.botUrl = botUrl;
    this.socket = options.socket;
    this.ackTimeoutMs = options.ackTimeoutMs ?? SLACK_ACK_TIMEOUT_MS;
  }

  /** Send one request over the socket while the bot is connected there, else over HTTP; read the whole answer. */
  send(request: BotRequest): Promise<BotReply> {
    const socket = this.socket;
    if (socket && (this.options.socketOnly || socket.connections > 0)) {
      if (socket.connections === 0) return Promise.reject(new Error('SlackEmulator: socketMode is on but no bot is connected over Socket Mode'));
      return this.withDeadline(requestKind(request), 'socket', socket.deliver(request));
    }
    return this.sendHttp(request);
  }

  /** Send one request as a signed HTTP POST, whatever the delivery mode (forged and stale requests use this). */
  sendHttp(request: BotRequest): Promise<BotReply> {
    return this.withDeadline(requestKind(request), 'http', this.post(request));
  }

  /** Send an interaction payload, form-encoded as `payload=<json>` like Slack. */
  sendPayload(payload: Record<string, unknown>): Promise<BotReply> {
    return this.send({ body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' });
  }

  private async post(request: BotRequest): Promise<BotReply> {
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
    return { status: response.status, body, json: parseJson(body), via: 'http' };
  }

  /**
   * Wait for the answer, timing it with a real timer: the emulator's clock may be a fixed test clock, and the
   * deadline is about how long the bot's server really took. The answer is still awaited (so no request is left
   * dangling) but marked timedOut, and the drivers ignore its body, as Slack would.
   */
  private async withDeadline(kind: RequestKind, via: 'http' | 'socket', answer: Promise<BotReply>): Promise<BotReply> {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      this.options.onLate?.({ kind, via, timeoutMs: this.ackTimeoutMs });
    }, this.ackTimeoutMs);
    try {
      const reply = await answer;
      return late ? { ...reply, timedOut: true } : reply;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A body parsed as JSON, or undefined when it is empty or not JSON. */
export function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
