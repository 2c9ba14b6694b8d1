// The Web API calls behind each notification kind. A message carries its outbox key in metadata; when an earlier
// attempt may have reached Slack (it timed out, the connection reset, Slack answered 5xx, or the worker died), the
// channel's history is searched for that key first, so a retry never posts twice.
import type { WebClient } from '@slack/web-api';
import type { Db } from '../../db/types.js';
import { findById, rowsByKey, runWithIncident, type OutboxRow, announcementKey } from '../../core/index.js';
import type { Clock, NotificationPayloads, Incident, PlaybookLibrary, OobPlan } from '../../core/index.js';
import { announcement, escalation } from '../blocks/incident.js';
import { assigneeMessage, reporterMessage, withdrawnAnnouncement, changeMessage, verdictMessage, completionMessage, reportThanksMessage } from './render.js';
import { ensureChannel } from './channel-setup.js';
import { directChannel } from '../services/upload.js';
import { planMessage, planPostMessage, planReminderMessage, switchMessage } from '../blocks/oob.js';
import type { HomeTab } from '../blocks/block-kit.js';
import { archiveNotice } from '../blocks/archive.js';
import { commanderNudgeMessage, roleBriefMessage, staleListMessage, updateReminderMessage } from '../blocks/reminders.js';
import { postCard, refreshCard } from './card.js';
import { reminderMessage } from '../blocks/followups.js';
import { offerMessage } from '../blocks/observables.js';
import { clockReminderMessage } from '../blocks/clocks.js';
import { checklistMessages } from '../blocks/checklist.js';
import { askEscalationMessage, askMessage, askReminderMessage } from '../blocks/asks.js';
import { showAnswer } from './asks.js';
import { evidenceMismatchMessage } from '../blocks/evidence.js';

/** The metadata event type of outbox messages. */
export const OUTBOX_EVENT_TYPE = 'rampart_outbox';

/** What a delivered notification returns: kept in the row's result, and the users an invite added. */
export interface Sent {
  result: Record<string, unknown>;
  invited?: string[];
}

/** What send needs besides the client: the database (to render from the incident as it is) and the playbooks. */
export interface SendContext {
  db: Db;
  /** The core's clock: a checklist rendered at delivery says "due in" against it. */
  clock: Clock;
  playbooks: PlaybookLibrary;
  /** Reads the out-of-band plan now (OOB_PLAN_FILE), so a direct message carries the plan as it is at delivery. */
  oobPlan: () => Promise<OobPlan>;
  /** The plan with its version, read together at delivery: the posted plan's Acknowledge names the version it shows. */
  oobVersionedPlan?: () => Promise<{ plan: OobPlan; version: string }>;
  /** A person's Home tab as it is now (home_refreshed renders at delivery); absent where no core serves it. */
  homeView?: (userId: string) => Promise<HomeTab>;
}

