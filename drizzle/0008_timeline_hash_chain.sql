ALTER TABLE "timeline_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD COLUMN "hash" text;