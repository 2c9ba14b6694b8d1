CREATE TABLE "incident_asks" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"question" text NOT NULL,
	"asked_by" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"remind_at" timestamp with time zone,
	"escalate_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	CONSTRAINT "incident_asks_answer_check" CHECK ("incident_asks"."answer" in ('yes','no','unsure'))
);
--> statement-breakpoint
ALTER TABLE "incident_asks" ADD CONSTRAINT "incident_asks_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_asks_incident_idx" ON "incident_asks" USING btree ("incident_id","id");--> statement-breakpoint
CREATE INDEX "incident_asks_remind_idx" ON "incident_asks" USING btree ("remind_at") WHERE answer is null;--> statement-breakpoint
CREATE INDEX "incident_asks_escalate_idx" ON "incident_asks" USING btree ("escalate_at") WHERE answer is null;--> statement-breakpoint
CREATE INDEX "incidents_search_idx" ON "incidents" USING gin (to_tsvector('english'::regconfig, "title" || ' ' || "description"));--> statement-breakpoint
CREATE INDEX "timeline_events_note_search_idx" ON "timeline_events" USING gin (to_tsvector('english'::regconfig, "payload" ->> 'text')) WHERE "timeline_events"."kind" = 'note_added';