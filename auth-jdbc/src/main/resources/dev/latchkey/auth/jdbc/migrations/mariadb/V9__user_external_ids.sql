-- The id an imported account had in the application before Latchkey (AuthService.imports()), unique across accounts;
-- NULL for accounts made by Latchkey, of which any number may exist. One ALTER, so the column and its key arrive
-- together; MariaDB commits DDL at once, and the condition makes a rerun skip it. 4 * 255 bytes fit InnoDB's key limit.
-- latchkey:if-column-absent ${prefix}latchkey_users external_id
ALTER TABLE ${prefix}latchkey_users
    ADD COLUMN external_id VARCHAR(255),
    ADD CONSTRAINT ${prefix}latchkey_users_external_key UNIQUE (external_id);
