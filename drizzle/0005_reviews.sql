CREATE TABLE "incident_reviews" (
	"incident_id" integer NOT NULL,
	"version" integer NOT NULL,
	"summary" text NOT NULL,
	"impact" text DEFAULT '' NOT NULL,
	"root_cause" text DEFAULT '' NOT NULL,
	"went_well" text DEFAULT '' NOT NULL,
	"went_wrong" text DEFAULT '' NOT NULL,
	"lessons" text DEFAULT '' NOT NULL,
	"action_items" jsonb NOT NULL,
	"saved_by" text NOT NULL,
	"saved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "incident_reviews_incident_id_version_pk" PRIMARY KEY("incident_id","version"),
	CONSTRAINT "incident_reviews_version_check" CHECK ("incident_reviews"."version" > 0)
);
--> statement-breakpoint
ALTER TABLE "incident_reviews" ADD CONSTRAINT "incident_reviews_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;