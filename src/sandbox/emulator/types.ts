// The public shape of the local Slack emulator: a fake workspace that serves Slack's Web API on loopback
// and drives the bot the way Slack does (signed slash commands, interactions and events, or the same payloads as
// Socket Mode envelopes).
// Tests and the terminal sandbox code against this interface only.
import type { RateLimitSettings } from './rate-limits.js';

/** A workspace member. The bot itself is a user too (is_bot). */
export interface EmuUser {
  id: string; // 'U…'
  name: string; // handle, e.g. 'alice'
  real_name: string;
  is_bot: boolean;
  /** A deactivated account: users.info still finds it, with deleted: true. */
  deleted?: boolean;
}

/** A channel the emulator knows. */
export interface EmuChannel {
  id: string; // 'C…'
  name: string;
  is_private: boolean;
  members: string[]; // user ids, the bot included when it is a member
  topic: string;
  purpose: string;
  created: number; // unix seconds
}

/** A message as Slack stores it, plus how it was delivered. */
export interface EmuMessage {
  channel: string;
  ts: string; // '1700000000.000100', unique per channel
  user: string; // author's user id (the bot's user id for bot posts)
  text: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  thread_ts?: string;
  /** Only for ephemeral messages: who may see it. */
  visible_to?: string;
  ephemeral: boolean;
  /** Where it came from: a Web API method, a slash-command ack body, or a response_url post. */
  via: 'api' | 'ack' | 'response_url' | 'user';
  edited?: boolean;
  reactions: { name: string; users: string[] }[];
  pinned: boolean;
  /** Files shared with the message (files.completeUploadExternal with a channel). */
  files?: { id: string; name: string; title: string }[];
  /** Set on the message carried by a 'message_updated' activity when the message was deleted. */
  deleted?: boolean;
}

/** An open modal. */
export interface EmuView {
  id: string; // 'V…'
  user: string; // who sees it
  view: Record<string, unknown>; // the view payload as the bot sent it (type, callback_id, title, blocks, private_metadata, …)
  hash: string;
  closed: boolean;
  /** Field errors from the bot's last view_submission reply (response_action 'errors'), keyed by block_id. */
  errors?: Record<string, string>;
}

/** A file uploaded through files.getUploadURLExternal + the upload URL + files.completeUploadExternal. */
export interface EmuFile {
  id: string; // 'F…'
  name: string;
  title: string;
  length: number; // the length the bot announced in files.getUploadURLExternal
  bytes?: Buffer; // undefined until the upload URL received the content
  completed: boolean;
  /** Emulator time (ms) from which blocks may show the file: Slack processes an upload after completing it. */
  readyAt?: number;
  channels: string[];
  created: number; // unix seconds
}

/** One Web API call the bot made, as recorded by the emulator. */
export interface EmuCall {
  method: string; // e.g. 'chat.postMessage'
  params: Record<string, unknown>; // parsed arguments (JSON-encoded fields such as blocks decoded)
  status: number; // HTTP status returned
  response: Record<string, unknown>; // body returned
  at: number; // emulator clock, ms
}

/**
 * (Added) How often a fault fires: by default on the next `times` calls (default 1). With `share` (0..1) it fires on
 * that share of calls, picked by a PRNG seeded with `seed` (default 1) so runs repeat, until cleared or, when `times`
 * is given too, until it has fired that many times.
 */
export interface EmuFaultRate {
  times?: number;
  share?: number;
  seed?: number;
}

/** A fault to inject on a Web API method; consumed `times` times (default 1), or fired on a `share` of calls. */
export type EmuFault =
  | ({ method: string; kind: 'rate_limited'; retryAfterSeconds: number } & EmuFaultRate)
  | ({ method: string; kind: 'http_error'; status: number } & EmuFaultRate)
  | ({ method: string; kind: 'slack_error'; error: string } & EmuFaultRate)
  /** (handled: added) With handled, the call takes effect at once and only the answer is late (a slow Slack that did it). */
  | ({ method: string; kind: 'delay'; ms: number; handled?: boolean } & EmuFaultRate)
  /**
   * (Added) The connection is destroyed without an answer. With handled, the call takes effect first and the answer is
   * lost, so the caller cannot tell whether it happened (the case idempotency keys are for).
   */
  | ({ method: string; kind: 'reset'; handled?: boolean } & EmuFaultRate);

