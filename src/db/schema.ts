// The whole database schema, in one place. drizzle-kit generates the migrations in drizzle/ from this file;
// the append-only triggers on timeline_events and incident_reviews live in custom migrations in the same journal.
// Every column that holds what a person or a visitor wrote is a redactedText or redactedJson column (./redacted.ts),
// which accepts only text that passed the redaction step; test/db/redacted-columns.test.ts lists every other text
// and JSON column with the reason it holds no free text.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ActionItem } from '../shared/action-item.js';
import { EMPTY_TEXT, redactedJson, redactedText } from './redacted.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Gapless counters (one row per name): INC numbers come from here, so a rolled-back declare leaves no hole. */
export const counters = pgTable('counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});

/** One row per incident; the phase timestamps feed time-to-acknowledge/contain/resolve metrics. */
export const incidents = pgTable(
  'incidents',
  {
    id: serial('id').primaryKey(),
    number: integer('number').notNull(),
    title: redactedText('title').notNull(),
    description: redactedText('description').notNull().default(EMPTY_TEXT),
    type: text('type').notNull(),
    severity: text('severity').notNull(),
    status: text('status').notNull().default('triage'),
    private: boolean('private').notNull().default(true),
    drill: boolean('drill').notNull().default(false),
    reporterId: text('reporter_id').notNull(),
    commanderId: text('commander_id'),
    commsId: text('comms_id'),
    scribeId: text('scribe_id'),
    channelId: text('channel_id'),
    channelName: text('channel_name'),
    mergedIntoId: integer('merged_into_id'),
    declaredAt: tz('declared_at').notNull(),
    acknowledgedAt: tz('acknowledged_at'),
    containedAt: tz('contained_at'),
    resolvedAt: tz('resolved_at'),
    closedAt: tz('closed_at'),
    updatedAt: tz('updated_at').notNull(),
    // TLP 2.0 marking set by a responder or the commander; null: the default from visibility (src/core/tlp/marking.ts).
    tlp: text('tlp'),
  },
  (t) => [
    uniqueIndex('incidents_number_key').on(t.number),
    uniqueIndex('incidents_channel_key').on(t.channelId),
    index('incidents_status_idx').on(t.status),
    // Full-text search over the stored (redacted) title and description; src/core/search/queries.ts uses this exact expression.
    index('incidents_search_idx').using('gin', sql`to_tsvector('english'::regconfig, ${t.title} || ' ' || ${t.description})`),
    check('incidents_severity_check', sql`${t.severity} in ('sev1','sev2','sev3','sev4')`),
    check(
      'incidents_status_check',
      sql`${t.status} in ('triage','investigating','contained','resolved','closed','declined','merged')`,
    ),
    check('incidents_tlp_check', sql`${t.tlp} in ('CLEAR','GREEN','AMBER','AMBER+STRICT','RED')`),
  ],
);

/** Where a timeline event came from. */
export type EventSource = 'slack-command' | 'slack-modal' | 'slack-button' | 'slack-reaction' | 'slack-pin' | 'slack-shortcut' | 'cli' | 'system';

/**
 * The incident timeline. Append-only: a trigger rejects UPDATE, DELETE and TRUNCATE, so corrections are new events
 * (corrects_seq points at the corrected one). occurred_at is when it happened, recorded_at when it was stored.
 */
export const timelineEvents = pgTable(
  'timeline_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    seq: integer('seq').notNull(),
    kind: text('kind').notNull(),
    actor: text('actor').notNull(),
    occurredAt: tz('occurred_at').notNull(),
    recordedAt: tz('recorded_at').notNull(),
    source: text('source').$type<EventSource>().notNull(),
    payload: redactedJson<Record<string, unknown>>('payload').notNull(),
    // The Slack event or message that produced this event: retries of the same delivery add nothing.
    dedupeKey: text('dedupe_key'),
    correctsSeq: integer('corrects_seq'),
    // The hash chain (src/core/timeline/hash.ts): null on events written before it existed.
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    uniqueIndex('timeline_events_incident_seq_key').on(t.incidentId, t.seq),
    uniqueIndex('timeline_events_dedupe_key').on(t.dedupeKey),
    // (occurred_at, seq) is the order timelines and reports read in: with seq in the index, a page is an index range.
    index('timeline_events_order_idx').on(t.incidentId, t.occurredAt, t.seq),
    // Full-text search over notes and lessons (redacted as stored); src/core/search/queries.ts uses this exact expression.
    index('timeline_events_note_search_idx')
      .using('gin', sql`to_tsvector('english'::regconfig, ${t.payload} ->> 'text')`)
      .where(sql`${t.kind} = 'note_added'`),
  ],
);

