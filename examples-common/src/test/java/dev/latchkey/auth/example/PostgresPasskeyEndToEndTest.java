package dev.latchkey.auth.example;

import java.nio.file.Path;
import java.util.Map;

/**
 * The passkey suite on PostgreSQL at {@code LATCHKEY_TEST_POSTGRES_URL}, under a fresh table prefix. Unset, the
 * class is skipped, or fails when {@code CI=true}.
 */
class PostgresPasskeyEndToEndTest extends PasskeyEndToEndContract {
    private final String prefix = ExternalDatabase.uniquePrefix();

    @Override
    Map<String, String> environment(Path dataDir) {
        return Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(), "AUTH_ISSUER", "https://auth.example.test",
                "AUTH_DB_URL", ExternalDatabase.url("LATCHKEY_TEST_POSTGRES_URL"));
    }

    @Override
    String tablePrefix() {
        return prefix;
    }
}