/** Makes the Slack calls for one claimed row; throws the Web API error when a call fails. */
export async function send(client: WebClient, ctx: SendContext, row: OutboxRow): Promise<Sent> {
  if (row.kind === 'member_invited') return invite(client, row.lane, (row.payload as unknown as NotificationPayloads['member_invited']).userId);
  if (row.kind === 'channel_setup') return { result: { ...(await ensureChannel(client, await incidentOf(ctx.db, row), row)) } };
  if (row.kind === 'reporter_told') {
    const p = row.payload as unknown as NotificationPayloads['reporter_told'];
    return postDirect(client, p.userId, row, reporterMessage(p));
  }
  if (row.kind === 'oob_plan_sent') {
    const p = row.payload as unknown as NotificationPayloads['oob_plan_sent'];
    return postDirect(client, p.userId, row, planMessage(p, await ctx.oobPlan()));
  }
  if (row.kind === 'verdict_told') {
    const p = row.payload as unknown as NotificationPayloads['verdict_told'];
    return postDirect(client, p.userId, row, verdictMessage(p));
  }
  if (row.kind === 'report_thanked') {
    const p = row.payload as unknown as NotificationPayloads['report_thanked'];
    return postDirect(client, p.userId, row, reportThanksMessage(p));
  }
  if (row.kind === 'usergroup_invited') return inviteGroup(client, row.lane, (row.payload as unknown as NotificationPayloads['usergroup_invited']).usergroup);
  if (row.kind === 'archive_notice') return postKeyed(client, row.lane, row, archiveNotice(row.payload as unknown as NotificationPayloads['archive_notice']));
  if (row.kind === 'channel_archived') return changeArchive(client, row.lane, 'archive');
  if (row.kind === 'channel_unarchived') return changeArchive(client, row.lane, 'unarchive');
  if (row.kind === 'followups_due') {
    const p = row.payload as unknown as NotificationPayloads['followups_due'];
    return postDirect(client, p.userId, row, reminderMessage(p));
  }
  if (row.kind === 'oob_switch_told') {
    const p = row.payload as unknown as NotificationPayloads['oob_switch_told'];
    return postDirect(client, p.userId, row, switchMessage(p));
  }
  if (row.kind === 'oob_plan_posted') {
    // The file may have changed since the slot enqueued this: the button names the version the message shows.
    const queued = (row.payload as unknown as NotificationPayloads['oob_plan_posted']).version;
    const shown = ctx.oobVersionedPlan ? await ctx.oobVersionedPlan() : { plan: await ctx.oobPlan(), version: queued };
    return postKeyed(client, row.lane, row, planPostMessage(shown.plan, shown.version));
  }
  if (row.kind === 'oob_plan_reminded') {
    const p = row.payload as unknown as NotificationPayloads['oob_plan_reminded'];
    return postDirect(client, p.userId, row, planReminderMessage(p));
  }
  if (row.kind === 'evidence_mismatch') return postKeyed(client, row.lane, row, evidenceMismatchMessage(row.payload as unknown as NotificationPayloads['evidence_mismatch']));
  if (row.kind === 'announcement_revised') return reviseAnnouncement(client, ctx, row);
  if (row.kind === 'home_refreshed') return refreshHome(client, ctx, (row.payload as unknown as NotificationPayloads['home_refreshed']).userId);
  if (row.kind === 'channel_intro') return postCard(client, ctx, row, postKeyed);
  if (row.kind === 'card_refreshed') return refreshCard(client, ctx, row, postKeyed);
  if (row.kind === 'checklist_posted') {
    // The first page, under the key the checklist's refresh uses for it: that refresh finds this message (and its ts).
    const { incident, run } = await runWithIncident(ctx.db, (row.payload as unknown as NotificationPayloads['checklist_posted']).runId);
    return postKeyed(client, row.lane, row, checklistMessages(incident, run, ctx.clock.now())[0]!);
  }
  if (row.kind === 'incident_escalated') return postInThread(client, ctx, row);
  if (row.kind === 'assignee_told') {
    const p = row.payload as unknown as NotificationPayloads['assignee_told'];
    // A role comes with its brief: what the role does and the incident as it is at delivery.
    const told = p.given.kind === 'role' ? roleBriefMessage({ ...p, given: p.given }, await incidentOf(ctx.db, row)) : assigneeMessage(p);
    return postDirect(client, p.userId, row, told);
  }
  if (row.kind === 'update_reminder') {
    const p = row.payload as unknown as NotificationPayloads['update_reminder'];
    return p.userId ? postDirect(client, p.userId, row, updateReminderMessage(p)) : postKeyed(client, row.lane, row, updateReminderMessage(p));
  }
  if (row.kind === 'clock_reminder') {
    const p = row.payload as unknown as NotificationPayloads['clock_reminder'];
    const told = clockReminderMessage(p, ctx.clock.now());
    return p.userId ? postDirect(client, p.userId, row, told) : postKeyed(client, row.lane, row, told);
  }
  if (row.kind === 'ask_sent' || row.kind === 'ask_reminder') {
    const p = row.payload as unknown as NotificationPayloads['ask_sent'];
    return postDirect(client, p.userId, row, row.kind === 'ask_sent' ? askMessage(p) : askReminderMessage(p));
  }
  if (row.kind === 'ask_answered') return showAnswer(client, ctx.db, row.payload as unknown as NotificationPayloads['ask_answered']);
  if (row.kind === 'ask_escalated') {
    const p = row.payload as unknown as NotificationPayloads['ask_escalated'];
    return p.commanderId ? postDirect(client, p.commanderId, row, askEscalationMessage(p)) : postKeyed(client, row.lane, row, askEscalationMessage(p));
  }
  if (row.kind === 'stale_list') {
    const p = row.payload as unknown as NotificationPayloads['stale_list'];
    return postDirect(client, p.userId, row, staleListMessage(p));
  }
  if (row.kind === 'observables_offered') return offerEphemeral(client, row);
  return postKeyed(client, row.lane, row, await messageFor(ctx, row));
}

