package dev.latchkey.auth.spring.internal;

import com.nimbusds.jose.jwk.JWKSet;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.SigningAlgorithm;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.store.AuthStores;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Latchkey's health: its tables answer a read (a lookup of an id no account has), and the signing keys are there (for
 * a generated algorithm, at least one public key in the JWKS). Exceptions make it DOWN, as for every
 * {@link AbstractHealthIndicator}; no detail holds a secret.
 */
public final class LatchkeyHealthIndicator extends AbstractHealthIndicator {
    private static final String PROBE_ID = "latchkey-health-probe";

    private final AuthService auth;
    private final AuthStores stores;
    private final SigningAlgorithm algorithm;

    /** The health of {@code auth} over {@code stores}, which sign with {@code algorithm}. */
    public LatchkeyHealthIndicator(AuthService auth, AuthStores stores, SigningAlgorithm algorithm) {
        super("Latchkey health check failed");
        this.auth = auth;
        this.stores = stores;
        this.algorithm = algorithm;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        stores.users().findById(PROBE_ID);
        builder.withDetail("database", stores instanceof JdbcAuthStores jdbc ? jdbc.dialectName() : "reachable");
        builder.withDetail("signingAlgorithm", algorithm.jwsName());
        int keys = JWKSet.parse(auth.tokens().publicJwks()).getKeys().size();
        builder.withDetail("publicKeys", keys);
        if (algorithm.isAsymmetric() && keys == 0) {
            builder.down().withDetail("signingKeys", "no public key: tokens cannot be verified elsewhere");
        } else {
            builder.up();
        }
    }
}