/** What the bot answered to a request the emulator sent it. */
export interface BotReply {
  status: number; // HTTP status of the bot's response (200, 401, …)
  body: string; // raw response body
  json?: unknown; // body parsed as JSON when it is JSON
  /**
   * (Added) The answer came after the ack deadline (ackTimeoutMs, Slack's 3 seconds): Slack would have shown the user
   * operation_timeout and retried an event, so the emulator ignores the body. Absent when the answer was in time.
   */
  timedOut?: boolean;
  /** (Added) How the request went: signed HTTP, or a Socket Mode envelope (whose ack payload is the body). */
  via?: 'http' | 'socket';
}

/** What a user can fill in a modal: keyed by the input block's label text or its block_id. */
export type ModalValues = Record<string, string | string[] | boolean>;

/** Something the emulator shows a person: used by the sandbox to print the transcript. */
export type EmuActivity =
  | { kind: 'message'; message: EmuMessage }
  | { kind: 'message_updated'; message: EmuMessage }
  | { kind: 'view_opened' | 'view_updated' | 'view_pushed'; view: EmuView }
  /** (Added) A user's Home tab was published (views.publish). */
  | { kind: 'home_published'; view: EmuView }
  | { kind: 'channel_created'; channel: EmuChannel }
  | { kind: 'member_joined'; channel: EmuChannel; user: EmuUser }
  | { kind: 'api_error'; call: EmuCall };

export interface SlackEmulatorOptions {
  /** The bot's signing secret: the emulator signs every request it sends to the bot with it. */
  signingSecret: string;
  /** The bot token the emulator accepts (any other token answers invalid_auth). */
  botToken: string;
  /** The bot's request URL, e.g. http://127.0.0.1:3000/slack/events; may be set later with setBotUrl. */
  botUrl?: string;
  /** Clock in ms; defaults to Date.now. Used for timestamps, trigger_id expiry and request signing. */
  now?: () => number;
  /** (Added) The app-level token (xapp-…) apps.connections.open accepts; without it Socket Mode is refused. */
  appToken?: string;
  /**
   * (Added) Deliver only over Socket Mode: driver calls fail while no bot is connected. Without it, driver calls
   * use the socket while a bot is connected and signed HTTP otherwise. sendRaw always uses HTTP.
   */
  socketMode?: boolean;
  /** (Added) How long the bot has to answer (HTTP response or envelope ack), in real ms; Slack's is 3,000. */
  ackTimeoutMs?: number;
  /**
   * (Added) Enforce Slack's per-method rate-limit tiers on the emulator's clock: true for the published floors, or
   * other budgets. Over a limit a call answers HTTP 429, Retry-After and {"ok":false,"error":"ratelimited"}; events
   * over the hourly cap are dropped after an app_rate_limited notice. Off by default.
   */
  rateLimits?: boolean | RateLimitSettings;
}

/** The emulator's public surface (implemented by SlackEmulator in ./emulator.ts). */
export interface SlackEmulatorApi {
  /** Base URL to give the bot as SLACK_API_URL (ends with '/api/'). */
  readonly apiUrl: string;
  readonly botUser: EmuUser;
  readonly teamId: string;
  /** The app id its payloads and auth.test name (the bot's SLACK_APP_ID). */
  readonly appId: string;
  setBotUrl(url: string): void;
  close(): Promise<void>;

