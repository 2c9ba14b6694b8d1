CREATE TABLE "alert_dedupe_keys" (
	"source_id" integer NOT NULL,
	"key" text NOT NULL,
	"incident_id" integer,
	CONSTRAINT "alert_dedupe_keys_source_id_key_pk" PRIMARY KEY("source_id","key")
);
--> statement-breakpoint
CREATE TABLE "alert_sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_sha256" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_id" integer NOT NULL,
	"dedupe_key" text,
	"incident_id" integer NOT NULL,
	"joined" boolean NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "observables" DROP CONSTRAINT "observables_origin_check";--> statement-breakpoint
ALTER TABLE "alert_dedupe_keys" ADD CONSTRAINT "alert_dedupe_keys_source_id_alert_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."alert_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_dedupe_keys" ADD CONSTRAINT "alert_dedupe_keys_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_source_id_alert_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."alert_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_sources_token_key" ON "alert_sources" USING btree ("token_sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_sources_live_name_key" ON "alert_sources" USING btree ("name") WHERE revoked_at is null;--> statement-breakpoint
CREATE INDEX "alerts_incident_idx" ON "alerts" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "alerts_source_idx" ON "alerts" USING btree ("source_id","received_at");--> statement-breakpoint
ALTER TABLE "observables" ADD CONSTRAINT "observables_origin_check" CHECK ("observables"."origin" in ('typed','scan','alert'));