-- Accounts. Instants are epoch milliseconds; roles is a JSON array and profile a JSON object of strings.
-- H2 has no advisory lock: every statement is idempotent (IF NOT EXISTS) so two instances may run it at once.
CREATE TABLE IF NOT EXISTS ${prefix}latchkey_users (
    id                VARCHAR(36)    NOT NULL,
    email             VARCHAR(254),
    email_verified    BOOLEAN        NOT NULL,
    phone             VARCHAR(20),
    phone_verified    BOOLEAN        NOT NULL,
    password_hash     VARCHAR(100),
    status            VARCHAR(32)    NOT NULL,
    roles             VARCHAR(65535) NOT NULL,
    profile           VARCHAR(65535) NOT NULL,
    created_at        BIGINT         NOT NULL,
    updated_at        BIGINT         NOT NULL,
    tokens_valid_from BIGINT,
    version           BIGINT         NOT NULL,
    CONSTRAINT ${prefix}latchkey_users_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}latchkey_users_email_key UNIQUE (email),
    CONSTRAINT ${prefix}latchkey_users_phone_key UNIQUE (phone)
);
CREATE INDEX IF NOT EXISTS ${prefix}latchkey_users_created_idx ON ${prefix}latchkey_users (created_at, id);