/** Slack event ids already handled, so Slack's retries of a delivery are recognised even when they stored nothing. */
export const processedSlackEvents = pgTable('processed_slack_events', {
  eventId: text('event_id').primaryKey(),
  receivedAt: tz('received_at').notNull(),
});

/**
 * Signed requests already accepted, by the SHA-256 of their signature, until their timestamp leaves Slack's 5-minute
 * window (after which the signature is refused as stale anyway). The primary key makes a second use of a signature fail
 * atomically on every replica; expired rows are swept now and then through the expiry index.
 */
export const acceptedSlackSignatures = pgTable(
  'accepted_slack_signatures',
  {
    signatureSha256: text('signature_sha256').primaryKey(),
    expiresAt: tz('expires_at').notNull(),
  },
  (t) => [index('accepted_slack_signatures_expiry_idx').on(t.expiresAt)],
);

/**
 * A playbook started on an incident. The playbook's definition is copied in at start, so editing or removing its
 * YAML later never changes a checklist people are already working through.
 */
export const playbookRuns = pgTable(
  'playbook_runs',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    playbookId: text('playbook_id').notNull(),
    title: text('title').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    startedBy: text('started_by').notNull(),
    startedAt: tz('started_at').notNull(),
  },
  (t) => [index('playbook_runs_incident_idx').on(t.incidentId)],
);

/** The state of each step of a run. version counts changes, so a button from an older message is recognised. */
export const playbookSteps = pgTable(
  'playbook_steps',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => playbookRuns.id),
    number: integer('number').notNull(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    state: text('state').$type<'open' | 'done' | 'skipped'>().notNull().default('open'),
    assignee: text('assignee'),
    dueAt: tz('due_at'),
    changedBy: text('changed_by'),
    changedAt: tz('changed_at'),
    /** The skip reason or the note given when it was done. */
    note: redactedText('note'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.number] }),
    index('playbook_steps_open_idx').on(t.incidentId, t.state),
    check('playbook_steps_state_check', sql`${t.state} in ('open','done','skipped')`),
  ],
);

/** The Slack messages showing a run's checklist, one per page, so they can be updated in place. */
export const playbookMessages = pgTable(
  'playbook_messages',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => playbookRuns.id),
    page: integer('page').notNull(),
    channelId: text('channel_id').notNull(),
    ts: text('ts').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.page] })],
);

/**
 * One row per slot (schedule + time) of every scheduled post: the awareness tips (schedules `weekly` and `send-now`)
 * and the weekly incident digest (`digest`, `digest-send-now`); the name is the awareness programme's, which came
 * first. Inserting the row is the claim that makes a post happen once across replicas; the lease lets another
 * replica take over a claim whose holder died before finishing.
 */
export const awarenessSlots = pgTable(
  'awareness_slots',
  {
    schedule: text('schedule').notNull(),
    slotAt: tz('slot_at').notNull(),
    state: text('state').$type<'claimed' | 'posted' | 'missed' | 'skipped'>().notNull(),
    tipId: text('tip_id'),
    /** Why this tip (queued, recent-incident, rotation), or why the slot was skipped or missed. */
    reason: text('reason'),
    claimedBy: text('claimed_by'),
    leaseUntil: tz('lease_until'),
    attempts: integer('attempts').notNull().default(0),
    changedBy: text('changed_by'),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schedule, t.slotAt] }),
    check('awareness_slots_state_check', sql`${t.state} in ('claimed','posted','missed','skipped')`),
  ],
);

