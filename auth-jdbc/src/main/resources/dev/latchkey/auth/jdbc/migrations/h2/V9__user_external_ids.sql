-- The id an imported account had in the application before Latchkey (AuthService.imports()), unique across accounts;
-- NULL for accounts made by Latchkey, of which any number may exist. Idempotent, as H2 commits DDL at once.
ALTER TABLE ${prefix}latchkey_users ADD COLUMN IF NOT EXISTS external_id VARCHAR(255);
CREATE UNIQUE INDEX IF NOT EXISTS ${prefix}latchkey_users_external_key ON ${prefix}latchkey_users (external_id);
