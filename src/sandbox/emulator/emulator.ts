// The local Slack emulator: one workspace, served on loopback as Slack's Web API, driving the bot with
// signed requests or, once the bot connects through apps.connections.open, over Socket Mode. This class only wires
// the parts together; each behaviour lives in its own module.
import type { Server } from 'node:http';
import type {
  BotReply,
  EmuActivity,
  EmuCall,
  EmuChannel,
  EmuFault,
  EmuFile,
  EmuMessage,
  EmuUser,
  EmuView,
  ModalValues,
  SlackEmulatorApi,
  SlackEmulatorOptions,
} from './types.js';
import { Workspace } from './workspace.js';
import { FaultTable } from './faults.js';
import { RateLimiter } from './rate-limits.js';
import { startServer } from './server.js';
import { BotTransport } from './transport.js';
import type { BotRequest, LateAnswer } from './transport.js';
import { SocketModeHub } from './socket-mode.js';
import type { DriverDeps } from './driver.js';
import { clickButton, messageShortcut, slashCommand } from './driver.js';
import { closeView, submitView } from './driver-modals.js';
import { openHome, pin, react, say } from './driver-events.js';
import { handleResponseUrlPost } from './replies.js';
import { APP_ID, TEAM_ID } from './constants.js';
import { waitForChange } from './wait.js';

/** A running emulator; start it with SlackEmulator.start and close it when done. */
export class SlackEmulator implements SlackEmulatorApi {
  readonly apiUrl: string;
  readonly teamId = TEAM_ID;
  readonly appId = APP_ID;
  private readonly faults: FaultTable;
  private readonly deps: DriverDeps;

  private constructor(
    private readonly ws: Workspace,
    faults: FaultTable,
    private readonly limits: RateLimiter | undefined,
    private readonly server: Server,
    private readonly transport: BotTransport,
    private readonly socket: SocketModeHub,
  ) {
    this.faults = faults;
    this.apiUrl = `${ws.baseUrl}/api/`;
    this.deps = { ws, transport, ...(limits ? { limits } : {}) };
  }

  /** Start the HTTP server on 127.0.0.1 (ephemeral port) with an empty workspace. */
  static async start(opts: SlackEmulatorOptions): Promise<SlackEmulator> {
    const now = opts.now ?? Date.now;
    const ws = new Workspace(now);
    const faults = new FaultTable();
    const limits = opts.rateLimits ? new RateLimiter(opts.rateLimits === true ? {} : opts.rateLimits) : undefined;
    const { server, baseUrl } = await startServer({
      ws,
      faults,
      ...(limits ? { limits } : {}),
      botToken: opts.botToken,
      // The hub needs the running server; the server only calls this once a request comes, when the hub exists.
      socketMode: { appToken: opts.appToken, openUrl: () => hub.openUrl() },
      onResponseUrl: (id, body) => handleResponseUrlPost(ws, id, body),
    });
    ws.baseUrl = baseUrl;
    const hub = new SocketModeHub(server, baseUrl, () => ws.changed());
    const transport = new BotTransport(opts.signingSecret, now, opts.botUrl, {
      socket: hub,
      socketOnly: opts.socketMode ?? false,
      ...(opts.ackTimeoutMs !== undefined ? { ackTimeoutMs: opts.ackTimeoutMs } : {}),
      onLate: (late) => reportLate(ws, late),
    });
    return new SlackEmulator(ws, faults, limits, server, transport, hub);
  }

  /** The bot's own user. */
  get botUser(): EmuUser {
    return this.ws.botUser;
  }

  /** Base URL of the emulator (no trailing slash), e.g. for a sandbox to print. */
  get baseUrl(): string {
    return this.ws.baseUrl;
  }

  /** Where requests to the bot go. */
  setBotUrl(url: string): void {
    this.transport.botUrl = url;
  }