/** The message each channel got for a slot: what acknowledgements point at. */
export const awarenessPosts = pgTable(
  'awareness_posts',
  {
    schedule: text('schedule').notNull(),
    slotAt: tz('slot_at').notNull(),
    channelId: text('channel_id').notNull(),
    ts: text('ts').notNull(),
    tipId: text('tip_id').notNull(),
    postedAt: tz('posted_at').notNull(),
    /** Channel members when posted (for the acknowledgement rate), if Slack said. */
    audience: integer('audience'),
  },
  (t) => [primaryKey({ columns: [t.schedule, t.slotAt, t.channelId] }), uniqueIndex('awareness_posts_message_key').on(t.channelId, t.ts)],
);

/** Who pressed Got it on which message: once per person per message. */
export const awarenessAcks = pgTable(
  'awareness_acks',
  {
    channelId: text('channel_id').notNull(),
    ts: text('ts').notNull(),
    userId: text('user_id').notNull(),
    ackedAt: tz('acked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.ts, t.userId] })],
);

/** Tips an admin asked to go out next, oldest first; used_for names the slot that took it. */
export const awarenessQueue = pgTable('awareness_queue', {
  id: serial('id').primaryKey(),
  tipId: text('tip_id').notNull(),
  queuedBy: text('queued_by').notNull(),
  queuedAt: tz('queued_at').notNull(),
  usedFor: text('used_for'),
});

/** Per-schedule switches (pause), with who changed them last. */
export const awarenessSettings = pgTable('awareness_settings', {
  schedule: text('schedule').primaryKey(),
  paused: boolean('paused').notNull().default(false),
  changedBy: text('changed_by').notNull(),
  changedAt: tz('changed_at').notNull(),
});

/** Awareness tips made from incidents' lessons (`/awareness promote`), next to the tips in files. */
export const awarenessTips = pgTable('awareness_tips', {
  id: text('id').primaryKey(),
  title: redactedText('title').notNull(),
  body: redactedText('body').notNull(),
  do: redactedText('do').notNull(),
  dont: redactedText('dont').notNull(),
  topics: jsonb('topics').$type<string[]>().notNull(),
  incidentId: integer('incident_id')
    .notNull()
    .references(() => incidents.id),
  createdBy: text('created_by').notNull(),
  createdAt: tz('created_at').notNull(),
});

/**
 * Post-incident reviews. Append-only like the timeline (a trigger rejects UPDATE, DELETE and TRUNCATE): every save
 * is a new version, so what a review said at any time can be shown later.
 */
export const incidentReviews = pgTable(
  'incident_reviews',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    version: integer('version').notNull(),
    summary: redactedText('summary').notNull(),
    impact: redactedText('impact').notNull().default(EMPTY_TEXT),
    rootCause: redactedText('root_cause').notNull().default(EMPTY_TEXT),
    wentWell: redactedText('went_well').notNull().default(EMPTY_TEXT),
    wentWrong: redactedText('went_wrong').notNull().default(EMPTY_TEXT),
    lessons: redactedText('lessons').notNull().default(EMPTY_TEXT),
    actionItems: redactedJson<ActionItem[]>('action_items').notNull(),
    savedBy: text('saved_by').notNull(),
    savedAt: tz('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.version] }), check('incident_reviews_version_check', sql`${t.version} > 0`)],
);

/**
 * Follow-ups: the action items of an incident's latest review, kept in step with it on every save (the review's
 * transaction). An item is known by its text within its incident; items dropped from the review are cancelled, done
 * ones stay done. due is a calendar date (YYYY-MM-DD, read in TIMEZONE), as the review states it.
 */
export const followups = pgTable(
  'followups',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    text: redactedText('text').notNull(),
    owner: text('owner'),
    due: text('due'),
    state: text('state').$type<'open' | 'done' | 'cancelled'>().notNull().default('open'),
    /** The review version that last listed the item. */
    reviewVersion: integer('review_version').notNull(),
    changedBy: text('changed_by').notNull(),
    changedAt: tz('changed_at').notNull(),
  },
  (t) => [
    uniqueIndex('followups_item_idx').on(t.incidentId, t.text),
    index('followups_owner_idx').on(t.owner, t.state),
    check('followups_state_check', sql`${t.state} in ('open','done','cancelled')`),
  ],
);

/**
 * Observables (indicators of compromise) recorded on an incident: one row per incident, type and normalised value
 * (src/core/observables/observable.ts normalises; the value is never stored defanged). The value is what a person
 * typed or accepted from a scan, so it is a redacted column; a value redaction would change is refused before it
 * gets here. origin: typed, offered from a scanned note or pin and accepted, or sent with an alert (src/core/alerts).
 */
export const observables = pgTable(
  'observables',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    type: text('type').$type<'ipv4' | 'ipv6' | 'domain' | 'url' | 'email' | 'md5' | 'sha1' | 'sha256' | 'phone' | 'account'>().notNull(),
    value: redactedText('value').notNull(),
    verdict: text('verdict').$type<'malicious' | 'suspicious' | 'benign' | 'unknown'>().notNull().default('unknown'),
    origin: text('origin').$type<'typed' | 'scan' | 'alert'>().notNull(),
    addedBy: text('added_by').notNull(),
    addedAt: tz('added_at').notNull(),
    changedBy: text('changed_by').notNull(),
    changedAt: tz('changed_at').notNull(),
  },
  (t) => [
    uniqueIndex('observables_item_idx').on(t.incidentId, t.type, t.value),
    // "Also in INC-3" and search look a value up across incidents.
    index('observables_value_idx').on(t.value),
    check('observables_type_check', sql`${t.type} in ('ipv4','ipv6','domain','url','email','md5','sha1','sha256','phone','account')`),
    check('observables_verdict_check', sql`${t.verdict} in ('malicious','suspicious','benign','unknown')`),
    check('observables_origin_check', sql`${t.origin} in ('typed','scan','alert')`),
  ],
);

/**
 * Notification clocks (src/core/clocks): a regime's deadlines counted from the moment the team became aware of a
 * breach. One row per clock, one per deadline (when it was notified, to whom), and one per reminder: the minutely sweep
 * of any replica fires a due reminder row under its row lock and marks it sent in the transaction that enqueues the
 * message, so each reminder and overdue notice goes out once across replicas and restarts.
 */
export const notificationClocks = pgTable(
  'notification_clocks',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    regime: text('regime').notNull(),
    regimeName: text('regime_name').notNull(),
    awareAt: tz('aware_at').notNull(),
    backdateReason: redactedText('backdate_reason'),
    why: redactedText('why'),
    state: text('state').$type<'running' | 'stopped'>().notNull().default('running'),
    startedBy: text('started_by').notNull(),
    startedAt: tz('started_at').notNull(),
    stoppedBy: text('stopped_by'),
    stoppedAt: tz('stopped_at'),
    stopReason: redactedText('stop_reason'),
  },
  (t) => [
    index('notification_clocks_incident_idx').on(t.incidentId),
    // One running clock per regime and incident: "notified" and "stop" name a clock by its regime.
    uniqueIndex('notification_clocks_running_idx').on(t.incidentId, t.regime).where(sql`${t.state} = 'running'`),
    check('notification_clocks_state_check', sql`${t.state} in ('running','stopped')`),
  ],
);

