-- Credentials of every factor, apart from the accounts; single-use challenges; pending (claimed, unproved) contacts
-- that identify no account. Moves the password hashes into credentials and unproved contacts into pending.
-- Runs in one transaction with its version row, under pg_advisory_xact_lock: all of it or nothing.
-- user_id has no foreign key in either new table: deleting an account deletes its rows in the same transaction.
CREATE TABLE ${prefix}latchkey_credentials (
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
    CONSTRAINT ${prefix}latchkey_credentials_external_key UNIQUE (type, external_id)
);
CREATE INDEX ${prefix}latchkey_credentials_user_idx
    ON ${prefix}latchkey_credentials (user_id, type, created_at);

CREATE TABLE ${prefix}latchkey_challenges (
    hash        VARCHAR(64) NOT NULL,
    purpose     VARCHAR(32) NOT NULL,
    user_id     VARCHAR(36),
    data        TEXT,
    created_at  BIGINT      NOT NULL,
    expires_at  BIGINT      NOT NULL,
    attempts    INT         NOT NULL,
    consumed_at BIGINT,
    CONSTRAINT ${prefix}latchkey_challenges_pk PRIMARY KEY (hash)
);
CREATE INDEX ${prefix}latchkey_challenges_user_idx ON ${prefix}latchkey_challenges (user_id);
CREATE INDEX ${prefix}latchkey_challenges_expires_idx ON ${prefix}latchkey_challenges (expires_at);
CREATE INDEX ${prefix}latchkey_challenges_consumed_idx ON ${prefix}latchkey_challenges (consumed_at);

ALTER TABLE ${prefix}latchkey_users ADD COLUMN pending_email VARCHAR(254), ADD COLUMN pending_phone VARCHAR(20);
CREATE INDEX ${prefix}latchkey_users_pending_email_idx ON ${prefix}latchkey_users (pending_email);
CREATE INDEX ${prefix}latchkey_users_pending_phone_idx ON ${prefix}latchkey_users (pending_phone);

-- One password credential per account with a hash. Its id is 'pwd-' followed by the account id: unique because
-- account ids are, and never the shape of the random UUIDs the service gives new credentials. data names the hash
-- format: bcrypt of the base64 HMAC-SHA-384 of the password under the pepper.
INSERT INTO ${prefix}latchkey_credentials
    (id, user_id, type, external_id, label, secret, data, counter, created_at, last_used_at)
SELECT 'pwd-' || id, id, 'password', NULL, NULL, password_hash, 'bcrypt-hmac-sha384', 0, updated_at, NULL
FROM ${prefix}latchkey_users
WHERE password_hash IS NOT NULL;

-- An unverified contact stops identifying its account, and waits in pending, when the account is still pending
-- verification or has a verified contact of the other kind. An account with no verified contact at all that is not
-- pending (created directly by the host) keeps its contacts identifying.
UPDATE ${prefix}latchkey_users SET pending_email = email, email = NULL
WHERE email IS NOT NULL AND email_verified = FALSE
  AND (status = 'PENDING_VERIFICATION' OR (phone IS NOT NULL AND phone_verified = TRUE));
UPDATE ${prefix}latchkey_users SET pending_phone = phone, phone = NULL
WHERE phone IS NOT NULL AND phone_verified = FALSE
  AND (status = 'PENDING_VERIFICATION' OR (email IS NOT NULL AND email_verified = TRUE));

ALTER TABLE ${prefix}latchkey_users DROP COLUMN password_hash;
