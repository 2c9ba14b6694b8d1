CREATE TABLE "evidence_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" integer NOT NULL,
	"incident_id" integer NOT NULL,
	"description" text NOT NULL,
	"location" text NOT NULL,
	"sha256" text,
	"collected_by" text NOT NULL,
	"collected_at" timestamp with time zone NOT NULL,
	"collected_zone" text NOT NULL,
	"holder" text NOT NULL,
	"tlp" text,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evidence_items_sha256_check" CHECK ("evidence_items"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "evidence_items_tlp_check" CHECK ("evidence_items"."tlp" in ('CLEAR','GREEN','AMBER','AMBER+STRICT','RED'))
);
--> statement-breakpoint
CREATE TABLE "oob_plan_acks" (
	"user_id" text NOT NULL,
	"version" text NOT NULL,
	"acked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "oob_plan_acks_user_id_version_pk" PRIMARY KEY("user_id","version")
);
--> statement-breakpoint
CREATE TABLE "oob_plan_posts" (
	"version" text PRIMARY KEY NOT NULL,
	"slot_at" timestamp with time zone NOT NULL,
	"posted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_items_number_key" ON "evidence_items" USING btree ("number");--> statement-breakpoint
CREATE INDEX "evidence_items_incident_idx" ON "evidence_items" USING btree ("incident_id");