/** A clock's deadlines: due_at fixed at the start; notified_* recorded once (when, to whom, a reference). */
export const clockDeadlines = pgTable(
  'clock_deadlines',
  {
    clockId: integer('clock_id')
      .notNull()
      .references(() => notificationClocks.id),
    deadline: text('deadline').notNull(),
    label: text('label').notNull(),
    dueAt: tz('due_at').notNull(),
    notifiedAt: tz('notified_at'),
    notifiedTo: redactedText('notified_to'),
    reference: redactedText('reference'),
    notifiedBy: text('notified_by'),
  },
  (t) => [primaryKey({ columns: [t.clockId, t.deadline] }), index('clock_deadlines_due_idx').on(t.dueAt)],
);

/** Each reminder before a deadline, and its overdue notice: pending until a sweep sends it or finds it no longer needed. */
export const clockReminders = pgTable(
  'clock_reminders',
  {
    clockId: integer('clock_id')
      .notNull()
      .references(() => notificationClocks.id),
    deadline: text('deadline').notNull(),
    /** `before-1440m` … or `overdue`. */
    slot: text('slot').notNull(),
    dueAt: tz('due_at').notNull(),
    state: text('state').$type<'pending' | 'sent' | 'dropped'>().notNull().default('pending'),
    settledAt: tz('settled_at'),
  },
  (t) => [
    primaryKey({ columns: [t.clockId, t.deadline, t.slot] }),
    index('clock_reminders_due_idx').on(t.state, t.dueAt),
    check('clock_reminders_state_check', sql`${t.state} in ('pending','sent','dropped')`),
  ],
);

