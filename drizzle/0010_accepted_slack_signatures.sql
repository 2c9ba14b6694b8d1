CREATE TABLE "accepted_slack_signatures" (
	"signature_sha256" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "accepted_slack_signatures_expiry_idx" ON "accepted_slack_signatures" USING btree ("expires_at");