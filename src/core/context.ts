// What every core use case needs, passed in by the composition root (no globals, no process.env).
import type { Db, Tx } from '../db/types.js';
import type { Clock } from './clock.js';
import type { EventSource } from '../db/schema.js';
import type { PlaybookLibrary } from './playbooks/library.js';
import type { Severity } from './incidents/incident.js';
import type { CustomPattern } from '../shared/redact.js';
import { enqueuedDuring } from './outbox/queries.js';
import { refreshHomesAfter } from './home/refresh.js';
import type { OutboxPort } from './outbox/deps.js';
import type { Refusal } from './access/rules.js';
import { bindRedaction } from './redaction/apply.js';
import type { AwarenessSettings } from './awareness/deps.js';
import type { DigestSettings } from './digest/deps.js';
import type { IncidentRules } from './rules/rule.js';
import type { ReminderSettings } from './reminders/deps.js';
import type { FollowupSettings } from './followups/deps.js';
import type { ClockSettings } from './clocks/deps.js';
import type { AskSettings } from './asks/deps.js';
import type { OobPlanSettings } from './oob/deps.js';
import type { PagingSettings } from './deliveries/deps.js';
import { planDeliveries } from './deliveries/from-changes.js';
import { deliveriesEnqueuedDuring } from './deliveries/queries.js';

/** Dependencies of core. */
export interface CoreDeps {
  db: Db;
  clock: Clock;
  /** Whether a Slack user may change status, severity and roles, and see every private incident. */
  isResponder(userId: string): Promise<boolean>;
  incidentTypes: readonly string[];
  /** Types whose incidents are always private. */
  sensitiveTypes: readonly string[];
  /** IANA zone used to read times such as `at 14:05`. */
  timezone: string;
  /** The playbooks on offer (built-in and PLAYBOOKS_DIR). */
  playbooks: PlaybookLibrary;
  /** Severities whose incidents need a post-incident review before they can be closed (REVIEW_REQUIRED_SEVERITIES). */
  reviewRequired: readonly Severity[];
  /** REDACT_PATTERNS: secrets of the organisation's own formats, redacted along with the built-in kinds. */
  redactPatterns: readonly CustomPattern[];
  /** ADMINS: Slack users who run the awareness programme and the decoys (responders do when it is empty). */
  admins: readonly string[];
  /** Whether a user is in a Slack channel (private incidents are shown to their channel's members); throws when Slack cannot say. */
  isChannelMember?(channelId: string, userId: string): Promise<boolean>;
  /**
   * DECOY_RATE_LIMIT: asked before a URL hit on a live decoy is recorded, per source address and decoy; false means the
   * hit is not recorded (the visitor got the same page anyway). Absent: every hit is recorded.
   */
  decoyHitAllowed?(source: string, decoyId: number): Promise<boolean>;
  /** DECOY_DEDUP_WINDOW: hits of one decoy this close together go to the same open incident (default 24 h). */
  decoyDedupWindowMs?: number;
  /** Told of every refused request, so adapters can log it (src/core/access). */
  onRefusal?(refusal: Refusal): void;
  /** INCIDENT_CHANNEL: where declarations are announced (through the Slack outbox), when set. */
  announceChannel?: string;
  /** The Slack outbox worker: woken after a transaction that enqueued notifications commits (src/core/outbox). */
  outbox?: OutboxPort;
  /** The weekly awareness programme's settings and Slack port (src/core/awareness); absent where nothing runs it. */
  awareness?: AwarenessSettings;
  /** The weekly digest's settings and Slack port (src/core/digest); absent where nothing runs it. */
  digest?: DigestSettings;
  /** UPDATE_REMINDERS, QUIET_HOURS and the weekly stale list (src/core/reminders); absent: the default intervals, no quiet hours, no list. */
  reminders?: ReminderSettings;
  /** Follow-up reminders' schedule (src/core/followups); absent where nothing runs them. */
  followups?: FollowupSettings;
  /** NOTIFICATION_REGIMES_FILE, CLOCK_REMINDERS and whom to remind without a commander (src/core/clocks); absent: built-ins and defaults. */
  clocks?: ClockSettings;
  /** ASK_REMIND_AFTER and ASK_ESCALATE_AFTER (src/core/asks); absent: the defaults (2 h, 4 h). */
  asks?: AskSettings;
  /** OOB_PLAN_CRON: posting the plan in the awareness channels and reminding who has not acknowledged it (src/core/oob); absent where nothing runs it. */
  oobDistribution?: OobPlanSettings;
  /** OOB_PLAN_FILE: the out-of-band plan, read on each use so edits apply without a restart (src/core/oob). */
  oobPlanFile?: string;
  /** CHANNEL_ARCHIVE_AFTER: how long after closing an incident's channel is archived; undefined: never (src/core/archive). */
  archiveAfterMs?: number;
  /** RULES_FILE: what a declaration sets up by itself (invites, playbook, commander), checked at start-up (src/core/rules). */
  rules?: IncidentRules;
  /** PAGERDUTY_SEVERITIES and PAGERDUTY_SOURCE when PAGERDUTY_ROUTING_KEY is set (src/core/deliveries); absent: nothing pages. */
  paging?: PagingSettings;
  /** PHISHING_CAMPAIGN_WINDOW: reported mails sharing a sender, URL or subject this close together join one open incident (default 72 h). */
  phishingCampaignWindowMs?: number;
  /** SMTP_URL is set: people who reported a mail are thanked, and told the verdict, by email (the outgoing outbox's email channel). */
  reporterEmail?: boolean;
}

