-- Personal API tokens: sent as `Authorization: Bearer <token>` by programs. Only the sha256 of a token is stored,
-- so a leaked table authenticates nobody; revoked tokens keep their row so a request with one gets a clear answer.
CREATE TABLE api_tokens (
  id BIGSERIAL PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,                       -- chosen by the owner ("laptop script"), shown on the settings page
  token_hash TEXT NOT NULL UNIQUE,          -- sha256 (hex) of the whole token; serves the lookup of every request
  hint TEXT NOT NULL,                       -- the token's first characters, so the owner can tell tokens apart
  scope TEXT NOT NULL,                      -- read | write
  created_at TIMESTAMPTZ NOT NULL,
  last_used_at TIMESTAMPTZ,
  revoked_at TIMESTAMPTZ
);
-- serves the owner's token list on the settings page and the per-user token count
CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at);
