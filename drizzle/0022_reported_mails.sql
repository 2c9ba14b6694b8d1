CREATE TABLE "reported_mail_keys" (
	"mail_id" integer NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "reported_mail_keys_mail_id_kind_value_pk" PRIMARY KEY("mail_id","kind","value"),
	CONSTRAINT "reported_mail_keys_kind_check" CHECK ("reported_mail_keys"."kind" in ('sender','url','subject'))
);
--> statement-breakpoint
CREATE TABLE "reported_mails" (
	"id" serial PRIMARY KEY NOT NULL,
	"mailbox" text NOT NULL,
	"message_key" text NOT NULL,
	"uid_key" text,
	"state" text NOT NULL,
	"reason" text,
	"reporter" text,
	"reporter_slack_id" text,
	"report_message_id" text,
	"original_message_id" text,
	"incident_id" integer,
	"evidence_sha256" text,
	"evidence" "bytea",
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reported_mails_state_check" CHECK ("reported_mails"."state" in ('handled','rejected')),
	CONSTRAINT "reported_mails_sha256_check" CHECK ("reported_mails"."evidence_sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "reported_mail_keys" ADD CONSTRAINT "reported_mail_keys_mail_id_reported_mails_id_fk" FOREIGN KEY ("mail_id") REFERENCES "public"."reported_mails"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reported_mails" ADD CONSTRAINT "reported_mails_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reported_mail_keys_value_idx" ON "reported_mail_keys" USING btree ("kind","value");--> statement-breakpoint
CREATE UNIQUE INDEX "reported_mails_message_key" ON "reported_mails" USING btree ("message_key");--> statement-breakpoint
CREATE UNIQUE INDEX "reported_mails_uid_key" ON "reported_mails" USING btree ("mailbox","uid_key");--> statement-breakpoint
CREATE INDEX "reported_mails_incident_idx" ON "reported_mails" USING btree ("incident_id");