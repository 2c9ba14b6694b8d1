// Builders for what Slack sends a bot: slash-command forms, interaction payloads and Events API
// envelopes, shaped like the real ones in bolt-python's scenario fixtures. Pure functions of their inputs.
import type { EmuChannel, EmuMessage, EmuUser } from './types.js';
import { APP_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID, VERIFICATION_TOKEN } from './constants.js';

type Obj = Record<string, unknown>;

/** The user object interaction payloads carry. */
export function payloadUser(u: EmuUser): Obj {
  return { id: u.id, username: u.name, name: u.name, team_id: TEAM_ID };
}

/** The team object interaction payloads carry. */
export function payloadTeam(): Obj {
  return { id: TEAM_ID, domain: TEAM_DOMAIN };
}

/** The form fields of a slash command, in Slack's order. */
export function slashCommandForm(args: { user: EmuUser; channel: EmuChannel; command: string; text: string; responseUrl: string; triggerId: string }): string {
  return new URLSearchParams({
    token: VERIFICATION_TOKEN,
    team_id: TEAM_ID,
    team_domain: TEAM_DOMAIN,
    channel_id: args.channel.id,
    channel_name: args.channel.name,
    user_id: args.user.id,
    user_name: args.user.name,
    command: args.command.startsWith('/') ? args.command : `/${args.command}`,
    text: args.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: args.responseUrl,
    trigger_id: args.triggerId,
  }).toString();
}

/** The common head of interaction payloads. */
function interactionHead(type: string, user: EmuUser): Obj {
  return { type, user: payloadUser(user), api_app_id: APP_ID, token: VERIFICATION_TOKEN, team: payloadTeam(), enterprise: null, is_enterprise_install: false };
}

/** A button as block_actions reports it. */
export function buttonAction(blockId: string, element: Obj, actionTs: string): Obj {
  return {
    type: 'button',
    action_id: element.action_id,
    block_id: blockId,
    text: element.text,
    ...(element.value !== undefined ? { value: element.value } : {}),
    ...(element.style !== undefined ? { style: element.style } : {}),
    action_ts: actionTs,
  };
}

/** block_actions for a button in a message (message json as history returns it). */
export function messageBlockActions(args: {
  user: EmuUser;
  channel: EmuChannel;
  message: EmuMessage;
  messageJson: Obj;
  action: Obj;
  triggerId: string;
  responseUrl: string;
}): Obj {
  return {
    ...interactionHead('block_actions', args.user),
    container: { type: 'message', message_ts: args.message.ts, channel_id: args.channel.id, is_ephemeral: args.message.ephemeral },
    trigger_id: args.triggerId,
    channel: { id: args.channel.id, name: args.channel.name },
    // Slack leaves the message out for ephemeral messages: the bot never stored them anywhere.
    ...(args.message.ephemeral ? {} : { message: args.messageJson }),
    state: { values: {} },
    response_url: args.responseUrl,
    actions: [args.action],
  };
}

/** block_actions for a button in a modal: carries the view, no response_url. */
export function viewBlockActions(args: { user: EmuUser; viewJson: Obj; action: Obj; triggerId: string }): Obj {
  return {
    ...interactionHead('block_actions', args.user),
    container: { type: 'view', view_id: args.viewJson.id },
    trigger_id: args.triggerId,
    view: args.viewJson,
    actions: [args.action],
  };
}

/** view_submission with the view's state filled in. */
export function viewSubmission(args: { user: EmuUser; viewJson: Obj; triggerId: string }): Obj {
  return { ...interactionHead('view_submission', args.user), trigger_id: args.triggerId, view: args.viewJson, response_urls: [] };
}

/** view_closed, sent only for views with notify_on_close. */
export function viewClosed(args: { user: EmuUser; viewJson: Obj }): Obj {
  return { ...interactionHead('view_closed', args.user), view: args.viewJson, is_cleared: false };
}

/** message_action (a message shortcut). */
export function messageAction(args: { user: EmuUser; channel: EmuChannel; messageJson: Obj; ts: string; callbackId: string; triggerId: string; responseUrl: string; actionTs: string }): Obj {
  return {
    ...interactionHead('message_action', args.user),
    action_ts: args.actionTs,
    channel: { id: args.channel.id, name: args.channel.name },
    callback_id: args.callbackId,
    trigger_id: args.triggerId,
    message_ts: args.ts,
    message: args.messageJson,
    response_url: args.responseUrl,
  };
}

/** Slack's notice that the app is over the Events API cap (no inner event; the minute it became limited). */
export function appRateLimited(minute: number): Obj {
  return { token: VERIFICATION_TOKEN, type: 'app_rate_limited', team_id: TEAM_ID, minute_rate_limited: minute, api_app_id: APP_ID };
}

/** An Events API envelope around one event. */
export function eventCallback(event: Obj, eventId: string, eventTime: number): Obj {
  return {
    token: VERIFICATION_TOKEN,
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: eventTime,
    authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}
