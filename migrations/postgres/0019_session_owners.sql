-- Whose each session is, since when and on what device, so people can see where they are
-- signed in and end a session, and so every session of a person can end at once (a new
-- password, a deactivated account). Filled from the session's own data when it is written.
ALTER TABLE sessions ADD COLUMN user_id      BIGINT;
ALTER TABLE sessions ADD COLUMN signed_in_at BIGINT;
ALTER TABLE sessions ADD COLUMN device       TEXT NOT NULL DEFAULT '';
-- Serves a person's list of sessions and ending them all.
CREATE INDEX sessions_by_user ON sessions (user_id) WHERE user_id IS NOT NULL;
