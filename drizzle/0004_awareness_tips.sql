CREATE TABLE "awareness_tips" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"do" text NOT NULL,
	"dont" text NOT NULL,
	"topics" jsonb NOT NULL,
	"incident_id" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "awareness_tips" ADD CONSTRAINT "awareness_tips_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;