/**
 * Evidence items (NIST SP 800-61's evidence log): what was collected, where it is kept, its SHA-256 when it is a file,
 * who collected it and when (the instant, and the IANA zone the collector read the clock in), and who holds it now.
 * number is the EV-n people type, from the 'evidence' counter (gapless, like INC numbers). Transfers and hash
 * re-checks are timeline events (src/core/evidence); holder is the chain's latest link, set in the transfer's
 * transaction. collected_by and holder are a Slack user id or a name (a courier, a forensic firm): free text.
 * tlp: a TLP 2.0 marking stricter than the incident's, or null for the incident's own.
 */
export const evidenceItems = pgTable(
  'evidence_items',
  {
    id: serial('id').primaryKey(),
    number: integer('number').notNull(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    description: redactedText('description').notNull(),
    location: redactedText('location').notNull(),
    sha256: text('sha256'),
    collectedBy: redactedText('collected_by').notNull(),
    collectedAt: tz('collected_at').notNull(),
    collectedZone: text('collected_zone').notNull(),
    holder: redactedText('holder').notNull(),
    tlp: text('tlp'),
    addedBy: text('added_by').notNull(),
    addedAt: tz('added_at').notNull(),
  },
  (t) => [
    uniqueIndex('evidence_items_number_key').on(t.number),
    index('evidence_items_incident_idx').on(t.incidentId),
    check('evidence_items_sha256_check', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('evidence_items_tlp_check', sql`${t.tlp} in ('CLEAR','GREEN','AMBER','AMBER+STRICT','RED')`),
  ],
);

/**
 * Who acknowledged which version of the out-of-band plan (the version is the plan file's hash, src/core/oob/load.ts):
 * one row per person and version, from the Acknowledge button on the plan the awareness programme posts. In a
 * comms-compromise incident `/incident oob` tells each person to switch to the plan they acknowledged, by its date.
 */
export const oobPlanAcks = pgTable(
  'oob_plan_acks',
  {
    userId: text('user_id').notNull(),
    version: text('version').notNull(),
    ackedAt: tz('acked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.version] })],
);

/**
 * The plan versions the awareness programme has posted, with the slot that first posted each: a slot posts a version
 * not posted yet, and reminds those who have not acknowledged one that was (src/core/oob/distribute.ts).
 */
export const oobPlanPosts = pgTable('oob_plan_posts', {
  version: text('version').primaryKey(),
  slotAt: tz('slot_at').notNull(),
  postedAt: tz('posted_at').notNull(),
});

/**
 * Slack side effects waiting to be delivered: written in the same transaction as the change they announce, so a
 * change is never stored without its message nor a message sent for a change that rolled back. The worker
 * (src/slack/outbox/) delivers each row once, in id order within its lane (one channel, or one incident's set-up),
 * paced per lane. key is the idempotency key: it travels in the message's metadata, so after an ambiguous failure
 * (timeout, reset) the worker finds the message that did go out instead of posting it twice.
 */
export const slackOutbox = pgTable(
  'slack_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    lane: text('lane').notNull(),
    kind: text('kind').notNull(),
    payload: redactedJson<Record<string, unknown>>('payload').notNull(),
    incidentId: integer('incident_id').references(() => incidents.id),
    createdAt: tz('created_at').notNull(),
    /** Not before this time (backoff, Retry-After, pacing). */
    availableAt: tz('available_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** A worker holds the row until then; a crashed worker's rows are taken over when it runs out. */
    leaseUntil: tz('lease_until'),
    leasedBy: text('leased_by'),
    deliveredAt: tz('delivered_at'),
    /** Given up (a Slack error that retrying cannot fix, or too many attempts); last_error says why. */
    failedAt: tz('failed_at'),
    lastError: text('last_error'),
    /** What Slack returned that later rows may need (a channel id, a message ts). */
    result: jsonb('result').$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex('slack_outbox_key').on(t.key),
    index('slack_outbox_pending_idx').on(t.lane, t.id).where(sql`delivered_at is null and failed_at is null`),
  ],
);

/** Decoys (honeytokens): a URL, a document pointing at one, or a fake credential. A hit opens or feeds an incident. */
export const decoys = pgTable(
  'decoys',
  {
    id: serial('id').primaryKey(),
    name: redactedText('name').notNull(),
    kind: text('kind').$type<'url' | 'document' | 'credential'>().notNull(),
    /** Unguessable; the URL path segment, and the body of a fake credential. */
    token: text('token').notNull(),
    note: redactedText('note').notNull().default(EMPTY_TEXT),
    createdBy: text('created_by').notNull(),
    createdAt: tz('created_at').notNull(),
    retiredAt: tz('retired_at'),
    retiredBy: text('retired_by'),
  },
  (t) => [
    uniqueIndex('decoys_token_key').on(t.token),
    // A retired name may be used again; two live decoys may not share one.
    uniqueIndex('decoys_live_name_key').on(t.name).where(sql`retired_at is null`),
    check('decoys_kind_check', sql`${t.kind} in ('url','document','credential')`),
  ],
);

/** Every recorded hit on a decoy and the incident it went to (for DECOY_DEDUP_WINDOW). */
export const decoyHits = pgTable(
  'decoy_hits',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    decoyId: integer('decoy_id')
      .notNull()
      .references(() => decoys.id),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    at: tz('at').notNull(),
    /** How it was tripped: the URL was fetched, or the credential was pasted in Slack. */
    via: text('via').$type<'url' | 'slack'>().notNull(),
    /** The source address (url) or the Slack user (slack). */
    source: redactedText('source').notNull(),
    detail: redactedJson<Record<string, unknown>>('detail').notNull(),
  },
  (t) => [index('decoy_hits_decoy_idx').on(t.decoyId, t.at)],
);

/**
 * The names Slack gives people, cached so reports, the CLI and the timeline can say "Alice Martin (U…)" without
 * asking Slack each time. Filled when the Slack adapter first sees a user, refreshed when an entry is old.
 */
export const slackProfiles = pgTable('slack_profiles', {
  userId: text('user_id').primaryKey(),
  /** The display name, else the real name, as Slack returned it (people choose it: free text). */
  name: redactedText('name').notNull(),
  realName: redactedText('real_name').notNull().default(EMPTY_TEXT),
  fetchedAt: tz('fetched_at').notNull(),
});

/**
 * People who have opened the bot's App Home, and the page of it they last looked at. Only their Home tabs are
 * republished after a change (nobody else would see one), on the page they were on.
 */
export const homeViewers = pgTable('home_viewers', {
  userId: text('user_id').primaryKey(),
  page: integer('page').notNull().default(1),
  openedAt: tz('opened_at').notNull(),
});

/**
 * An incident's reminders (src/core/reminders): the update reminder and the missing-commander nudge. due_at is when
 * the next one goes out (null: none). A sweep on any replica fires a due row under its row lock, enqueues the message
 * with a key naming the instance (`fired`), and moves due_at on, in one transaction: a reminder goes out once.
 */
export const incidentReminders = pgTable(
  'incident_reminders',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    kind: text('kind').$type<'update' | 'commander'>().notNull(),
    state: text('state').$type<'active' | 'snoozed' | 'stopped' | 'ended'>().notNull(),
    dueAt: tz('due_at'),
    /** When the interval last started again (the declaration, a status change, a note). */
    basisAt: tz('basis_at').notNull(),
    /** How many times it went out: the instance the next one's outbox key names. */
    fired: integer('fired').notNull().default(0),
    changedBy: text('changed_by').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.kind] }),
    index('incident_reminders_due_idx').on(t.dueAt),
    check('incident_reminders_kind_check', sql`${t.kind} in ('update','commander')`),
    check('incident_reminders_state_check', sql`${t.state} in ('active','snoozed','stopped','ended')`),
  ],
);

