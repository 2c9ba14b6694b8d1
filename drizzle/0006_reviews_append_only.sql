-- Post-incident reviews are versioned, never edited: a save inserts the next version, and the database itself
-- (a trigger, so it holds on PGlite too) refuses to change or remove a stored one.
CREATE OR REPLACE FUNCTION rampart_review_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'incident_reviews is append-only: % is not allowed; save a new version instead', TG_OP
    USING ERRCODE = 'raise_exception';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER incident_reviews_no_update_delete
  BEFORE UPDATE OR DELETE ON incident_reviews
  FOR EACH ROW EXECUTE FUNCTION rampart_review_is_append_only();
--> statement-breakpoint
CREATE TRIGGER incident_reviews_no_truncate
  BEFORE TRUNCATE ON incident_reviews
  FOR EACH STATEMENT EXECUTE FUNCTION rampart_review_is_append_only();
