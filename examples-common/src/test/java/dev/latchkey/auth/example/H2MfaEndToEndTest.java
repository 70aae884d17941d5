package dev.latchkey.auth.example;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** The second-factor suite on a fresh in-memory H2 database (shared by the suite's several app instances). */
class H2MfaEndToEndTest extends MfaEndToEndContract {
    @Override
    Map<String, String> environment(Path dataDir) {
        return Map.of(
                "PORT", "0",
                "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_DB_URL", "jdbc:h2:mem:mfa-e2e-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
