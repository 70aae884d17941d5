-- Shared counters for rate limits and lockouts, one row per key and window; holds (cooldowns) use the
-- window_start -9223372036854775808 and keep the end of the hold in expires_at.
CREATE TABLE ${prefix}latchkey_rate_limits (
    limit_key    VARCHAR(200) NOT NULL,
    window_start BIGINT       NOT NULL,
    count        INT          NOT NULL,
    expires_at   BIGINT       NOT NULL,
    CONSTRAINT ${prefix}latchkey_rate_limits_pk PRIMARY KEY (limit_key, window_start)
);
CREATE INDEX ${prefix}latchkey_rate_limits_expires_idx ON ${prefix}latchkey_rate_limits (expires_at);
