-- Notifications (docs/community.md#notifications): in-app notices of replies, mentions, claim and submission
-- decisions, new versions and withdrawals of papers a reader saved or upvoted, and new papers by followed authors;
-- the per-kind e-mail preferences; and the outbox of the hourly notification mails. Nothing here is shown on an
-- anonymous page, so no page-cache trigger (migration 0012) is needed.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,                       -- notifications.models.ts NotificationKind
  dedupe_key TEXT NOT NULL,                 -- what makes it this event: "comment:42", "run:harvest-2024-05-01"
  paper_id INTEGER REFERENCES papers (id) ON DELETE SET NULL,
  actor_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
  data_json TEXT NOT NULL,                  -- what the page and the mail show, frozen when it happened
  created_at TEXT NOT NULL,
  read_at TEXT,
  mail_state TEXT NOT NULL,                 -- pending | batched | off (decided when recorded, see notifications.models.ts)
  mail_id INTEGER                           -- the notification_mails row that carried it (no FK: mails are pruned apart)
);
-- a re-run of whatever fired it (a re-harvest, an edited comment, a replayed event) notifies nobody twice
CREATE UNIQUE INDEX notifications_dedupe ON notifications (user_id, kind, dedupe_key);
-- serves /notifications and the API (a user's newest first, keyset by id) and the per-user cap of the pruning
CREATE INDEX notifications_user_id ON notifications (user_id, id);
-- serves the unread count in every signed-in page's header: only unread rows are in it
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
-- serves the hourly mail batcher: only rows still waiting for a mail are in it
CREATE INDEX notifications_mail_pending ON notifications (user_id, id) WHERE mail_state = 'pending';
-- serves the age-based pruning
CREATE INDEX notifications_created ON notifications (created_at);

-- Only choices that differ from the defaults of notifications.models.ts are stored.
CREATE TABLE notification_mail_prefs (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (user_id, kind)               -- serves a user's preferences and the batcher's per-user read
);

-- The outbox of notification mails, claimed and settled exactly as digest_outbox is (digest/outbox-sender.ts).
CREATE TABLE notification_mails (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  status TEXT NOT NULL,                     -- pending | sending | sent | failed | skipped
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  claimed_at TEXT,
  claimed_by TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
-- serves the sender (due pending rows in order)
CREATE INDEX notification_mails_status ON notification_mails (status, next_attempt_at, id);
-- serves "was this user mailed within the last hour?" of the batcher
CREATE INDEX notification_mails_user ON notification_mails (user_id, created_at);

-- serve the fan-out of a paper's new version or withdrawal to the readers who upvoted or saved it
-- (store/notifications.repository.ts watchersOf); named for this purpose so another branch's index cannot collide
CREATE INDEX notifications_fanout_votes ON votes (paper_id, user_id);
CREATE INDEX notifications_fanout_collection_items ON collection_items (paper_id);
