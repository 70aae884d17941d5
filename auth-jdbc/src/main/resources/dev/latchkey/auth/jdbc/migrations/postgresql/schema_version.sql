-- Latchkey schema history: one row per applied migration. Created before any migration runs.
CREATE TABLE IF NOT EXISTS ${prefix}latchkey_schema_version (
    version     INT          NOT NULL,
    description VARCHAR(200) NOT NULL,
    applied_at  BIGINT       NOT NULL,
    CONSTRAINT ${prefix}latchkey_schema_version_pk PRIMARY KEY (version)
);
