// What the bot must say or do in Slack, as domain data: the Slack worker (src/slack/outbox) turns each kind into Web
// API calls and Block Kit. Core only decides *that* something is to be told and to whom (a lane, usually a channel).
import type { Role } from '../incidents/incident.js';
import type { IncidentRule } from '../rules/rule.js';
import type { ObservableType } from '../observables/observable.js';

/** A change people in the incident channel hear about. */
export type IncidentChange =
  | { kind: 'status'; from: string; to: string; note?: string; mergedInto?: string }
  | { kind: 'severity'; from: string; to: string }
  | { kind: 'role'; role: Role; from: string | null; to: string }
  | { kind: 'edit'; field: 'title' | 'type' | 'private' | 'drill'; from: string; to: string }
  | { kind: 'unassigned'; role: Role; from: string };

/** What a person was given on an incident, as their direct message tells it. */
export type Given = { kind: 'role'; role: Role } | { kind: 'step'; step: number; title: string } | { kind: 'followup'; text: string };

/** Every notification kind and its payload. */
export interface NotificationPayloads {
  /** The declaration, announced in INCIDENT_CHANNEL; rendered from the incident as it is at delivery time. */
  incident_announced: { ref: string; drill: boolean };
  /**
   * The announcement updated in place after an edit (chat.update of the message incident_announced posted);
   * rendered from the incident at delivery time. madePrivate: replaced by a neutral notice without the title.
   */
  announcement_revised: { ref: string; drill: boolean; madePrivate: boolean };
  /**
   * A raise to sev1 or sev2, announced where the declaration was (INCIDENT_CHANNEL); rendered from the incident at
   * delivery time, so a private one shows only its reference, as its announcement did.
   */
  incident_escalated: { ref: string; drill: boolean; by: string; from: string; to: string };
  /** A status, severity or role change, posted in the incident channel. */
  incident_changed: { ref: string; drill: boolean; by: string; change: IncidentChange; offerReview: boolean };
  /** A new role holder (or the reporter, once the channel exists) invited into the incident channel. */
  member_invited: { ref: string; userId: string; reporter?: boolean };
  /**
   * The incident's channel, found or created; its own lane (setup:<incident id>), so a stuck set-up holds up nothing
   * else. Once it settles, the invite, the intro and the announcement are enqueued (see channel-setup.ts).
   */
  channel_setup: { reporterId: string; private: boolean; announceChannel?: string; rule?: IncidentRule };
  /**
   * The incident channel's first message, the incident card (pinned once posted); rendered from the incident, its
   * playbook runs and open tasks at delivery time.
   */
  channel_intro: { ref: string };
  /**
   * The incident card updated in place (chat.update of the card message) after a change; rendered at delivery time, so
   * a refresh that runs late still shows the incident as it is. A card deleted from the channel is posted again once.
   */
  card_refreshed: { ref: string };
  /** A playbook run's last open step closed: the one line the incident channel hears about a run's steps. */
  playbook_completed: { ref: string; drill: boolean; by: string; title: string; done: number; skipped: number };
  /** A direct message to the reporter about the channel: ready after a delay, or given up. */
  reporter_told: { ref: string; drill: boolean; userId: string; about: 'channel_ready' | 'channel_failed'; channelId?: string; error?: string };
  /** A direct message to someone given a role, a step or a follow-up: what they were given, and the channel they were invited to. */
  assignee_told: { ref: string; drill: boolean; userId: string; by: string; given: Given; channelId?: string };
  /** A message the adapter rendered (a shared timeline, a review confirmation…), with its action in words. */
  message_posted: { action: string; text: string; blocks?: unknown[] };
  /**
   * The out-of-band plan, by direct message to one person (the lane is their user id). The plan itself is never
   * stored here: the worker reads OOB_PLAN_FILE and renders it at delivery, so the outbox holds only who, why (redacted)
   * and which incident.
   */
  oob_plan_sent: { ref: string; drill: boolean; userId: string; by: string; reason: string };
  /**
   * A person's App Home republished after a change that concerns them (src/core/home/refresh.ts); the lane is their user
   * id. Rendered at delivery from their Home as it is then, so the row holds only who.
   */
  home_refreshed: { userId: string };
  /** The reporter's direct message when their report is declined, resolved or closed: the outcome and a thank-you. */
  verdict_told: { ref: string; drill: boolean; userId: string; status: 'declined' | 'resolved' | 'closed'; note?: string };
  /** A direct message thanking someone whose mail to the report mailbox was handled (their address is theirs in Slack). */
  report_thanked: { ref: string; drill: boolean; userId: string; joined: boolean; subject?: string };
  /**
   * A rule's Slack user group invited into the incident channel: the worker resolves its members (usergroups.users.list)
   * and invites them; with `commander`, settling makes the first member commander (see rules/apply.ts).
   */
  usergroup_invited: { ref: string; usergroup: string; rule: string; commander: boolean };
  /** Posted in the channel when it closes: when it will be archived, with a Keep open button. */
  archive_notice: { ref: string; drill: boolean; archiveAt: string };
  /**
   * A playbook run's checklist posted without anyone asking for it (a rule started the run): its first page, rendered
   * from the run at delivery. Its key is the one the checklist's own refresh uses for that page (checklistPageKey), so
   * the first step change finds this message and updates it in place instead of posting another.
   */
  checklist_posted: { ref: string; runId: number };
  /** The incident channel archived (CHANNEL_ARCHIVE_AFTER after closing). */
  channel_archived: { ref: string };
  /** The incident channel unarchived, as the incident was reopened. */
  channel_unarchived: { ref: string };
  /**
   * An open incident has had no update (status change or note) for its severity's interval: told to the commander by
   * direct message (the lane is their user id, userId set) or, without one, in the incident channel. since: the last
   * update (ISO). Buttons: Post update, Snooze, Stop.
   */
  update_reminder: { ref: string; drill: boolean; severity: string; status: string; since: string; userId?: string };
  /**
   * No commander 10 minutes after the declaration: posted in the incident channel, or INCIDENT_CHANNEL when there is
   * none (then a private incident shows only its reference, severity and status). Button: Take command.
   */
  commander_nudge: { ref: string; drill: boolean; severity: string; status: string };
  /** The weekly list of a commander's incidents open with no activity for a week, by direct message (lane: their user id). */
  stale_list: { userId: string; incidents: StaleIncident[] };
  /** A follow-up owner's daily reminder by direct message (the lane is their user id): what is due on `day` or overdue. */
  followups_due: { userId: string; day: string; items: { id: number; ref: string; text: string; due: string }[] };
  /**
   * The observables found in a message someone pinned (or marked 📌), offered to that person only (chat.postEphemeral
   * in the incident channel, the lane), each with an Add button. found holds normalised values from the redacted copy.
   */
  observables_offered: { ref: string; drill: boolean; userId: string; found: { type: ObservableType; value: string }[] };
  /**
   * A notification deadline (src/core/clocks) coming up, or passed unmet (overdue): by direct message to the commander,
   * or to each responder when there is none (the lane is their user id), else in the incident channel. dueAt is ISO.
   */
  clock_reminder: { ref: string; drill: boolean; userId?: string; regime: string; regimeName: string; deadline: string; label: string; dueAt: string; overdue: boolean };
  /**
   * "Was this you?" by direct message to the person asked (the lane is their user id), with Yes, No and Not sure
   * buttons. Only the reference and the question: the person may be an outsider to a private incident.
   */
  ask_sent: AskNotice;
  /** The same question again, once, when it is still unanswered after ASK_REMIND_AFTER (same lane, same buttons). */
  ask_reminder: AskNotice;
  /** The answer: the question's direct messages (the first and the reminder) updated in place to show it, buttons gone. */
  ask_answered: AskNotice & { answer: 'yes' | 'no' | 'unsure'; answeredAt: string };
  /** Unanswered after ASK_ESCALATE_AFTER: told to the commander by direct message (userId of the commander set) or in the incident channel. */
  ask_escalated: AskNotice & { askedAt: string; commanderId?: string };
  /**
   * A comms-compromise incident's move out of band, by direct message: "switch to the plan you acknowledged on <date>",
   * or, to someone who never acknowledged it, "call the commander by phone". Never the plan or its phrases.
   */
  oob_switch_told: { ref: string; drill: boolean; userId: string; by: string; reason: string; commander: string | null; acknowledged: { version: string; at: string } | null };
  /** The out-of-band plan posted in an awareness channel (rendered at delivery, without its phrase), with an Acknowledge button for `version`. */
  oob_plan_posted: { version: string };
  /** A direct message to someone in `channel` who has not acknowledged the plan version posted there. */
  oob_plan_reminded: { userId: string; version: string; channel: string };
  /** A hash re-check that did not match, posted in the incident channel: loud, so the team hears of it at once. */
  evidence_mismatch: { ref: string; drill: boolean; by: string; evidence: string; description: string; expected: string; actual: string };
}

