package dev.latchkey.auth.example;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.token.SigningConfig;

import java.time.Duration;
import java.util.function.Consumer;

/** The example apps' {@link AuthConfig} from their {@link Settings}, the same on the Javalin and the Spring host. */
public final class ExampleConfig {
    /**
     * The longest an audit event of either host waits to be written with others in one statement
     * ({@code JdbcAuditLog.batched}); a crash loses at most this much of the audit table.
     */
    public static final Duration AUDIT_BATCH_DELAY = Duration.ofMillis(100);

    private ExampleConfig() {
    }

    /**
     * The configuration for these settings and master key, after {@code tweaks}.
     *
     * @throws StartupException naming the setting at fault
     */
    public static AuthConfig authConfig(Settings settings, byte[] masterKey, Consumer<AuthConfig.Builder> tweaks) {
        try {
            AuthConfig.Builder builder = builder(settings, masterKey);
            tweaks.accept(builder);
            return builder.build();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "invalid configuration" : e.getMessage();
            throw new StartupException((message.startsWith("issuer") ? "AUTH_ISSUER: " : "configuration: ")
                    + message, e);
        }
    }

    /** The builder for these settings and master key, before any change of a host or test. */
    public static AuthConfig.Builder builder(Settings settings, byte[] masterKey) {
        return AuthConfig.newBuilder()
                .issuer(settings.issuer())
                .audience(Settings.AUDIENCE)
                .appName(Settings.APP_NAME)
                .masterKey(masterKey)
                // AUTH_PREVIOUS_MASTER_KEYS: read only, while a rotation runs (rotate-keys, see the README).
                .previousMasterKeys(settings.previousMasterKeys().toArray(byte[][]::new))
                // AUTH_SIGNING_ALGORITHM, RS256 by default: keys generated once into the database (encrypted
                // under a key derived from the master key), shared by every instance, rotated every 30 days (or
                // on POST /api/admin/signing-keys/rotate) and published at /.well-known/jwks.json.
                .signing(SigningConfig.newBuilder().algorithm(settings.signingAlgorithm()).build())
                .codes(DeliverySettings.codes(settings).build())
                .sessions(settings.sessions().config()) // AUTH_REFRESH_REUSE_GRACE
                .secondFactors(settings.mfa().config()); // AUTH_MFA_POLICY, AUTH_REAUTH_MAX_AGE
    }
}
