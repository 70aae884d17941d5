package dev.latchkey.auth.example;

import java.nio.file.Path;
import java.util.Map;

/**
 * The pages' flows in headless Chromium once on PostgreSQL at {@code LATCHKEY_TEST_POSTGRES_URL}, under a fresh table
 * prefix (no scans or screenshots: the H2 run has them). Unset, the class is skipped, or fails when {@code CI=true}.
 */
class PostgresBrowserPagesTest extends BrowserPagesContract {
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

    @Override
    boolean full() {
        return false;
    }
}
