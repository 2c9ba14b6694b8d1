CREATE TABLE "awareness_acks" (
	"channel_id" text NOT NULL,
	"ts" text NOT NULL,
	"user_id" text NOT NULL,
	"acked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "awareness_acks_channel_id_ts_user_id_pk" PRIMARY KEY("channel_id","ts","user_id")
);
--> statement-breakpoint
CREATE TABLE "awareness_posts" (
	"schedule" text NOT NULL,
	"slot_at" timestamp with time zone NOT NULL,
	"channel_id" text NOT NULL,
	"ts" text NOT NULL,
	"tip_id" text NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"audience" integer,
	CONSTRAINT "awareness_posts_schedule_slot_at_channel_id_pk" PRIMARY KEY("schedule","slot_at","channel_id")
);
--> statement-breakpoint
CREATE TABLE "awareness_queue" (
	"id" serial PRIMARY KEY NOT NULL,
	"tip_id" text NOT NULL,
	"queued_by" text NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"used_for" text
);
--> statement-breakpoint
CREATE TABLE "awareness_settings" (
	"schedule" text PRIMARY KEY NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "awareness_slots" (
	"schedule" text NOT NULL,
	"slot_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"tip_id" text,
	"reason" text,
	"claimed_by" text,
	"lease_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"changed_by" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "awareness_slots_schedule_slot_at_pk" PRIMARY KEY("schedule","slot_at"),
	CONSTRAINT "awareness_slots_state_check" CHECK ("awareness_slots"."state" in ('claimed','posted','missed','skipped'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "awareness_posts_message_key" ON "awareness_posts" USING btree ("channel_id","ts");