-- A cheap "something a page shows has changed" number for the page cache (web/plugins/page-cache.ts): every
-- process reads it per request (one primary-key read), so a write made by any process invalidates every
-- process's cached pages. Paper writes already bump counters.paper_change_seq (and the bulk import must stay a
-- plain insert), so the page version is paper_change_seq + page_change_seq; the triggers below bump
-- page_change_seq inside the writing transaction, so the number becomes visible together with the write.
INSERT INTO counters (name, value) VALUES ('page_change_seq', 0);
CREATE TRIGGER listings_insert_page_change AFTER INSERT ON listings BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER listings_update_page_change AFTER UPDATE ON listings BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER listings_delete_page_change AFTER DELETE ON listings BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER votes_insert_page_change AFTER INSERT ON votes BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER votes_update_page_change AFTER UPDATE ON votes BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER votes_delete_page_change AFTER DELETE ON votes BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER users_insert_page_change AFTER INSERT ON users BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER users_update_page_change AFTER UPDATE ON users BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER users_delete_page_change AFTER DELETE ON users BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER comments_insert_page_change AFTER INSERT ON comments BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER comments_update_page_change AFTER UPDATE ON comments BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER comments_delete_page_change AFTER DELETE ON comments BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER collections_insert_page_change AFTER INSERT ON collections BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER collections_update_page_change AFTER UPDATE ON collections BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER collections_delete_page_change AFTER DELETE ON collections BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER collection_items_insert_page_change AFTER INSERT ON collection_items BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER collection_items_update_page_change AFTER UPDATE ON collection_items BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER collection_items_delete_page_change AFTER DELETE ON collection_items BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER authorship_claims_insert_page_change AFTER INSERT ON authorship_claims BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER authorship_claims_update_page_change AFTER UPDATE ON authorship_claims BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
CREATE TRIGGER authorship_claims_delete_page_change AFTER DELETE ON authorship_claims BEGIN UPDATE counters SET value = value + 1 WHERE name = 'page_change_seq'; END;
