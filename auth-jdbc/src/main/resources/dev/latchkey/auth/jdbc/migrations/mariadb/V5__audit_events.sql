-- Audit events written by JdbcAuditLog (optional): one row per AuthEvent, never a secret.
CREATE TABLE IF NOT EXISTS ${prefix}latchkey_audit_events (
    id             VARCHAR(36)  NOT NULL,
    occurred_at    BIGINT       NOT NULL,
    event_type     VARCHAR(40)  NOT NULL,
    user_id        VARCHAR(36),
    destination    VARCHAR(300),
    client_address VARCHAR(64),
    session_id     VARCHAR(36),
    detail         VARCHAR(200),
    CONSTRAINT ${prefix}latchkey_audit_events_pk PRIMARY KEY (id),
    INDEX ${prefix}latchkey_audit_events_user_idx (user_id, occurred_at),
    INDEX ${prefix}latchkey_audit_events_time_idx (occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