/**
 * "Was this you?" questions (src/core/asks): a person asked by direct message, with Yes, No and Not sure buttons.
 * remind_at and escalate_at are when the reminder and the report to the commander fall due (null: done, or never):
 * a sweep on any replica fires a due row under its row lock and clears the time in the same transaction, so each goes
 * out once. The answer is set once; a later click changes nothing.
 */
export const incidentAsks = pgTable(
  'incident_asks',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    userId: text('user_id').notNull(),
    question: redactedText('question').notNull(),
    askedBy: text('asked_by').notNull(),
    askedAt: tz('asked_at').notNull(),
    answer: text('answer').$type<'yes' | 'no' | 'unsure'>(),
    answeredAt: tz('answered_at'),
    remindAt: tz('remind_at'),
    escalateAt: tz('escalate_at'),
    /** When the reminder and the report went out (null: not sent; an ended incident's questions are not chased). */
    remindedAt: tz('reminded_at'),
    escalatedAt: tz('escalated_at'),
  },
  (t) => [
    index('incident_asks_incident_idx').on(t.incidentId, t.id),
    index('incident_asks_remind_idx').on(t.remindAt).where(sql`answer is null`),
    index('incident_asks_escalate_idx').on(t.escalateAt).where(sql`answer is null`),
    check('incident_asks_answer_check', sql`${t.answer} in ('yes','no','unsure')`),
  ],
);

