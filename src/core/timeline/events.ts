// The kinds of timeline event and the payload each carries. Payloads are stored as jsonb; these types are the
// documented shape that reports and `rampart timeline --json` expose.
import type { EventSource } from '../../db/schema.js';
import type { Role, Severity, Status } from '../incidents/incident.js';
import type { Tlp } from '../tlp/tlp.js';
import type { MailFacts } from '../phishing/reported-mail.js';

/** A Slack message copied into the timeline. */
export interface SlackMessageRef {
  channel: string;
  ts: string;
  author: string;
  text: string;
  permalink: string | null;
}

/** A Slack message ts ('1700000000.000100') as the Date it stands for. */
export function slackTsToDate(ts: string): Date | undefined {
  const seconds = Number(ts);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(Math.round(seconds * 1000)) : undefined;
}

/** Payload per event kind. `redacted` lists the kinds of secret removed from the text before it was stored. */
export interface EventPayloads {
  incident_declared: {
    title: string;
    description: string;
    type: string;
    severity: Severity;
    private: boolean;
    drill: boolean;
    sourceMessage?: SlackMessageRef;
    redacted?: string[];
  };
  status_changed: { from: Status; to: Status; note?: string; mergedInto?: string; redacted?: string[] };
  severity_changed: { from: Severity; to: Severity };
  /** A correction of the declaration: from/to are the title, the type, 'private'/'public' or 'drill'/'real'. */
  incident_edited: { field: 'title' | 'type' | 'private' | 'drill'; from: string; to: string; redacted?: string[] };
  role_assigned: { role: Role; from: string | null; to: string };
  /** A role cleared (`/incident unassign`); from is who held it. */
  role_unassigned: { role: Role; from: string };
  /** lesson: marked as a lesson learnt, which an admin may promote to an awareness tip. */
  note_added: { text: string; lesson?: true; redacted?: string[]; tlp?: Tlp };
  message_pinned: SlackMessageRef & { via: 'reaction' | 'pin'; eventId?: string; redacted?: string[] };
  message_reported: SlackMessageRef & { redacted?: string[] };
  channel_created: { channelId: string; name: string; private: boolean };
  members_invited: { users: string[] };
  slack_call_failed: { action: string; error: string };
  /** A PagerDuty event (trigger, acknowledge, resolve) given up: the on-call may not have been paged (src/core/deliveries). */
  page_failed: { action: string; error: string };
  correction: { text: string; redacted?: string[]; tlp?: Tlp };
  playbook_started: PlaybookRef & { title: string; steps: number };
  step_completed: StepRef & { note?: string; confirmed?: boolean };
  step_skipped: StepRef & { reason: string };
  step_assigned: StepRef & { from: string | null; to: string };
  step_reopened: StepRef & { from: 'done' | 'skipped' };
  playbook_completed: PlaybookRef & { title: string; done: number; skipped: number };
  lesson_promoted: { tipId: string; title: string };
  /** A post-incident review was saved; the review itself is in incident_reviews under this version. */
  review_saved: { version: number; actionItems: number };
  /** A review's action item became a follow-up (or, cancelled before, is open again: reopened). */
  followup_added: FollowupRef & { owner: string | null; due: string | null; reopened?: true };
  /** A follow-up was marked done. */
  followup_done: FollowupRef;
  /** A follow-up has a new owner (via: a Reassign, or a new review version naming another owner). */
  followup_reassigned: FollowupRef & { from: string | null; to: string | null; via: 'reassign' | 'review' };
  /** A review version left the open follow-up out: it is cancelled. */
  followup_cancelled: FollowupRef & { version: number };
  /** A decoy was used: the request (via url, headers without cookies or credentials) or the Slack message (redacted). */
  decoy_tripped: {
    decoy: string;
    decoyKind: 'url' | 'document' | 'credential';
    via: 'url' | 'slack';
    source: string;
    method?: string;
    userAgent?: string;
    headers?: Record<string, string>;
    channel?: string;
    messageTs?: string;
    text?: string;
  };
  /** An alert came in through POST /api/v1/alerts (src/core/alerts): its source, whether it joined an open incident, and its redacted fields. */
  alert_received: {
    alertId: number;
    source: string;
    joined: boolean;
    title: string;
    severity: Severity;
    type: string;
    description?: string;
    dedupeKey?: string;
    link?: string;
    observables?: { type: string; value: string }[];
    redacted?: string[];
  };
  /** The team moved to the out-of-band plan's channels; the plan itself is never recorded (timelines are shared). */
  moved_out_of_band: {
    reason?: string;
    recipients: number;
    redacted?: string[];
    /** A comms-compromise incident: each person was told to switch to the plan they acknowledged, without the plan. */
    mode?: 'switch';
    /** The plan file's version when the team switched. */
    planVersion?: string;
    /** Who had acknowledged which version, and when (their latest acknowledgement). */
    acknowledged?: { userId: string; version: string; at: string }[];
    /** Who had never acknowledged the plan: told to call the commander by phone. */
    unacknowledged?: string[];
  };
  /** A rule of RULES_FILE matched the declaration: whom it invited, which playbook it started, who it made commander. */
  rule_applied: { rule: string; users: string[]; usergroups: string[]; playbook?: string; commander?: string; commanderFrom?: string };
  /** Someone pressed Keep open on the archive notice: the channel of this closure is not archived. */
  channel_kept_open: { closedAt: string };
  /** The incident channel was archived a while after closing (CHANNEL_ARCHIVE_AFTER). */
  channel_archived: { channelId: string };
  /** The incident channel was brought back when the incident was reopened. */
  channel_unarchived: { channelId: string };
  /** The update reminder snoozed from its buttons: until when (ISO), as chosen (30m, 2h, tomorrow). */
  reminder_snoozed: { until: string; choice: '30m' | '2h' | 'tomorrow' };
  /** The update reminders stopped for this incident (until it is reopened after ending). */
  reminders_stopped: { kind: 'update' };
  /** An observable recorded on the incident: its type and normalised value (shown defanged), typed or accepted from a scan. */
  observable_added: ObservableRef & { origin: 'typed' | 'scan' | 'alert' };
  /** An observable's verdict changed. */
  observable_marked: ObservableRef & { from: 'malicious' | 'suspicious' | 'benign' | 'unknown'; to: 'malicious' | 'suspicious' | 'benign' | 'unknown' };
  /** A notification clock started: its regime, awareness (ISO; back-dated needs a reason), why, and each deadline. */
  clock_started: ClockRef & {
    awareAt: string;
    backdated?: true;
    reason?: string;
    why?: string;
    deadlines: { deadline: string; label: string; dueAt: string }[];
    redacted?: string[];
  };
  /** A deadline's notice was given: when (ISO), to whom, a reference; late when after the deadline. */
  clock_notified: ClockRef & { deadline: string; label: string; dueAt: string; notifiedAt: string; to: string; reference?: string; late: boolean; redacted?: string[] };
  /** A clock stopped before its deadlines were all met (e.g. no personal data after all), with the reason if given. */
  clock_stopped: ClockRef & { reason?: string; redacted?: string[] };
  /** A deadline passed with no notice recorded: told to the commander once (its overdue notice). */
  clock_deadline_missed: ClockRef & { deadline: string; label: string; dueAt: string };
  /** A person was asked "was this you?" by direct message (the question redacted, as stored). */
  ask_sent: AskRef & { by: string; redacted?: string[] };
  /** The person asked answered (once; the event's time is when). */
  ask_answered: AskRef & { answer: 'yes' | 'no' | 'unsure' };
  /** The question was still unanswered after ASK_REMIND_AFTER: the person was reminded, once. */
  ask_reminded: AskRef;
  /** Still unanswered after ASK_ESCALATE_AFTER: reported to the commander (or the incident channel; to is null when neither exists), once. */
  ask_escalated: AskRef & { to: string | null };
  /** The incident's TLP marking changed (from: the effective one before, the default from visibility when none was set). */
  tlp_changed: { from: Tlp; to: Tlp; reason?: string; redacted?: string[] };
  /** An evidence item was logged; the event's occurredAt is when it was collected (back-dated when given). */
  evidence_added: EvidenceRef & { location: string; sha256: string | null; collectedBy: string; collectedAt: string; zone: string; holder: string; tlp?: Tlp; redacted?: string[] };
  /** An evidence item changed hands: custody from one person to another, and why. */
  evidence_transferred: EvidenceRef & { from: string; to: string; reason: string; redacted?: string[] };
  /** An item's SHA-256 checked again (computed from the file, or given): matches false is a mismatch, recorded, never refused. */
  evidence_checked: EvidenceRef & { expected: string; actual: string; matches: boolean; via: 'file' | 'given' };
  /** A phishing mail was reported to the report mailbox: who reported it and what was parsed from it (redacted); joined: an open campaign's incident. */
  phishing_reported: MailFacts & {
    reportedMailId: number;
    mailbox: string;
    via: 'attachment' | 'inline' | 'direct';
    /** Who the report says it is from; reporterVerified: whether Rampart believed it enough to answer (MAIL_REPORTER_DOMAINS, DMARC). */
    reporter: string | null;
    reporterVerified: boolean;
    reportMessageId: string | null;
    joined: boolean;
    redacted?: string[];
  };
}

