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
