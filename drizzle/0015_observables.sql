CREATE TABLE "observables" (
	"id" serial PRIMARY KEY NOT NULL,
	"incident_id" integer NOT NULL,
	"type" text NOT NULL,
	"value" text NOT NULL,
	"verdict" text DEFAULT 'unknown' NOT NULL,
	"origin" text NOT NULL,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "observables_type_check" CHECK ("observables"."type" in ('ipv4','ipv6','domain','url','email','md5','sha1','sha256','phone','account')),
	CONSTRAINT "observables_verdict_check" CHECK ("observables"."verdict" in ('malicious','suspicious','benign','unknown')),
	CONSTRAINT "observables_origin_check" CHECK ("observables"."origin" in ('typed','scan'))
);
--> statement-breakpoint
ALTER TABLE "observables" ADD CONSTRAINT "observables_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "observables_item_idx" ON "observables" USING btree ("incident_id","type","value");--> statement-breakpoint
CREATE INDEX "observables_value_idx" ON "observables" USING btree ("value");