/**
 * Shows a pin's observable offer to the person who pinned, ephemerally. An ephemeral message cannot be looked up
 * afterwards, so it is shown at most once: after an attempt that may have reached Slack it is not sent again (the
 * offer is a convenience; `/incident ioc add` does the same), rather than risk showing it twice.
 */
async function offerEphemeral(client: WebClient, row: OutboxRow): Promise<Sent> {
  if (row.attempts > 1) return { result: { skipped: 'an earlier attempt may have shown it, and ephemeral messages cannot be looked up' } };
  const p = row.payload as unknown as NotificationPayloads['observables_offered'];
  const offer = offerMessage(p.ref, p.found);
  const res = await client.chat.postEphemeral({ channel: row.lane, user: p.userId, text: offer.text, blocks: offer.blocks as never[] });
  return { result: { channel: row.lane, user: p.userId, messageTs: res.message_ts } };
}

/**
 * Updates the announcement in place (chat.update is idempotent, so a retry needs no lookup): to the neutral notice when
 * the incident was made private and still is, else to the announcement as the incident is now. An announcement that
 * was never posted (given up) leaves nothing to update.
 */
async function reviseAnnouncement(client: WebClient, ctx: SendContext, row: OutboxRow): Promise<Sent> {
  const p = row.payload as unknown as NotificationPayloads['announcement_revised'];
  const incident = await incidentOf(ctx.db, row);
  const announced = await announcementOf(ctx.db, incident.id);
  if (!announced) return { result: { skipped: 'no announcement to update' } };
  const { channel, ts } = announced;
  const revised = p.madePrivate && incident.private ? withdrawnAnnouncement(incident) : announcement(incident);
  await client.chat.update({ channel, ts, text: revised.text, blocks: revised.blocks as never[] });
  return { result: { channel, ts } };
}

/** Publishes the person's Home tab as it is now: views.publish replaces it whole, so a retry needs no lookup. */
async function refreshHome(client: WebClient, ctx: SendContext, userId: string): Promise<Sent> {
  if (!ctx.homeView) return { result: { skipped: 'no Home tab renderer in this process' } };
  const view = await ctx.homeView(userId);
  const res = await client.views.publish({ user_id: userId, view: view as never });
  return { result: { user: userId, view: res.view?.id } };
}

/**
 * Posts an escalation in the announcement's thread, so the announcement channel keeps one message per incident. An
 * announcement not posted (none configured then, or given up) leaves the escalation to stand on its own.
 */
async function postInThread(client: WebClient, ctx: SendContext, row: OutboxRow): Promise<Sent> {
  const incident = await incidentOf(ctx.db, row);
  const announced = await announcementOf(ctx.db, incident.id);
  const threadTs = announced?.channel === row.lane ? announced.ts : undefined;
  return postKeyed(client, row.lane, row, escalation(incident, row.payload as unknown as NotificationPayloads['incident_escalated']), threadTs);
}

/** Where the incident's announcement landed, once it was delivered (undefined when it was never posted). */
async function announcementOf(db: Db, incidentId: number): Promise<{ channel: string; ts: string } | undefined> {
  const [announced] = await rowsByKey(db, [announcementKey(incidentId)]);
  const { channel, ts } = (announced?.deliveredAt ? announced.result : {}) as { channel?: unknown; ts?: unknown };
  return typeof channel === 'string' && typeof ts === 'string' ? { channel, ts } : undefined;
}

/**
 * Posts a message to a person's direct-message channel, keyed like postKeyed: conversations.open gives the same channel
 * every time, so the key lookup after an unclear attempt can search it.
 */
async function postDirect(client: WebClient, userId: string, row: OutboxRow, message: { text: string; blocks?: unknown[] }): Promise<Sent> {
  return postKeyed(client, await directChannel(client, userId), row, message);
}

/** Posts a message carrying the row's key; after an attempt that may have landed, finds it instead of posting again. */
async function postKeyed(client: WebClient, channel: string, row: OutboxRow, message: { text: string; blocks?: unknown[] }, threadTs?: string): Promise<Sent> {
  // Only after an attempt that may have landed: the first try needs no lookup.
  if (row.attempts > 1) {
    const ts = await findByKey(client, channel, row.key, row.createdAt, threadTs);
    if (ts) return { result: { channel, ts, found: true } };
  }
  const res = await client.chat.postMessage({
    channel,
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks as never[] } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
    metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { key: row.key } },
  });
  return { result: { channel: res.channel ?? channel, ts: res.ts, ...(threadTs ? { threadTs } : {}) } };
}

