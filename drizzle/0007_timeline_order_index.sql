DROP INDEX "timeline_events_occurred_idx";--> statement-breakpoint
CREATE INDEX "timeline_events_order_idx" ON "timeline_events" USING btree ("incident_id","occurred_at","seq");