CREATE TABLE "incident_reminders" (
	"incident_id" integer NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"due_at" timestamp with time zone,
	"basis_at" timestamp with time zone NOT NULL,
	"fired" integer DEFAULT 0 NOT NULL,
	"changed_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "incident_reminders_incident_id_kind_pk" PRIMARY KEY("incident_id","kind"),
	CONSTRAINT "incident_reminders_kind_check" CHECK ("incident_reminders"."kind" in ('update','commander')),
	CONSTRAINT "incident_reminders_state_check" CHECK ("incident_reminders"."state" in ('active','snoozed','stopped','ended'))
);
--> statement-breakpoint
ALTER TABLE "incident_reminders" ADD CONSTRAINT "incident_reminders_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_reminders_due_idx" ON "incident_reminders" USING btree ("due_at");