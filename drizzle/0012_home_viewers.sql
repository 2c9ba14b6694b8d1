CREATE TABLE "home_viewers" (
	"user_id" text PRIMARY KEY NOT NULL,
	"page" integer DEFAULT 1 NOT NULL,
	"opened_at" timestamp with time zone NOT NULL
);
