// The whole database schema, in one place. drizzle-kit generates the migrations in drizzle/ from this file;
// the append-only trigger on timeline_events lives in a custom migration in the same journal.
import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

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
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
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
  },
  (t) => [
    uniqueIndex('incidents_number_key').on(t.number),
    uniqueIndex('incidents_channel_key').on(t.channelId),
    index('incidents_status_idx').on(t.status),
    check('incidents_severity_check', sql`${t.severity} in ('sev1','sev2','sev3','sev4')`),
    check(
      'incidents_status_check',
      sql`${t.status} in ('triage','investigating','contained','resolved','closed','declined','merged')`,
    ),
  ],
);

/** Where a timeline event came from. */
export type EventSource = 'slack-command' | 'slack-modal' | 'slack-reaction' | 'slack-pin' | 'slack-shortcut' | 'cli' | 'system';

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
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    // The Slack event or message that produced this event: retries of the same delivery add nothing.
    dedupeKey: text('dedupe_key'),
    correctsSeq: integer('corrects_seq'),
  },
  (t) => [
    uniqueIndex('timeline_events_incident_seq_key').on(t.incidentId, t.seq),
    uniqueIndex('timeline_events_dedupe_key').on(t.dedupeKey),
    index('timeline_events_occurred_idx').on(t.incidentId, t.occurredAt),
  ],
);

/** Slack event ids already handled, so Slack's retries of a delivery are recognised even when they stored nothing. */
export const processedSlackEvents = pgTable('processed_slack_events', {
  eventId: text('event_id').primaryKey(),
  receivedAt: tz('received_at').notNull(),
});
