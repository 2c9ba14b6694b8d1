// Acting as Slack towards the bot for what a person does in messages: slash commands, button clicks and
// message shortcuts. Each issues a trigger_id and a response_url, sends the signed request, and applies
// the bot's HTTP answer the way Slack would.
import type { BotReply, EmuMessage } from './types.js';
import type { Workspace } from './workspace.js';
import type { BotTransport } from './transport.js';
import type { RateLimiter } from './rate-limits.js';
import type { ViewRecord } from './sessions.js';
import { buttonAction, messageAction, messageBlockActions, slashCommandForm, viewBlockActions } from './payloads.js';
import { applyAckReply } from './replies.js';
import type { ButtonRef } from './blocks.js';
import { matchButton } from './blocks.js';
import { messageJson, viewJson } from './shapes.js';

/** What the driver functions need. */
export interface DriverDeps {
  ws: Workspace;
  transport: BotTransport;
  /** Slack's rate limits when enforced: the Events API cap drops events over it. */
  limits?: RateLimiter;
}

/** A message the user can see: everything not ephemeral, and ephemeral messages shown to them. */
function visibleTo(userId: string, m: EmuMessage): boolean {
  return !m.ephemeral || m.visible_to === userId;
}

/** Run a slash command in a channel (given by id or name). */
export async function slashCommand(deps: DriverDeps, args: { user: string; channel: string; command: string; text: string }): Promise<BotReply> {
  const { ws } = deps;
  const user = ws.resolveUser(args.user);
  const channel = ws.resolveChannel(args.channel);
  const responseUrl = `${ws.baseUrl}/_response/${ws.sessions.createResponseUrl({ channel: channel.id, user: user.id })}`;
  const body = slashCommandForm({ user, channel, command: args.command, text: args.text, responseUrl, triggerId: ws.sessions.issueTrigger(user.id) });
  const reply = await deps.transport.send({ body, contentType: 'application/x-www-form-urlencoded' });
  applyAckReply(ws, { channel: channel.id, user: user.id }, reply);
  return reply;
}

/**
 * Click a button in the user's open modal (unless a message is named), else in the newest message showing it; with
 * `home`, in the user's Home tab only.
 */
export async function clickButton(deps: DriverDeps, args: { user: string; label: string; channel?: string; messageTs?: string; near?: string; home?: boolean }): Promise<BotReply> {
  const { ws } = deps;
  const user = ws.resolveUser(args.user);
  if (args.home) {
    const home = ws.sessions.homes.get(user.id);
    const inHome = home ? matchButton(home.view.blocks as unknown[] | undefined, args.label, args.near) : undefined;
    if (!home || !inHome) throw new Error(`No button "${args.label}" in ${user.name}'s Home tab`);
    return clickInView(deps, user.id, home, inHome);
  }
  const view = args.channel === undefined && args.messageTs === undefined ? ws.sessions.openViewOf(user.id) : undefined;
  const inView = view ? matchButton(view.view.blocks as unknown[] | undefined, args.label, args.near) : undefined;
  if (view && inView) return clickInView(deps, user.id, view, inView);

  const channelId = args.channel === undefined ? undefined : ws.resolveChannel(args.channel).id;
  const candidates = (channelId ? ws.messages(channelId) : ws.allMessages())
    .filter((m) => visibleTo(user.id, m) && (args.messageTs === undefined || m.ts === args.messageTs))
    .reverse();
  for (const message of candidates) {
    const button = matchButton(message.blocks, args.label, args.near);
    if (!button) continue;
    const channel = ws.resolveChannel(message.channel);
    const responseUrl = `${ws.baseUrl}/_response/${ws.sessions.createResponseUrl({ channel: channel.id, user: user.id, sourceTs: message.ts })}`;
    const payload = messageBlockActions({
      user,
      channel,
      message,
      messageJson: messageJson(ws, message),
      action: buttonAction(button.blockId, button.element, ws.nextTs()),
      triggerId: ws.sessions.issueTrigger(user.id),
      responseUrl,
    });
    const reply = await deps.transport.sendPayload(payload);
    applyAckReply(ws, { channel: channel.id, user: user.id }, reply);
    return reply;
  }
  const where = args.channel ? ` in ${args.channel}` : '';
  throw new Error(`No button "${args.label}"${args.near ? ` near "${args.near}"` : ''} visible to ${user.name}${where}${args.messageTs ? ` on message ${args.messageTs}` : ''}`);
}

async function clickInView(deps: DriverDeps, userId: string, view: ViewRecord, button: ButtonRef): Promise<BotReply> {
  const { ws } = deps;
  const user = ws.resolveUser(userId);
  const payload = viewBlockActions({
    user,
    viewJson: viewJson(view),
    action: buttonAction(button.blockId, button.element, ws.nextTs()),
    triggerId: ws.sessions.issueTrigger(user.id),
  });
  return deps.transport.sendPayload(payload);
}

/** Run a message shortcut on a message. */
export async function messageShortcut(deps: DriverDeps, args: { user: string; channel: string; ts: string; callbackId: string }): Promise<BotReply> {
  const { ws } = deps;
  const user = ws.resolveUser(args.user);
  const channel = ws.resolveChannel(args.channel);
  const message = ws.findMessage(channel.id, args.ts);
  if (!message || !visibleTo(user.id, message)) throw new Error(`No message ${args.ts} in ${channel.name}`);
  const payload = messageAction({
    user,
    channel,
    messageJson: messageJson(ws, message),
    ts: message.ts,
    callbackId: args.callbackId,
    triggerId: ws.sessions.issueTrigger(user.id),
    responseUrl: `${ws.baseUrl}/_response/${ws.sessions.createResponseUrl({ channel: channel.id, user: user.id })}`,
    actionTs: ws.nextTs(),
  });
  return deps.transport.sendPayload(payload);
}
