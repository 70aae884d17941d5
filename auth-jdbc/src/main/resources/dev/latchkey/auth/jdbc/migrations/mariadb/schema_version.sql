-- Latchkey schema history: one row per applied migration, with the hex SHA-256 of the script's bytes as applied.
-- Created before any migration runs.
CREATE TABLE IF NOT EXISTS ${prefix}latchkey_schema_version (
    version     INT          NOT NULL,
    description VARCHAR(200) NOT NULL,
    applied_at  BIGINT       NOT NULL,
    CONSTRAINT ${prefix}latchkey_schema_version_pk PRIMARY KEY (version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- The checksum column is added apart, to new tables and to those made before checksums were recorded (by releases
-- with migrations V1 to V6); the migrator then records the checksums of the scripts applied before (trust on first
-- use). MySQL has no ADD COLUMN IF NOT EXISTS, hence the condition.
-- latchkey:if-column-absent ${prefix}latchkey_schema_version checksum
ALTER TABLE ${prefix}latchkey_schema_version ADD COLUMN checksum VARCHAR(64);
