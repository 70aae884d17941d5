package dev.latchkey.auth.example;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The pages in headless Chromium on a fresh in-memory H2 database: every flow, the accessibility scans, the
 * screenshots, and a second app with {@code AUTH_MFA_POLICY=required}.
 */
class H2BrowserPagesTest extends BrowserPagesContract {
    @Override
    Map<String, String> environment(Path dataDir) {
        return Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_DB_URL", "jdbc:h2:mem:pages-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Override
    boolean full() {
        return true;
    }
}