/** What every message about one question carries: which question, whom it was put to, by whom, and the reference. */
export interface AskNotice {
  askId: number;
  ref: string;
  drill: boolean;
  userId: string;
  by: string;
  question: string;
}

/** One line of the weekly stale list: lastActivity is the last timeline event's time (ISO). */
export interface StaleIncident {
  ref: string;
  title: string;
  severity: string;
  status: string;
  drill: boolean;
  lastActivity: string;
}

/** The kinds of notification. */
export type NotificationKind = keyof NotificationPayloads;

/** A notification as stored: its kind, its channel (the lane) and its payload. */
export type Notification = { [K in NotificationKind]: { kind: K; channel: string; payload: NotificationPayloads[K] } }[NotificationKind];

/** What each kind does, in words for the timeline when it fails (kept from the pre-outbox wording). */
export const ACTION_OF: Record<NotificationKind, string> = {
  incident_announced: 'announcing it',
  announcement_revised: 'updating its announcement',
  incident_escalated: 'announcing the escalation',
  incident_changed: 'posting the change in the incident channel',
  member_invited: 'inviting the assignee to the channel',
  channel_setup: 'creating the incident channel',
  channel_intro: 'posting the channel’s first message',
  card_refreshed: 'updating the incident card',
  playbook_completed: 'announcing the completed playbook',
  reporter_told: 'telling the reporter about the channel',
  assignee_told: 'telling the assignee by direct message',
  message_posted: 'posting a message',
  oob_plan_sent: 'sending the out-of-band plan',
  home_refreshed: 'refreshing a Home tab',
  verdict_told: 'telling the reporter the outcome',
  report_thanked: 'thanking the reporter of a mail',
  usergroup_invited: 'inviting a rule’s user group to the channel',
  archive_notice: 'posting the archive notice',
  checklist_posted: 'posting the checklist',
  channel_archived: 'archiving the incident channel',
  channel_unarchived: 'unarchiving the incident channel',
  update_reminder: 'reminding the commander to post an update',
  commander_nudge: 'asking for someone to take command',
  stale_list: 'sending the weekly list of stale incidents',
  followups_due: 'reminding a follow-up owner of what is due',
  observables_offered: 'offering the observables found in a pinned message',
  clock_reminder: 'reminding of a notification deadline',
  ask_sent: 'asking a person by direct message',
  ask_reminder: 'reminding a person of an unanswered question',
  ask_answered: 'showing the answer in the question’s direct message',
  ask_escalated: 'reporting an unanswered question to the commander',
  evidence_mismatch: 'posting an evidence hash mismatch in the incident channel',
  oob_switch_told: 'telling a person to switch to the out-of-band plan',
  oob_plan_posted: 'posting the out-of-band plan',
  oob_plan_reminded: 'reminding a person to acknowledge the out-of-band plan',
};

/** What a stored notification does, in words: a posted message names its own action. */
export function actionOf(n: { kind: NotificationKind; payload: unknown }): string {
  if (n.kind === 'message_posted') return (n.payload as NotificationPayloads['message_posted']).action || ACTION_OF.message_posted;
  if (n.kind === 'member_invited' && (n.payload as NotificationPayloads['member_invited']).reporter) return 'inviting the reporter to the channel';
  if (n.kind === 'oob_plan_sent') return `sending the out-of-band plan to ${(n.payload as NotificationPayloads['oob_plan_sent']).userId}`;
  return ACTION_OF[n.kind];
}

/** Whether a kind posts a message (paced per channel) rather than changing a channel (an invite, a creation) or a Home tab. */
export function isMessage(kind: NotificationKind): boolean {
  return !CHANNEL_CHANGES.includes(kind);
}

// Kinds that change a channel or a view rather than post a message: not paced per channel.
const CHANNEL_CHANGES: readonly NotificationKind[] = ['member_invited', 'channel_setup', 'usergroup_invited', 'channel_archived', 'channel_unarchived', 'home_refreshed'];
