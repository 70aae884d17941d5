package dev.latchkey.auth.example;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A database server named by an environment variable holding a JDBC URL with user and password. Unset, tests that
 * need it are skipped, or fail when {@code CI=true} so that CI never passes by skipping.
 */
final class ExternalDatabase {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ExternalDatabase() {
    }

    /** The JDBC URL in {@code variable}, or an aborted (or, under CI, failed) test. */
    static String url(String variable) {
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            String message = "these tests need " + variable + " (a JDBC URL with user and password)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + "; CI=true, so they fail instead of being skipped");
            }
            Assumptions.abort(message + "; skipped");
        }
        return url;
    }

    /** A fresh table prefix such as {@code e2e1a2b3c4_}, so repeated runs on one database never meet. */
    static String uniquePrefix() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return "e2e" + HexFormat.of().formatHex(b) + "_";
    }
}
