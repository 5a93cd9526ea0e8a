-- The address typed at sign-up, until its owner confirms it (then it moves to users.email). Not unique and never
-- used to sign in or to mail a reset link: sign-up stores it the same way whether or not another account already
-- holds that address, so sign-up reveals nothing about who has an account. No index: only read with its own row.
ALTER TABLE users ADD COLUMN pending_email TEXT;
