-- The timeline is append-only, enforced by the database itself (a trigger, so it holds on PGlite too):
-- corrections are new events that point at the one they correct.
CREATE OR REPLACE FUNCTION rampart_timeline_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'timeline_events is append-only: % is not allowed; record a correction event instead', TG_OP
    USING ERRCODE = 'raise_exception';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER timeline_events_no_update_delete
  BEFORE UPDATE OR DELETE ON timeline_events
  FOR EACH ROW EXECUTE FUNCTION rampart_timeline_is_append_only();
--> statement-breakpoint
CREATE TRIGGER timeline_events_no_truncate
  BEFORE TRUNCATE ON timeline_events
  FOR EACH STATEMENT EXECUTE FUNCTION rampart_timeline_is_append_only();
