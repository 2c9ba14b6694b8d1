CREATE TABLE "slack_profiles" (
	"user_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"real_name" text DEFAULT '' NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL
);