async function messageFor(ctx: SendContext, row: OutboxRow): Promise<{ text: string; blocks?: unknown[] }> {
  if (row.kind === 'incident_changed') return changeMessage(row.payload as unknown as NotificationPayloads['incident_changed']);
  if (row.kind === 'commander_nudge') return commanderNudgeMessage(row.payload as unknown as NotificationPayloads['commander_nudge']);
  if (row.kind === 'playbook_completed') return completionMessage(row.payload as unknown as NotificationPayloads['playbook_completed']);
  if (row.kind === 'message_posted') {
    const p = row.payload as unknown as NotificationPayloads['message_posted'];
    return { text: p.text, ...(p.blocks ? { blocks: p.blocks } : {}) };
  }
  // The announcement and the intro show the incident as it is now: by delivery its channel exists and can be linked.
  const incident = await incidentOf(ctx.db, row);
  return announcement(incident);
}

async function incidentOf(db: Db, row: OutboxRow): Promise<Incident> {
  const incident = row.incidentId === null ? undefined : await findById(db, row.incidentId);
  if (!incident) throw new Error(`incident ${row.incidentId} not found for ${row.key}`);
  return incident;
}

async function invite(client: WebClient, channel: string, userId: string): Promise<Sent> {
  try {
    await client.conversations.invite({ channel, users: userId });
    return { result: { channel }, invited: [userId] };
  } catch (err) {
    // A retry of an invite that did land, or someone who joined meanwhile: the goal is met.
    if ((err as { data?: { error?: string } }).data?.error === 'already_in_channel') return { result: { channel, already: true } };
    throw err;
  }
}

/**
 * Invites a user group's members (usergroups.users.list, asked at delivery so the group is as it is now). force: one
 * member already there or deactivated does not keep the others out; Slack lists them in `errors`. The members, in the
 * group's order, go in the result: settling makes the first one commander when the rule says so.
 */
async function inviteGroup(client: WebClient, channel: string, usergroup: string): Promise<Sent> {
  const listed = await client.usergroups.users.list({ usergroup });
  const members = (listed.users ?? []).filter((u) => typeof u === 'string');
  if (members.length === 0) return { result: { channel, usergroup, members } };
  const res = await client.conversations.invite({ channel, users: members.join(','), force: true });
  const refused = new Set(((res as { errors?: { user?: string }[] }).errors ?? []).map((e) => e.user));
  return { result: { channel, usergroup, members }, invited: members.filter((u) => !refused.has(u)) };
}

/** Archives or unarchives a channel; a retry after a call that did land (already so) meets the goal. */
async function changeArchive(client: WebClient, channel: string, change: 'archive' | 'unarchive'): Promise<Sent> {
  try {
    if (change === 'archive') await client.conversations.archive({ channel });
    else await client.conversations.unarchive({ channel });
    return { result: { channel } };
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    if (code === (change === 'archive' ? 'already_archived' : 'not_archived')) return { result: { channel, already: true } };
    throw err;
  }
}

/**
 * The ts of the bot's message carrying this outbox key, posted since the row was created (with a margin for clock
 * skew). Like findSlotMessage (src/slack/services/slot-messages.ts), but it does not retry on its own: a failed lookup
 * fails the attempt, and the outbox's own backoff applies.
 */
export async function findByKey(client: WebClient, channel: string, key: string, since: Date, threadTs?: string): Promise<string | undefined> {
  const oldest = String(Math.floor(since.getTime() / 1000) - 300);
  let cursor: string | undefined;
  do {
    const paging = { oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) };
    // A reply is not in the channel's history, only in its thread's.
    const page = threadTs ? await client.conversations.replies({ channel, ts: threadTs, ...paging }) : await client.conversations.history({ channel, ...paging });
    const found = page.messages?.find((m) => {
      const meta = m.metadata as { event_type?: string; event_payload?: { key?: string } } | undefined;
      return meta?.event_type === OUTBOX_EVENT_TYPE && meta.event_payload?.key === key;
    });
    if (found?.ts) return found.ts;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return undefined;
}
