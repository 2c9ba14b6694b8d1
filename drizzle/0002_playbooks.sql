CREATE TABLE "playbook_messages" (
	"run_id" integer NOT NULL,
	"page" integer NOT NULL,
	"channel_id" text NOT NULL,
	"ts" text NOT NULL,
	CONSTRAINT "playbook_messages_run_id_page_pk" PRIMARY KEY("run_id","page")
);
--> statement-breakpoint
CREATE TABLE "playbook_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"playbook_id" text NOT NULL,
	"title" text NOT NULL,
	"definition" jsonb NOT NULL,
	"started_by" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "playbook_steps" (
	"run_id" integer NOT NULL,
	"number" integer NOT NULL,
	"incident_id" integer NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"assignee" text,
	"due_at" timestamp with time zone,
	"changed_by" text,
	"changed_at" timestamp with time zone,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "playbook_steps_run_id_number_pk" PRIMARY KEY("run_id","number"),
	CONSTRAINT "playbook_steps_state_check" CHECK ("playbook_steps"."state" in ('open','done','skipped'))
);
--> statement-breakpoint
ALTER TABLE "playbook_messages" ADD CONSTRAINT "playbook_messages_run_id_playbook_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."playbook_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_steps" ADD CONSTRAINT "playbook_steps_run_id_playbook_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."playbook_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_steps" ADD CONSTRAINT "playbook_steps_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "playbook_runs_incident_idx" ON "playbook_runs" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "playbook_steps_open_idx" ON "playbook_steps" USING btree ("incident_id","state");