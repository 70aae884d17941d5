-- The id an imported account had in the application before Latchkey (AuthService.imports()), unique across accounts;
-- NULL for accounts made by Latchkey, of which any number may exist. Runs in one transaction under the migration lock.
ALTER TABLE ${prefix}latchkey_users ADD COLUMN external_id VARCHAR(255),
    ADD CONSTRAINT ${prefix}latchkey_users_external_key UNIQUE (external_id);
