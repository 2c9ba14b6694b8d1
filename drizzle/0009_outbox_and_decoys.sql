CREATE TABLE "decoy_hits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"decoy_id" integer NOT NULL,
	"incident_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"via" text NOT NULL,
	"source" text NOT NULL,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decoys" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"token" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone,
	"retired_by" text,
	CONSTRAINT "decoys_kind_check" CHECK ("decoys"."kind" in ('url','document','credential'))
);
--> statement-breakpoint
CREATE TABLE "slack_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"lane" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"incident_id" integer,
	"created_at" timestamp with time zone NOT NULL,
	"available_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"leased_by" text,
	"delivered_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"last_error" text,
	"result" jsonb
);
--> statement-breakpoint
ALTER TABLE "decoy_hits" ADD CONSTRAINT "decoy_hits_decoy_id_decoys_id_fk" FOREIGN KEY ("decoy_id") REFERENCES "public"."decoys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decoy_hits" ADD CONSTRAINT "decoy_hits_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slack_outbox" ADD CONSTRAINT "slack_outbox_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decoy_hits_decoy_idx" ON "decoy_hits" USING btree ("decoy_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "decoys_token_key" ON "decoys" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "decoys_live_name_key" ON "decoys" USING btree ("name") WHERE retired_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "slack_outbox_key" ON "slack_outbox" USING btree ("key");--> statement-breakpoint
CREATE INDEX "slack_outbox_pending_idx" ON "slack_outbox" USING btree ("lane","id") WHERE delivered_at is null and failed_at is null;