/** Which notification clock an event is about; the regime's name is kept so the timeline reads on its own. */
export interface ClockRef {
  clockId: number;
  regime: string;
  regimeName: string;
}

/** Which question an event is about; who was asked and the question are kept so the timeline reads on its own. */
export interface AskRef {
  askId: number;
  userId: string;
  question: string;
}

/** Which evidence item an event is about (EV-n); the description is kept so the timeline reads on its own. */
export interface EvidenceRef {
  evidenceId: number;
  evidence: string;
  description: string;
}

/** Which run of which playbook an event is about. */
export interface PlaybookRef {
  runId: number;
  playbookId: string;
}

/** Which follow-up an event is about; the text is kept so the timeline reads on its own. */
export interface FollowupRef {
  followupId: number;
  text: string;
}

/** Which observable an event is about; type and value are kept so the timeline reads on its own. */
export interface ObservableRef {
  observableId: number;
  type: 'ipv4' | 'ipv6' | 'domain' | 'url' | 'email' | 'md5' | 'sha1' | 'sha256' | 'phone' | 'account';
  value: string;
}

/** Which step of a run an event is about; the title is kept so the timeline reads on its own. */
export interface StepRef extends PlaybookRef {
  step: number;
  title: string;
}

export type EventKind = keyof EventPayloads;

/** One event to append. occurredAt defaults to the time it is recorded. */
export type NewEvent = {
  [K in EventKind]: {
    kind: K;
    payload: EventPayloads[K];
    actor: string;
    source: EventSource;
    occurredAt?: Date;
    dedupeKey?: string;
    correctsSeq?: number;
  };
}[EventKind];

/** A stored event. */
export interface TimelineEvent {
  seq: number;
  kind: EventKind;
  actor: string;
  occurredAt: Date;
  recordedAt: Date;
  source: EventSource;
  payload: Record<string, unknown>;
  correctsSeq: number | null;
}

/** Events back-dated by more than this are marked as such in timelines. */
export const BACKDATED_THRESHOLD_MS = 60_000;

/** True when the event was recorded noticeably later than it happened. */
export function isBackdated(e: Pick<TimelineEvent, 'occurredAt' | 'recordedAt'>): boolean {
  return e.recordedAt.getTime() - e.occurredAt.getTime() > BACKDATED_THRESHOLD_MS;
}
