-- Serves the pruning of old "already sent" records (digest_sent_papers rows of digests built before a date): the
-- digests job forgets them after digest.sentRecordDays, since digests only ever draw on recent papers.
CREATE INDEX digest_outbox_created ON digest_outbox (created_at);
