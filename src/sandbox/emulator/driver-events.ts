// Acting as Slack for Events API callbacks: a person reacts to or pins a message. Replays (retryNum) reuse
// the event_id and carry Slack's retry headers, and do not change the workspace a second time.
import type { BotReply, EmuMessage } from './types.js';
import type { DriverDeps } from './driver.js';
import { appRateLimited, eventCallback } from './payloads.js';
import { permalink, viewJson } from './shapes.js';
import { TEAM_ID } from './constants.js';

/** Event options shared by react and pin. */
interface Delivery {
  retryNum?: number;
  eventId?: string;
}

function targetMessage(deps: DriverDeps, channel: string, ts: string): EmuMessage {
  const ch = deps.ws.resolveChannel(channel);
  const message = deps.ws.findMessage(ch.id, ts);
  if (!message || message.ephemeral) throw new Error(`No message ${ts} in ${ch.name}`);
  return message;
}

async function deliver(deps: DriverDeps, event: Record<string, unknown>, delivery: Delivery): Promise<BotReply> {
  // Over the Events API cap the event is never sent (status 0, as for an event the app does not get).
  const fate = deps.limits?.takeEvent(deps.ws.now());
  if (fate?.kind === 'notify') await deps.transport.send({ body: JSON.stringify(appRateLimited(fate.minute)), contentType: 'application/json' });
  if (fate && fate.kind !== 'deliver') return { status: 0, body: '' };
  const eventId = delivery.eventId ?? deps.ws.nextId('Ev');
  const envelope = eventCallback(event, eventId, deps.ws.nowSeconds());
  const retry = delivery.retryNum;
  const headers = retry !== undefined && retry > 0 ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : undefined;
  return deps.transport.send({ body: JSON.stringify(envelope), contentType: 'application/json', headers });
}

function isReplay(delivery: Delivery): boolean {
  return delivery.retryNum !== undefined && delivery.retryNum > 0;
}

/** A person adds a reaction; the bot gets reaction_added. */
export async function react(deps: DriverDeps, args: { user: string; channel: string; ts: string; name: string } & Delivery): Promise<BotReply> {
  const { ws } = deps;
  const user = ws.resolveUser(args.user);
  const message = targetMessage(deps, args.channel, args.ts);
  const name = args.name.replace(/^:|:$/g, '');
  if (!isReplay(args)) {
    const existing = message.reactions.find((r) => r.name === name);
    const reactions = existing
      ? message.reactions.map((r) => (r === existing && !r.users.includes(user.id) ? { name, users: [...r.users, user.id] } : r))
      : [...message.reactions, { name, users: [user.id] }];
    ws.updateMessage(message, { reactions });
  }
  const event = { type: 'reaction_added', user: user.id, reaction: name, item_user: message.user, item: { type: 'message', channel: message.channel, ts: message.ts }, event_ts: ws.nextTs() };
  return deliver(deps, event, args);
}

/** A person pins a message; the bot gets pin_added. */
export async function pin(deps: DriverDeps, args: { user: string; channel: string; ts: string } & Delivery): Promise<BotReply> {
  const { ws } = deps;
  const user = ws.resolveUser(args.user);
  const message = targetMessage(deps, args.channel, args.ts);
  if (!isReplay(args)) ws.updateMessage(message, { pinned: true });
  const link = permalink(message.channel, message.ts, message.thread_ts);
  const event = {
    type: 'pin_added',
    user: user.id,
    channel_id: message.channel,
    item: {
      type: 'message',
      channel: message.channel,
      created: ws.nowSeconds(),
      created_by: user.id,
      message: { type: 'message', user: message.user, text: message.text, ts: message.ts, team: TEAM_ID, permalink: link, pinned_to: [message.channel] },
    },
    event_ts: ws.nextTs(),
  };
  return deliver(deps, event, args);
}

/**
 * A person posts a message, as the Slack client does (posting in a public channel joins it; a private one needs
 * membership). Slack sends the `message` event only for channels the app is in (message.channels for public ones,
 * message.groups for private ones), shaped like the Events API fixture: no subtype, channel_type, event_ts = ts.
 */
export async function say(deps: DriverDeps, args: { user: string; channel: string; text: string }): Promise<{ message: EmuMessage; reply: BotReply }> {
  const { ws } = deps;
  const user = ws.resolveUser(args.user);
  const channel = ws.resolveChannel(args.channel);
  if (!channel.members.includes(user.id)) {
    if (channel.is_private) throw new Error(`@${user.name} is not a member of the private #${channel.name}`);
    ws.addMember(channel, user.id);
  }
  const message = ws.addMessage({ channel: channel.id, user: user.id, text: args.text, via: 'user' });
  if (channel.is_im || !channel.members.includes(ws.botUser.id)) return { message, reply: { status: 0, body: '' } };
  const event = {
    type: 'message',
    text: message.text,
    user: user.id,
    ts: message.ts,
    team: TEAM_ID,
    channel: channel.id,
    event_ts: message.ts,
    channel_type: channel.is_private ? 'group' : 'channel',
  };
  return { message, reply: await deliver(deps, event, {}) };
}

/**
 * A person opens the app's Home tab; the bot gets app_home_opened (Events API reference: user, the app's direct-message
 * channel, tab, event_ts, and the Home tab's current view once one was ever published).
 */
export async function openHome(deps: DriverDeps, args: { user: string } & Delivery): Promise<BotReply> {
  const { ws } = deps;
  const user = ws.resolveUser(args.user);
  const home = ws.sessions.homes.get(user.id);
  const event = { type: 'app_home_opened', user: user.id, channel: ws.imWith(user.id).id, tab: 'home', ...(home ? { view: viewJson(home) } : {}), event_ts: ws.nextTs() };
  return deliver(deps, event, args);
}
