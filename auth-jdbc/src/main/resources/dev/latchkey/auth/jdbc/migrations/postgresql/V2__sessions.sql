-- Sessions (one per login) and the refresh tokens rotated from them, by SHA-256 hash only.
-- A session's last use is the newest issued_at of its tokens; the session row is not touched on refresh.
CREATE TABLE ${prefix}latchkey_sessions (
    id                  VARCHAR(64)  NOT NULL,
    user_id             VARCHAR(36)  NOT NULL,
    created_at          BIGINT       NOT NULL,
    absolute_expires_at BIGINT       NOT NULL,
    revoked_at          BIGINT,
    client_address      VARCHAR(64),
    user_agent          VARCHAR(512),
    CONSTRAINT ${prefix}latchkey_sessions_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}latchkey_sessions_user_fk FOREIGN KEY (user_id)
        REFERENCES ${prefix}latchkey_users (id) ON DELETE CASCADE
);
CREATE INDEX ${prefix}latchkey_sessions_user_idx ON ${prefix}latchkey_sessions (user_id);
CREATE INDEX ${prefix}latchkey_sessions_expires_idx ON ${prefix}latchkey_sessions (absolute_expires_at);
CREATE INDEX ${prefix}latchkey_sessions_revoked_idx ON ${prefix}latchkey_sessions (revoked_at);

CREATE TABLE ${prefix}latchkey_refresh_tokens (
    token_hash VARCHAR(64) NOT NULL,
    session_id VARCHAR(64) NOT NULL,
    issued_at  BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    used_at    BIGINT,
    CONSTRAINT ${prefix}latchkey_refresh_tokens_pk PRIMARY KEY (token_hash),
    CONSTRAINT ${prefix}latchkey_refresh_tokens_session_fk FOREIGN KEY (session_id)
        REFERENCES ${prefix}latchkey_sessions (id) ON DELETE CASCADE
);
CREATE INDEX ${prefix}latchkey_refresh_tokens_session_idx
    ON ${prefix}latchkey_refresh_tokens (session_id, issued_at);
CREATE INDEX ${prefix}latchkey_refresh_tokens_expires_idx
    ON ${prefix}latchkey_refresh_tokens (expires_at);
