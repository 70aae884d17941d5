-- Credentials of every factor, apart from the accounts; single-use challenges; pending (claimed, unproved) contacts
-- that identify no account. Moves the password hashes into credentials and unproved contacts into pending.
-- MariaDB commits DDL at once: every statement is idempotent (IF NOT EXISTS, NOT EXISTS, conditions that moved rows
-- no longer meet, or a latchkey:if-column condition, since MySQL has no ADD/DROP COLUMN IF [NOT] EXISTS), so a
-- migration interrupted half-way runs again cleanly; GET_LOCK keeps two instances from running it at once.
-- user_id has no foreign key in either new table: deleting an account deletes its rows in the same transaction.
-- (type, external_id) fits InnoDB's 3072-byte key limit in utf8mb4: 4 * (32 + 700) bytes.
CREATE TABLE IF NOT EXISTS ${prefix}latchkey_credentials (
    id           VARCHAR(64)   NOT NULL,
    user_id      VARCHAR(36)   NOT NULL,
    type         VARCHAR(32)   NOT NULL,
    external_id  VARCHAR(700),
    label        VARCHAR(200),
    secret       VARCHAR(2000),
    data         TEXT,
    counter      BIGINT        NOT NULL,
    created_at   BIGINT        NOT NULL,
    last_used_at BIGINT,
    CONSTRAINT ${prefix}latchkey_credentials_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}latchkey_credentials_external_key UNIQUE (type, external_id),
    INDEX ${prefix}latchkey_credentials_user_idx (user_id, type, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS ${prefix}latchkey_challenges (
    hash        VARCHAR(64) NOT NULL,
    purpose     VARCHAR(32) NOT NULL,
    user_id     VARCHAR(36),
    data        TEXT,
    created_at  BIGINT      NOT NULL,
    expires_at  BIGINT      NOT NULL,
    attempts    INT         NOT NULL,
    consumed_at BIGINT,
    CONSTRAINT ${prefix}latchkey_challenges_pk PRIMARY KEY (hash),
    INDEX ${prefix}latchkey_challenges_user_idx (user_id),
    INDEX ${prefix}latchkey_challenges_expires_idx (expires_at),
    INDEX ${prefix}latchkey_challenges_consumed_idx (consumed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One ALTER, so the columns and their indexes arrive together or not at all.
-- latchkey:if-column-absent ${prefix}latchkey_users pending_email
ALTER TABLE ${prefix}latchkey_users
    ADD COLUMN pending_email VARCHAR(254),
    ADD COLUMN pending_phone VARCHAR(20),
    ADD INDEX ${prefix}latchkey_users_pending_email_idx (pending_email),
    ADD INDEX ${prefix}latchkey_users_pending_phone_idx (pending_phone);

-- One password credential per account with a hash. Its id is 'pwd-' followed by the account id: unique because
-- account ids are, and never the shape of the random UUIDs the service gives new credentials. data names the hash
-- format: bcrypt of the base64 HMAC-SHA-384 of the password under the pepper. Skipped once the column is gone.
-- latchkey:if-column-present ${prefix}latchkey_users password_hash
INSERT INTO ${prefix}latchkey_credentials
    (id, user_id, type, external_id, label, secret, data, counter, created_at, last_used_at)
SELECT CONCAT('pwd-', u.id), u.id, 'password', NULL, NULL, u.password_hash, 'bcrypt-hmac-sha384', 0, u.updated_at,
       NULL
FROM ${prefix}latchkey_users u
WHERE u.password_hash IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM ${prefix}latchkey_credentials c WHERE c.id = CONCAT('pwd-', u.id));

-- An unverified contact stops identifying its account, and waits in pending, when the account is still pending
-- verification or has a verified contact of the other kind. An account with no verified contact at all that is not
-- pending (created directly by the host) keeps its contacts identifying. MariaDB assigns left to right, so
-- pending_email takes the email before it is cleared, as the standard semantics of the other dialects do.
UPDATE ${prefix}latchkey_users SET pending_email = email, email = NULL
WHERE email IS NOT NULL AND email_verified = FALSE
  AND (status = 'PENDING_VERIFICATION' OR (phone IS NOT NULL AND phone_verified = TRUE));
UPDATE ${prefix}latchkey_users SET pending_phone = phone, phone = NULL
WHERE phone IS NOT NULL AND phone_verified = FALSE
  AND (status = 'PENDING_VERIFICATION' OR (email IS NOT NULL AND email_verified = TRUE));

-- latchkey:if-column-present ${prefix}latchkey_users password_hash
ALTER TABLE ${prefix}latchkey_users DROP COLUMN password_hash;
