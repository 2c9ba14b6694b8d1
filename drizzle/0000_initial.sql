CREATE TABLE "counters" (
	"name" text PRIMARY KEY NOT NULL,
	"value" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"type" text NOT NULL,
	"severity" text NOT NULL,
	"status" text DEFAULT 'triage' NOT NULL,
	"private" boolean DEFAULT true NOT NULL,
	"drill" boolean DEFAULT false NOT NULL,
	"reporter_id" text NOT NULL,
	"commander_id" text,
	"comms_id" text,
	"scribe_id" text,
	"channel_id" text,
	"channel_name" text,
	"merged_into_id" integer,
	"declared_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"contained_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "incidents_severity_check" CHECK ("incidents"."severity" in ('sev1','sev2','sev3','sev4')),
	CONSTRAINT "incidents_status_check" CHECK ("incidents"."status" in ('triage','investigating','contained','resolved','closed','declined','merged'))
);
--> statement-breakpoint
CREATE TABLE "processed_slack_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timeline_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"actor" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text,
	"corrects_seq" integer
);
--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_number_key" ON "incidents" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_channel_key" ON "incidents" USING btree ("channel_id");--> statement-breakpoint
CREATE INDEX "incidents_status_idx" ON "incidents" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "timeline_events_incident_seq_key" ON "timeline_events" USING btree ("incident_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "timeline_events_dedupe_key" ON "timeline_events" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "timeline_events_occurred_idx" ON "timeline_events" USING btree ("incident_id","occurred_at");