  /** Stop the server, dropping keep-alive connections so the process can exit. */
  async close(): Promise<void> {
    // Upgraded (Socket Mode) connections are not the server's any more, so closeAllConnections misses them.
    await this.socket.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  /**
   * Empties the workspace (users, channels, groups, messages, calls, modals, files, response_urls) and drops pending
   * faults and rate-limit windows, as a fresh start has it, so one running emulator can serve a whole test file. New ids
   * never repeat old ones. Socket Mode connections stay open.
   */
  reset(): void {
    this.faults.clear();
    this.limits?.clear();
    this.ws.reset();
  }

  /** The user with this handle, created on first use. */
  user(name: string): EmuUser {
    return this.ws.user(name);
  }

  /** Re-creates a user from an earlier run under the same id. */
  restoreUser(args: { id: string; name: string }): EmuUser {
    return this.ws.restoreUser(args.id, args.name);
  }

  /** Every person in the workspace (the bot left out). */
  people(): EmuUser[] {
    return [...this.ws.users.values()].filter((u) => !u.is_bot);
  }

  /** Every channel that is not a direct message. */
  channels(): EmuChannel[] {
    return [...this.ws.channels.values()].filter((c) => !c.is_im);
  }

  /** The user with this id. */
  userById(id: string): EmuUser | undefined {
    return this.ws.userById(id);
  }

  /** The channel with this name, created on first use. */
  channel(name: string, opts?: { is_private?: boolean; botMember?: boolean }): EmuChannel {
    return this.ws.channel(name, opts);
  }

  /** The channel with this id. */
  channelById(id: string): EmuChannel | undefined {
    return this.ws.channelById(id);
  }

  /** The channel with this name. */
  channelByName(name: string): EmuChannel | undefined {
    return this.ws.channelByName(name);
  }

  /** Define (or redefine) a user group and its members. */
  usergroup(handle: string, memberIds: string[]): { id: string; handle: string; users: string[] } {
    const existing = [...this.ws.usergroups.values()].find((g) => g.handle === handle);
    const group = { id: existing?.id ?? this.ws.nextId('S'), handle, users: [...memberIds] };
    this.ws.usergroups.set(group.id, group);
    return group;
  }

  /** Re-creates a user group under a known id (a test harness that resets the workspace but keeps its settings). */
  restoreUsergroup(group: { id: string; handle: string; users: readonly string[] }): void {
    this.ws.usergroups.set(group.id, { id: group.id, handle: group.handle, users: [...group.users] });
  }

  /** Everything posted in a channel, oldest first. */
  messages(channelId: string): EmuMessage[] {
    return this.ws.messages(channelId);
  }

  /** Every message, oldest first. */
  allMessages(): EmuMessage[] {
    return this.ws.allMessages();
  }

  /** A user posts a plain message; posting in a public channel joins it, as the Slack client offers. */
  postAsUser(userId: string, channelId: string, text: string): EmuMessage {
    const user = this.ws.resolveUser(userId);
    const channel = this.ws.resolveChannel(channelId);
    if (!channel.members.includes(user.id)) {
      if (channel.is_private) throw new Error(`${user.name} is not a member of private channel ${channel.name}`);
      this.ws.addMember(channel, user.id);
    }
    return this.ws.addMessage({ channel: channel.id, user: user.id, text, via: 'user' });
  }

  /** A user posts a message as the Slack client does; the bot gets a `message` event if it is in the channel. */
  say(args: { user: string; channel: string; text: string }): Promise<{ message: EmuMessage; reply: BotReply }> {
    return say(this.deps, args);
  }

  /** A user joins a public channel, as clicking "Join channel" in Slack does. */
  join(userId: string, channelId: string): void {
    const channel = this.ws.resolveChannel(channelId);
    if (channel.is_private) throw new Error(`#${channel.name} is private: only an invitation can add ${userId}`);
    this.ws.addMember(channel, this.ws.resolveUser(userId).id);
  }

  /** Re-creates a channel from an earlier run under its old id (ids created later never clash with it). */
  restoreChannel(args: { id: string; name: string; is_private: boolean; members?: string[] }): EmuChannel {
    return this.ws.restoreChannel(args.id, args.name, args.is_private, args.members ?? []);
  }

  /** Every modal ever opened, oldest first (closed ones included). */
  views(): EmuView[] {
    return [...this.ws.sessions.views];
  }

  /** The user's top open modal. */
  openView(userId: string): EmuView | undefined {
    return this.ws.sessions.openViewOf(userId);
  }

  /** The user's Home tab as the bot last published it. */
  home(userId: string): EmuView | undefined {
    return this.ws.sessions.homes.get(this.ws.resolveUser(userId).id);
  }

  /** Files the bot uploaded (with their bytes once uploaded). */
  files(): EmuFile[] {
    return [...this.ws.sessions.files.values()];
  }

  /** Every Web API call so far. */
  get calls(): readonly EmuCall[] {
    return this.ws.calls;
  }

  /** The calls of one method. */
  callsTo(method: string): EmuCall[] {
    return this.ws.calls.filter((c) => c.method === method);
  }

  /** Make a method fail (or be slow) on its next calls. */
  injectFault(fault: EmuFault): void {
    this.faults.add(fault);
  }

  /** Drop all pending faults. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** Subscribe to what a person would see. */
  onActivity(listener: (a: EmuActivity) => void): () => void {
    return this.ws.subscribe(listener);
  }

  /**
   * Resolve with the predicate's first truthy value, re-checked after every Web API call and activity.
   * Bots ack before they call the Web API (Bolt answers the HTTP request at ack()), so a driver call
   * returns before the bot's follow-up calls land; tests wait on the outcome instead of sleeping.
   */
  waitFor<T>(predicate: () => T | undefined | null | false, opts: { timeoutMs?: number } = {}): Promise<T> {
    return waitForChange((listener) => this.ws.onChange(listener), predicate, opts.timeoutMs ?? 5_000);
  }

  /** Run a slash command. */
  slashCommand(args: { user: string; channel: string; command: string; text: string }): Promise<BotReply> {
    return slashCommand(this.deps, args);
  }

  /** Click a button. */
  clickButton(args: { user: string; label: string; channel?: string; messageTs?: string; near?: string; home?: boolean }): Promise<BotReply> {
    return clickButton(this.deps, args);
  }

  /** Submit the user's modal. */
  submitView(args: { user: string; values: ModalValues; viewId?: string }): Promise<BotReply> {
    return submitView(this.deps, args);
  }

  /** Close the user's modal. */
  closeView(args: { user: string; viewId?: string }): Promise<BotReply> {
    return closeView(this.deps, args);
  }

  /** React to a message (reaction_added). */
  react(args: { user: string; channel: string; ts: string; name: string; retryNum?: number; eventId?: string }): Promise<BotReply> {
    return react(this.deps, args);
  }

  /** Open the app's Home tab (app_home_opened). */
  openHome(args: { user: string; retryNum?: number; eventId?: string }): Promise<BotReply> {
    return openHome(this.deps, args);
  }

  /** Pin a message (pin_added). */
  pin(args: { user: string; channel: string; ts: string; retryNum?: number; eventId?: string }): Promise<BotReply> {
    return pin(this.deps, args);
  }

  /** Run a message shortcut. */
  messageShortcut(args: { user: string; channel: string; ts: string; callbackId: string }): Promise<BotReply> {
    return messageShortcut(this.deps, args);
  }

  /** Send a raw (possibly forged or stale) request to the bot, always over signed HTTP. */
  sendRaw(args: BotRequest): Promise<BotReply> {
    return this.transport.sendHttp(args);
  }

  /** Socket Mode connections that got their hello and are still open. */
  get socketConnections(): number {
    return this.socket.connections;
  }

  /** Send Slack's `disconnect` message on every open socket. */
  disconnectSockets(reason?: string): void {
    this.socket.disconnect(reason);
  }
}

/**
 * An answer past the deadline: Slack shows the person operation_timeout (and retries an event). It is not a Web API
 * call, so like a rejected ack body it goes to the activity feed only, where the sandbox prints it.
 */
function reportLate(ws: Workspace, late: LateAnswer): void {
  const params = { type: late.kind, via: late.via, ack_timeout_ms: late.timeoutMs };
  ws.emit({ kind: 'api_error', call: { method: 'ack', params, status: 0, response: { ok: false, error: 'operation_timeout' }, at: ws.now() } });
}
