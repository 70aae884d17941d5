-- Accounts. Instants are epoch milliseconds; roles is a JSON array and profile a JSON object of strings.
-- MariaDB commits DDL at once, so statements are idempotent and a migration interrupted half-way can run again;
-- GET_LOCK keeps two instances from running it at the same time. Binary collation: hashes are case-sensitive.
-- Indexes are declared inside CREATE TABLE, which MySQL accepts as well (it has no CREATE INDEX IF NOT EXISTS).
CREATE TABLE IF NOT EXISTS ${prefix}latchkey_users (
    id                VARCHAR(36)  NOT NULL,
    email             VARCHAR(254),
    email_verified    BOOLEAN      NOT NULL,
    phone             VARCHAR(20),
    phone_verified    BOOLEAN      NOT NULL,
    password_hash     VARCHAR(100),
    status            VARCHAR(32)  NOT NULL,
    roles             TEXT         NOT NULL,
    profile           TEXT         NOT NULL,
    created_at        BIGINT       NOT NULL,
    updated_at        BIGINT       NOT NULL,
    tokens_valid_from BIGINT,
    version           BIGINT       NOT NULL,
    CONSTRAINT ${prefix}latchkey_users_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}latchkey_users_email_key UNIQUE (email),
    CONSTRAINT ${prefix}latchkey_users_phone_key UNIQUE (phone),
    INDEX ${prefix}latchkey_users_created_idx (created_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