  // workspace state
  /** The user with this handle, created on first use. */
  user(name: string): EmuUser;
  userById(id: string): EmuUser | undefined;
  /** (Added) Re-creates a user from an earlier run under the same id; later ids never clash with it. */
  restoreUser(args: { id: string; name: string }): EmuUser;
  /** (Added) Every person in the workspace, the bot left out. */
  people(): EmuUser[];
  /** (Added) Every channel that is not a direct message. */
  channels(): EmuChannel[];
  /** The channel with this name (without '#'), created on first use as a public channel the bot is a member of. */
  channel(name: string, opts?: { is_private?: boolean; botMember?: boolean }): EmuChannel;
  channelById(id: string): EmuChannel | undefined;
  channelByName(name: string): EmuChannel | undefined;
  /** A user group (S…) with these members, for RESPONDERS given as a group id. */
  usergroup(handle: string, memberIds: string[]): { id: string; handle: string; users: string[] };
  /** Everything posted in a channel, oldest first; ephemeral messages included (see visible_to). */
  messages(channelId: string): EmuMessage[];
  /** Every message in every channel, oldest first. */
  allMessages(): EmuMessage[];
  /** A user joins a public channel (as "Join channel" in Slack). */
  join(userId: string, channelId: string): void;
  /** Re-creates a channel from an earlier run under its old id. */
  restoreChannel(args: { id: string; name: string; is_private: boolean; members?: string[] }): EmuChannel;
  /** A user posts a plain message into a channel (as the Slack client would); returns it. Sends no event. */
  postAsUser(userId: string, channelId: string, text: string): EmuMessage;
  /**
   * (Added) A user posts a message and, when the bot is a member of the channel, Slack's `message` event reaches it
   * (message.channels / message.groups). The reply has status 0 when no event was sent.
   */
  say(args: { user: string; channel: string; text: string }): Promise<{ message: EmuMessage; reply: BotReply }>;
  views(): EmuView[];
  /** The most recent open modal shown to this user. */
  openView(userId: string): EmuView | undefined;
  readonly calls: readonly EmuCall[];
  callsTo(method: string): EmuCall[];
  injectFault(fault: EmuFault): void;
  clearFaults(): void;
  /** Subscribe to what a person would see; returns an unsubscribe function. */
  onActivity(listener: (a: EmuActivity) => void): () => void;
  /**
   * (Added) Resolve with the predicate's first truthy value, re-checked after every Web API call and
   * activity; rejects after timeoutMs (default 5,000). The bot acks before its follow-up Web API calls.
   */
  waitFor<T>(predicate: () => T | undefined | null | false, opts?: { timeoutMs?: number }): Promise<T>;
  /** (Added) Files the bot uploaded, with their bytes once the upload URL received them. */
  files(): EmuFile[];
  /** (Added) Socket Mode connections that got their hello and are still open. */
  readonly socketConnections: number;
  /** (Added) Send Slack's `disconnect` message (e.g. 'refresh_requested', 'warning') on every open socket. */
  disconnectSockets(reason?: string): void;

  // driving the bot as Slack would (all requests signed with the signing secret)
  slashCommand(args: { user: string; channel: string; command: string; text: string }): Promise<BotReply>;
  /** Click a button (by its visible label or action_id) in a message or in the user's open modal (or, with home, their Home tab). Most recent match wins. */
  clickButton(args: { user: string; label: string; channel?: string; messageTs?: string; near?: string; home?: boolean }): Promise<BotReply>;
  /** (Added) Open the app's Home tab: the bot gets app_home_opened. */
  openHome(args: { user: string; retryNum?: number; eventId?: string }): Promise<BotReply>;
  /** (Added) The user's Home tab as the bot last published it. */
  home(userId: string): EmuView | undefined;
  /** Fill in and submit the user's open modal. Values are keyed by input label or block_id; selects take option text or value. */
  submitView(args: { user: string; values: ModalValues; viewId?: string }): Promise<BotReply>;
  /** Close the user's open modal (view_closed when notify_on_close). */
  closeView(args: { user: string; viewId?: string }): Promise<BotReply>;
  /** Add a reaction to a message and send reaction_added. Returns the bot's reply to the event request. */
  react(args: { user: string; channel: string; ts: string; name: string; retryNum?: number; eventId?: string }): Promise<BotReply>;
  /** Pin a message and send pin_added. */
  pin(args: { user: string; channel: string; ts: string; retryNum?: number; eventId?: string }): Promise<BotReply>;
  /** Run a message shortcut (callback_id) on a message. */
  messageShortcut(args: { user: string; channel: string; ts: string; callbackId: string }): Promise<BotReply>;
  /** Send a raw body to the bot with chosen signing (for forged or stale requests). */
  sendRaw(args: {
    body: string;
    contentType: 'application/json' | 'application/x-www-form-urlencoded';
    timestampSeconds?: number; // default: now
    signature?: string; // default: a correct v0 signature
    headers?: Record<string, string>;
  }): Promise<BotReply>;
}
