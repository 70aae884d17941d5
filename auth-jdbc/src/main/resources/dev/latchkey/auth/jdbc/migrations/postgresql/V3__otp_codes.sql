-- One-time codes, by keyed hash only, bound to a purpose and a destination.
CREATE TABLE ${prefix}latchkey_otp_codes (
    id          VARCHAR(64)  NOT NULL,
    purpose     VARCHAR(32)  NOT NULL,
    destination VARCHAR(254) NOT NULL,
    code_hash   VARCHAR(64)  NOT NULL,
    subject     VARCHAR(64),
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL,
    attempts    INT          NOT NULL,
    consumed_at BIGINT,
    CONSTRAINT ${prefix}latchkey_otp_codes_pk PRIMARY KEY (id)
);
CREATE INDEX ${prefix}latchkey_otp_codes_destination_idx
    ON ${prefix}latchkey_otp_codes (purpose, destination, created_at);
CREATE INDEX ${prefix}latchkey_otp_codes_expires_idx ON ${prefix}latchkey_otp_codes (expires_at);
CREATE INDEX ${prefix}latchkey_otp_codes_consumed_idx ON ${prefix}latchkey_otp_codes (consumed_at);
