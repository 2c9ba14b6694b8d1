CREATE TABLE "clock_deadlines" (
	"clock_id" integer NOT NULL,
	"deadline" text NOT NULL,
	"label" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"notified_at" timestamp with time zone,
	"notified_to" text,
	"reference" text,
	"notified_by" text,
	CONSTRAINT "clock_deadlines_clock_id_deadline_pk" PRIMARY KEY("clock_id","deadline")
);
--> statement-breakpoint
CREATE TABLE "clock_reminders" (
	"clock_id" integer NOT NULL,
	"deadline" text NOT NULL,
	"slot" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "clock_reminders_clock_id_deadline_slot_pk" PRIMARY KEY("clock_id","deadline","slot"),
	CONSTRAINT "clock_reminders_state_check" CHECK ("clock_reminders"."state" in ('pending','sent','dropped'))
);
--> statement-breakpoint
CREATE TABLE "notification_clocks" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"regime" text NOT NULL,
	"regime_name" text NOT NULL,
	"aware_at" timestamp with time zone NOT NULL,
	"backdate_reason" text,
	"why" text,
	"state" text DEFAULT 'running' NOT NULL,
	"started_by" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"stopped_by" text,
	"stopped_at" timestamp with time zone,
	"stop_reason" text,
	CONSTRAINT "notification_clocks_state_check" CHECK ("notification_clocks"."state" in ('running','stopped'))
);
--> statement-breakpoint
ALTER TABLE "clock_deadlines" ADD CONSTRAINT "clock_deadlines_clock_id_notification_clocks_id_fk" FOREIGN KEY ("clock_id") REFERENCES "public"."notification_clocks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clock_reminders" ADD CONSTRAINT "clock_reminders_clock_id_notification_clocks_id_fk" FOREIGN KEY ("clock_id") REFERENCES "public"."notification_clocks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_clocks" ADD CONSTRAINT "notification_clocks_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clock_deadlines_due_idx" ON "clock_deadlines" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "clock_reminders_due_idx" ON "clock_reminders" USING btree ("state","due_at");--> statement-breakpoint
CREATE INDEX "notification_clocks_incident_idx" ON "notification_clocks" USING btree ("incident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_clocks_running_idx" ON "notification_clocks" USING btree ("incident_id","regime") WHERE "notification_clocks"."state" = 'running';