CREATE TABLE "followups" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"text" text NOT NULL,
	"owner" text,
	"due" text,
	"state" text DEFAULT 'open' NOT NULL,
	"review_version" integer NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "followups_state_check" CHECK ("followups"."state" in ('open','done','cancelled'))
);
--> statement-breakpoint
ALTER TABLE "followups" ADD CONSTRAINT "followups_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "followups_item_idx" ON "followups" USING btree ("incident_id","text");--> statement-breakpoint
CREATE INDEX "followups_owner_idx" ON "followups" USING btree ("owner","state");