/**
 * Alert sources (src/core/alerts): a tool that posts to POST /api/v1/alerts with its own bearer token. Only the
 * token's SHA-256 is kept (tokens are 32 random bytes, so a plain hash cannot be searched); the row records who
 * created and who revoked the source, and when, which is the audit of both. A revoked name may be used again.
 */
export const alertSources = pgTable(
  'alert_sources',
  {
    id: serial('id').primaryKey(),
    name: redactedText('name').notNull(),
    tokenSha256: text('token_sha256').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: tz('created_at').notNull(),
    revokedAt: tz('revoked_at'),
    revokedBy: text('revoked_by'),
  },
  (t) => [uniqueIndex('alert_sources_token_key').on(t.tokenSha256), uniqueIndex('alert_sources_live_name_key').on(t.name).where(sql`revoked_at is null`)],
);

/**
 * One row per (source, dedupe key): the lock two alerts with the same key take (insert, then select for update), so
 * concurrent ones agree on one incident, and the incident the key last opened.
 */
export const alertDedupeKeys = pgTable(
  'alert_dedupe_keys',
  {
    sourceId: integer('source_id')
      .notNull()
      .references(() => alertSources.id),
    key: redactedText('key').notNull(),
    incidentId: integer('incident_id').references(() => incidents.id),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.key] })],
);

/** Every alert received: its source, dedupe key, the incident it opened or joined, and its payload (redacted). */
export const alerts = pgTable(
  'alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => alertSources.id),
    dedupeKey: redactedText('dedupe_key'),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    joined: boolean('joined').notNull(),
    receivedAt: tz('received_at').notNull(),
    payload: redactedJson<Record<string, unknown>>('payload').notNull(),
  },
  (t) => [index('alerts_incident_idx').on(t.incidentId), index('alerts_source_idx').on(t.sourceId, t.receivedAt)],
);

/**
 * Outgoing webhooks an admin registered (src/core/webhooks): incident lifecycle events are POSTed to url as JSON,
 * signed with secret (kept as it is, since signing needs it; never shown again after registration). events lists the
 * event types sent ('*': all). A removed hook is disabled, not deleted, so the delivery log still names it.
 */
export const webhooks = pgTable('webhooks', {
  id: serial('id').primaryKey(),
  url: text('url').notNull(),
  events: jsonb('events').$type<string[]>().notNull(),
  secret: text('secret').notNull(),
  /** Trusted receivers get private incidents in full; others only their reference, severity and status. */
  trusted: boolean('trusted').notNull().default(false),
  createdBy: text('created_by').notNull(),
  createdAt: tz('created_at').notNull(),
  disabledAt: tz('disabled_at'),
});

/**
 * The outbox of outgoing HTTP deliveries (webhooks, PagerDuty; later email): enqueued in the transaction of the change
 * they tell of, claimed under a lease, delivered in order within a lane (one incident's pages, one hook's events).
 * key is the idempotency key; the payload is stored redacted, and what is sent is built from it on every attempt, so
 * a retry sends the same body and the same delivery id.
 */
