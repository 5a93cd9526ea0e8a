-- A cheap "something a page shows has changed" number for the page cache (web/plugins/page-cache.ts): every app
-- process reads it per request (one primary-key read), so a write made by any process invalidates every process's
-- cached pages. Paper writes already bump counters.paper_change_seq, so the page version is paper_change_seq +
-- page_change_seq. The statement-level triggers below bump page_change_seq inside the writing transaction: the new
-- number becomes visible with the commit (a sequence's nextval would be visible before it, and a reader could
-- then cache the old page under the new number). Its row lock serialises these writers, as paper_change_seq's does.
INSERT INTO counters (name, value) VALUES ('page_change_seq', 0);

CREATE FUNCTION bump_page_change_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq';
  RETURN NULL;
END;
$$;
CREATE TRIGGER listings_page_change AFTER INSERT OR UPDATE OR DELETE ON listings FOR EACH STATEMENT EXECUTE FUNCTION bump_page_change_seq();
CREATE TRIGGER votes_page_change AFTER INSERT OR UPDATE OR DELETE ON votes FOR EACH STATEMENT EXECUTE FUNCTION bump_page_change_seq();
CREATE TRIGGER users_page_change AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION bump_page_change_seq();
CREATE TRIGGER comments_page_change AFTER INSERT OR UPDATE OR DELETE ON comments FOR EACH STATEMENT EXECUTE FUNCTION bump_page_change_seq();
CREATE TRIGGER collections_page_change AFTER INSERT OR UPDATE OR DELETE ON collections FOR EACH STATEMENT EXECUTE FUNCTION bump_page_change_seq();
CREATE TRIGGER collection_items_page_change AFTER INSERT OR UPDATE OR DELETE ON collection_items FOR EACH STATEMENT EXECUTE FUNCTION bump_page_change_seq();
CREATE TRIGGER authorship_claims_page_change AFTER INSERT OR UPDATE OR DELETE ON authorship_claims FOR EACH STATEMENT EXECUTE FUNCTION bump_page_change_seq();
