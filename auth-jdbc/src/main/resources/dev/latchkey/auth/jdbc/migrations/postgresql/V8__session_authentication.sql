-- How and when the user of a session authenticated: amr (RFC 8176 values separated by spaces) and auth_time (epoch
-- milliseconds), carried into every access token refreshed from it. Sessions from before stay NULL: no amr, and the
-- login time as auth_time. Runs in one transaction under the migration lock.
ALTER TABLE ${prefix}latchkey_sessions ADD COLUMN amr VARCHAR(128), ADD COLUMN auth_time BIGINT;