export const outgoingDeliveries = pgTable(
  'outgoing_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    channel: text('channel').notNull(),
    /** What the channel delivers to: a webhook id for 'webhook', the routing key's service ('default') for 'pagerduty'. */
    target: text('target').notNull(),
    lane: text('lane').notNull(),
    /** The event type ('incident.declared') or PagerDuty action ('trigger'), for the delivery log. */
    event: text('event').notNull(),
    payload: redactedJson<Record<string, unknown>>('payload').notNull(),
    incidentId: integer('incident_id').references(() => incidents.id),
    createdAt: tz('created_at').notNull(),
    availableAt: tz('available_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: tz('lease_until'),
    leasedBy: text('leased_by'),
    deliveredAt: tz('delivered_at'),
    failedAt: tz('failed_at'),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('outgoing_deliveries_key').on(t.key),
    index('outgoing_deliveries_pending_idx').on(t.lane, t.id).where(sql`delivered_at is null and failed_at is null`),
    index('outgoing_deliveries_incident_idx').on(t.incidentId),
    check('outgoing_deliveries_channel_check', sql`${t.channel} in ('webhook','pagerduty','email')`),
  ],
);

/** The delivery log: one row per attempt of an outgoing delivery, with the HTTP status (null: no answer) and how long it took. */
export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: bigint('delivery_id', { mode: 'number' })
      .notNull()
      .references(() => outgoingDeliveries.id),
    attempt: integer('attempt').notNull(),
    at: tz('at').notNull(),
    httpStatus: integer('http_status'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    worker: text('worker').notNull(),
  },
  (t) => [index('delivery_attempts_delivery_idx').on(t.deliveryId, t.id)],
);

/** Raw bytes (a .eml kept as evidence): stored as received, since evidence must hash to what was reported. */
const bytea = customType<{ data: Uint8Array; driverData: Buffer }>({ dataType: () => 'bytea', toDriver: (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength), fromDriver: (v) => new Uint8Array(v) });

/**
 * Each message read from a phishing-report mailbox, once (src/core/phishing). message_key (the SHA-256 of the report's
 * Message-ID, or of its bytes when it has none) and (mailbox, uid_key) (the IMAP UIDVALIDITY:UID) are unique, so a
 * message is handled once across restarts and replicas: the claim is the insert, in the transaction that opens or
 * joins the incident. state rejected: a malformed message, moved aside with the reason. evidence holds the reported
 * mail's bytes verbatim (they are evidence: redacting them would break their hash); what is shown of them is redacted.
 */
export const reportedMails = pgTable(
  'reported_mails',
  {
    id: serial('id').primaryKey(),
    mailbox: text('mailbox').notNull(),
    messageKey: text('message_key').notNull(),
    uidKey: text('uid_key'),
    state: text('state').$type<'handled' | 'rejected'>().notNull(),
    reason: redactedText('reason'),
    /** The address that forwarded the report, and the report's Message-ID: whom to thank and what to reply to. */
    reporter: redactedText('reporter'),
    /** The Slack user with the reporter's address, when there is one: they are also thanked and told by direct message. */
    reporterSlackId: text('reporter_slack_id'),
    reportMessageId: redactedText('report_message_id'),
    originalMessageId: redactedText('original_message_id'),
    incidentId: integer('incident_id').references(() => incidents.id),
    evidenceSha256: text('evidence_sha256'),
    evidence: bytea('evidence'),
    receivedAt: tz('received_at').notNull(),
  },
  (t) => [
    uniqueIndex('reported_mails_message_key').on(t.messageKey),
    uniqueIndex('reported_mails_uid_key').on(t.mailbox, t.uidKey),
    index('reported_mails_incident_idx').on(t.incidentId),
    check('reported_mails_state_check', sql`${t.state} in ('handled','rejected')`),
    check('reported_mails_sha256_check', sql`${t.evidenceSha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** What a reported mail is matched on to join a campaign: its sender, each URL, its subject (src/core/phishing/campaign.ts). */
export const reportedMailKeys = pgTable(
  'reported_mail_keys',
  {
    mailId: integer('mail_id')
      .notNull()
      .references(() => reportedMails.id),
    kind: text('kind').$type<'sender' | 'url' | 'subject'>().notNull(),
    value: redactedText('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.mailId, t.kind, t.value] }),
    index('reported_mail_keys_value_idx').on(t.kind, t.value),
    check('reported_mail_keys_kind_check', sql`${t.kind} in ('sender','url','subject')`),
  ],
);
