-- The registry of master-key ids the data relies on (never a key): generation 1 is the key the database was set up
-- with, whose values carry no key id; a key is retired once nothing refers to it and removed once an instance started
-- without it. A key announced (announced_at) is the next key a phase-1 instance has as a previous key, until it
-- becomes current. The unique generation keeps two instances with different new keys from both registering one.
CREATE TABLE ${prefix}latchkey_master_keys (
    key_id        VARCHAR(16) NOT NULL,
    generation    INT         NOT NULL,
    registered_at BIGINT      NOT NULL,
    retired_at    BIGINT,
    removed_at    BIGINT,
    announced_at  BIGINT,
    CONSTRAINT ${prefix}latchkey_master_keys_pk PRIMARY KEY (key_id),
    CONSTRAINT ${prefix}latchkey_master_keys_generation_uq UNIQUE (generation)
);