/** Who is acting and through what. CLI and system actors are trusted operators. */
export interface Actor {
  id: string;
  source: EventSource;
  /** The Slack channel the request came from, when there is one. */
  channelId?: string;
}

/** True for actors that are not Slack users (the local CLI, scheduled jobs). */
export function isTrusted(actor: Actor): boolean {
  return actor.source === 'cli' || actor.source === 'system';
}

type TransactionDeps = Pick<CoreDeps, 'db' | 'redactPatterns' | 'outbox'> & Partial<Pick<CoreDeps, 'paging' | 'clock'>>;

/**
 * Runs fn in one transaction: a change and its timeline event commit together or not at all. The transaction carries
 * the deployment's redaction patterns, which the timeline append and the outbox enqueue apply to what they store.
 * `last`, when given, runs after everything else, Home refreshes included, just before the commit.
 */
export async function inTransaction<T>(deps: TransactionDeps, fn: (tx: Tx) => Promise<T>): Promise<T>;
export async function inTransaction<T, R>(deps: TransactionDeps, fn: (tx: Tx) => Promise<T>, last: (tx: Tx, result: T) => Promise<R>): Promise<R>;
export async function inTransaction<T, R>(deps: TransactionDeps, fn: (tx: Tx) => Promise<T>, last?: (tx: Tx, result: T) => Promise<R>): Promise<T | R> {
  let used: Tx | undefined;
  const result = await deps.db.transaction(async (tx) => {
    used = tx;
    bindRedaction(tx, deps);
    const result = await fn(tx);
    // Whatever use case changed an incident, the Home tabs it concerns are refreshed by the same transaction.
    await refreshHomesAfter(tx);
    // Likewise its webhooks and pages (src/core/deliveries): decided here, enqueued after `last` (a declared incident has its number then).
    const deliveries = await planDeliveries(tx, deps);
    // Statements that take a lock held until the commit (a gapless number) go last, so that the lock is held briefly.
    const out = last ? await last(tx, result) : result;
    if (deliveries) await deliveries();
    return out;
  });
  // Only after the commit: a worker woken earlier would not see the rows yet.
  if (used && enqueuedDuring(used)) deps.outbox?.notify();
  if (used && deliveriesEnqueuedDuring(used)) {
    if (deps.outbox?.notifyDeliveries) deps.outbox.notifyDeliveries();
    else deps.outbox?.notify();
  }
  return result;
}
