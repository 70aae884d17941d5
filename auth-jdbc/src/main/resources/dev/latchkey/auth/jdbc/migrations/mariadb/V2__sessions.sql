-- Sessions (one per login) and the refresh tokens rotated from them, by SHA-256 hash only.
-- A session's last use is the newest issued_at of its tokens; the session row is not touched on refresh.
CREATE TABLE IF NOT EXISTS ${prefix}latchkey_sessions (
    id                  VARCHAR(64)  NOT NULL,
    user_id             VARCHAR(36)  NOT NULL,
    created_at          BIGINT       NOT NULL,
    absolute_expires_at BIGINT       NOT NULL,
    revoked_at          BIGINT,
    client_address      VARCHAR(64),
    user_agent          VARCHAR(512),
    CONSTRAINT ${prefix}latchkey_sessions_pk PRIMARY KEY (id),
    INDEX ${prefix}latchkey_sessions_user_idx (user_id),
    INDEX ${prefix}latchkey_sessions_expires_idx (absolute_expires_at),
    INDEX ${prefix}latchkey_sessions_revoked_idx (revoked_at),
    CONSTRAINT ${prefix}latchkey_sessions_user_fk FOREIGN KEY (user_id)
        REFERENCES ${prefix}latchkey_users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS ${prefix}latchkey_refresh_tokens (
    token_hash VARCHAR(64) NOT NULL,
    session_id VARCHAR(64) NOT NULL,
    issued_at  BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    used_at    BIGINT,
    CONSTRAINT ${prefix}latchkey_refresh_tokens_pk PRIMARY KEY (token_hash),
    INDEX ${prefix}latchkey_refresh_tokens_session_idx (session_id, issued_at),
    INDEX ${prefix}latchkey_refresh_tokens_expires_idx (expires_at),
    CONSTRAINT ${prefix}latchkey_refresh_tokens_session_fk FOREIGN KEY (session_id)
        REFERENCES ${prefix}latchkey_sessions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
