// JSON shapes of Slack objects as the Web API returns them (channel, user, message, view, file). Key sets
// follow the java-slack-sdk response samples; only fields that mean something here are filled in.
import type { EmuFile, EmuMessage, EmuUser } from './types.js';
import type { ChannelRecord, Workspace } from './workspace.js';
import type { ViewRecord } from './sessions.js';
import { APP_ID, BOT_ID, BOT_USER_ID, PERMALINK_BASE, TEAM_ID } from './constants.js';

/** A conversation object; is_member is from the bot's point of view since the bot is the caller. */
export function channelJson(ch: ChannelRecord): Record<string, unknown> {
  if (ch.is_im) {
    return { id: ch.id, created: ch.created, is_im: true, is_org_shared: false, user: ch.members.find((m) => m !== BOT_USER_ID), is_archived: false, priority: 0 };
  }
  return {
    id: ch.id,
    name: ch.name,
    is_channel: !ch.is_private,
    is_group: ch.is_private,
    is_im: false,
    is_mpim: false,
    is_private: ch.is_private,
    created: ch.created,
    is_archived: ch.is_archived ?? false,
    is_general: false,
    unlinked: 0,
    name_normalized: ch.name,
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: TEAM_ID,
    updated: ch.created * 1000,
    creator: ch.creator,
    shared_team_ids: [TEAM_ID],
    is_member: ch.members.includes(BOT_USER_ID),
    topic: { value: ch.topic, creator: ch.topicSet.creator, last_set: ch.topicSet.last_set },
    purpose: { value: ch.purpose, creator: ch.purposeSet.creator, last_set: ch.purposeSet.last_set },
    previous_names: [],
  };
}

/** A user object as users.info returns it. */
export function userJson(u: EmuUser): Record<string, unknown> {
  const profile: Record<string, unknown> = {
    real_name: u.real_name,
    real_name_normalized: u.real_name,
    display_name: u.name,
    display_name_normalized: u.name,
    status_text: '',
    status_emoji: '',
    avatar_hash: '',
    team: TEAM_ID,
    first_name: u.real_name.split(' ')[0] ?? u.real_name,
    last_name: u.real_name.split(' ').slice(1).join(' '),
  };
  if (u.is_bot) Object.assign(profile, { bot_id: BOT_ID, api_app_id: APP_ID, always_active: true });
  else profile.email = `${u.name}@rampart-sandbox.example`;
  return {
    id: u.id,
    team_id: TEAM_ID,
    name: u.name,
    deleted: u.deleted === true,
    color: '9f69e7',
    real_name: u.real_name,
    tz: 'Europe/London',
    tz_label: 'Greenwich Mean Time',
    tz_offset: 0,
    profile,
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: u.is_bot,
    is_app_user: false,
    updated: 0,
    is_email_confirmed: !u.is_bot,
    who_can_share_contact_card: 'EVERYONE',
  };
}

/** The bot_profile Slack attaches to bot messages. */
function botProfile(): Record<string, unknown> {
  return { id: BOT_ID, deleted: false, name: 'rampart', updated: 0, app_id: APP_ID, icons: {}, team_id: TEAM_ID };
}

/** A message object as history, replies and chat.* return it; thread fields computed from the replies. */
export function messageJson(ws: Workspace, m: EmuMessage, opts: { includeMetadata?: boolean } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'message', user: m.user, text: m.text, ts: m.ts, team: TEAM_ID };
  if (m.user === BOT_USER_ID) Object.assign(out, { bot_id: BOT_ID, app_id: APP_ID, bot_profile: botProfile() });
  if (m.blocks) out.blocks = m.blocks;
  if (m.metadata && opts.includeMetadata !== false) out.metadata = m.metadata;
  if (m.files) out.files = m.files.map((f) => ({ id: f.id, name: f.name, title: f.title }));
  if (m.edited) out.edited = { user: m.user === BOT_USER_ID ? BOT_ID : m.user, ts: m.ts };
  if (m.reactions.length > 0) out.reactions = m.reactions.map((r) => ({ name: r.name, users: r.users, count: r.users.length }));
  if (m.pinned) out.pinned_to = [m.channel];
  if (m.thread_ts) {
    out.thread_ts = m.thread_ts;
    const parent = ws.findMessage(m.channel, m.thread_ts);
    if (m.thread_ts !== m.ts && parent) out.parent_user_id = parent.user;
  }
  const replies = ws.messages(m.channel).filter((r) => !r.ephemeral && r.thread_ts === m.ts && r.ts !== m.ts);
  if (replies.length > 0) {
    Object.assign(out, {
      thread_ts: m.ts,
      reply_count: replies.length,
      reply_users: [...new Set(replies.map((r) => r.user))],
      reply_users_count: new Set(replies.map((r) => r.user)).size,
      latest_reply: replies[replies.length - 1]?.ts,
    });
  }
  return out;
}

/** The permalink of a message: Slack's '/archives/<channel>/p<ts without the dot>' form. */
export function permalink(channel: string, ts: string, threadTs?: string): string {
  const base = `${PERMALINK_BASE}/${channel}/p${ts.replace('.', '')}`;
  return threadTs && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channel}` : base;
}

/** A view object as views.open/update/push return it and as payloads carry it. */
export function viewJson(v: ViewRecord, stateValues: Record<string, unknown> = {}): Record<string, unknown> {
  const src = v.view;
  return {
    id: v.id,
    team_id: TEAM_ID,
    type: src.type,
    title: src.title,
    ...(src.submit !== undefined ? { submit: src.submit } : {}),
    ...(src.close !== undefined ? { close: src.close } : {}),
    blocks: src.blocks ?? [],
    private_metadata: typeof src.private_metadata === 'string' ? src.private_metadata : '',
    callback_id: typeof src.callback_id === 'string' ? src.callback_id : '',
    external_id: v.externalId,
    state: { values: stateValues },
    hash: v.hash,
    clear_on_close: src.clear_on_close === true,
    notify_on_close: src.notify_on_close === true,
    submit_disabled: src.submit_disabled === true,
    root_view_id: v.rootId,
    previous_view_id: v.previousId,
    app_id: APP_ID,
    app_installed_team_id: TEAM_ID,
    bot_id: BOT_ID,
  };
}

/** A file object as files.completeUploadExternal returns it. */
export function fileJson(baseUrl: string, f: EmuFile): Record<string, unknown> {
  const ext = f.name.includes('.') ? (f.name.split('.').pop() ?? '') : '';
  return {
    id: f.id,
    created: f.created,
    timestamp: f.created,
    name: f.name,
    title: f.title,
    mimetype: ext === 'md' ? 'text/markdown' : ext === 'json' ? 'application/json' : 'text/plain',
    filetype: ext || 'text',
    pretty_type: ext ? ext.toUpperCase() : 'Plain Text',
    user: BOT_USER_ID,
    user_team: TEAM_ID,
    editable: false,
    size: f.bytes?.length ?? f.length,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: false,
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: `${baseUrl}/_files/${f.id}/${encodeURIComponent(f.name)}`,
    url_private_download: `${baseUrl}/_files/${f.id}/download/${encodeURIComponent(f.name)}`,
    permalink: `https://rampart-sandbox.slack.com/files/${BOT_USER_ID}/${f.id}/${encodeURIComponent(f.name)}`,
    channels: f.channels,
    groups: [],
    ims: [],
    comments_count: 0,
    is_starred: false,
    has_rich_preview: false,
    file_access: 'visible',
  };
}
