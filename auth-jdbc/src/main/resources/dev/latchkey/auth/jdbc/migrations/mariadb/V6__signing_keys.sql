-- Access-token signing keys shared by every instance: public key in the clear, private key only AES-256-GCM
-- encrypted under the key-encryption key from configuration. The unique generation keeps instances starting or
-- rotating together from creating two keys for one turn.
CREATE TABLE IF NOT EXISTS ${prefix}latchkey_signing_keys (
    key_id                VARCHAR(64)   NOT NULL,
    generation            INT           NOT NULL,
    algorithm             VARCHAR(16)   NOT NULL,
    public_key            VARCHAR(2000) NOT NULL,
    encrypted_private_key VARCHAR(4000) NOT NULL,
    created_at            BIGINT        NOT NULL,
    activates_at          BIGINT        NOT NULL,
    CONSTRAINT ${prefix}latchkey_signing_keys_pk PRIMARY KEY (key_id),
    CONSTRAINT ${prefix}latchkey_signing_keys_generation_uq UNIQUE (generation)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;
