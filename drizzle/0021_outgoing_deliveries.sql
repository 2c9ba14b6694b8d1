CREATE TABLE "delivery_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"delivery_id" bigint NOT NULL,
	"attempt" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"http_status" integer,
	"error" text,
	"duration_ms" integer NOT NULL,
	"worker" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outgoing_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"channel" text NOT NULL,
	"target" text NOT NULL,
	"lane" text NOT NULL,
	"event" text NOT NULL,
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
	CONSTRAINT "outgoing_deliveries_channel_check" CHECK ("outgoing_deliveries"."channel" in ('webhook','pagerduty','email'))
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"id" serial PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"events" jsonb NOT NULL,
	"secret" text NOT NULL,
	"trusted" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"disabled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_delivery_id_outgoing_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."outgoing_deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_deliveries" ADD CONSTRAINT "outgoing_deliveries_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delivery_attempts_delivery_idx" ON "delivery_attempts" USING btree ("delivery_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "outgoing_deliveries_key" ON "outgoing_deliveries" USING btree ("key");--> statement-breakpoint
CREATE INDEX "outgoing_deliveries_pending_idx" ON "outgoing_deliveries" USING btree ("lane","id") WHERE delivered_at is null and failed_at is null;--> statement-breakpoint
CREATE INDEX "outgoing_deliveries_incident_idx" ON "outgoing_deliveries" USING btree ("incident_id");