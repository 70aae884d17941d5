package dev.latchkey.auth.totp;

import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.keys.KeyReferences;
import dev.latchkey.auth.keys.MasterKeyRewrite;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.testkit.memory.InMemoryAuthStores;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static dev.latchkey.auth.totp.TotpFixture.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TOTP secrets and recovery codes across a master-key rotation, on the in-memory stores and on H2: secrets encrypted
 * under the old key still verify, are re-encrypted under the new key at their next use or by the rewrite, and
 * recovery codes (kept only as keyed hashes) keep working and are reported as rewritable only by their owner.
 */
class TotpKeyRotationTest {
    private static final byte[] NEW_KEY = "the new master key, 32 bytes or more!".getBytes(StandardCharsets.US_ASCII);

    /** Stores over the same data each call, as another instance has them. */
    private static Supplier<AuthStores> backend(String name) {
        if (name.equals("memory")) {
            InMemoryAuthStores memory = InMemoryAuthStores.create();
            return memory::anotherInstance;
        }
        String url = "jdbc:h2:mem:totp_keys_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        return () -> {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(url);
            return JdbcAuthStores.create(ds);
        };
    }

    private static AuthService rotated(TotpFixture fx, Supplier<AuthStores> stores) {
        return fx.service(stores.get(), TotpFactor.create("Acme"), RecoveryCodeFactor.create(), NEW_KEY,
                TotpFixture.MASTER_KEY);
    }

    private static StoredCredential totpOf(TotpFixture fx, String userId) {
        return fx.stores.credentials().findByUser(userId, TotpFactor.CREDENTIAL_TYPE).get(0);
    }

    private static String keyIdOf(String secret) {
        return secret.substring(1, 13);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void aSecretEncryptedUnderTheOldKey_verifies_andIsReencryptedUnderTheNewKeyAtItsNextUse(String name) {
        Supplier<AuthStores> stores = backend(name);
        TotpFixture fx = new TotpFixture(stores.get(), TotpConfig.defaults());
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        StoredCredential before = totpOf(fx, ann.user().id());
        String oldId = fx.auth.keys().status().currentKeyId();
        assertThat(keyIdOf(before.secret())).isEqualTo(oldId);

        AuthService rotated = rotated(fx, stores);
        String challenge = TotpFixture.challenge(TotpFixture.passwordLogin(rotated, "ann@example.com"));
        LoginResult done = rotated.secondSteps().complete(challenge, TotpFactor.ID, fx.code(ann.enrollment()), CLIENT);

        assertThat(done.sessionOrThrow().user().id()).isEqualTo(ann.user().id());
        StoredCredential after = totpOf(fx, ann.user().id());
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(keyIdOf(after.secret())).isEqualTo(rotated.keys().status().currentKeyId()).isNotEqualTo(oldId);
        fx.advance(fx.config.period());
        String again = TotpFixture.challenge(TotpFixture.passwordLogin(rotated, "ann@example.com"));
        assertThat(rotated.secondSteps().complete(again, TotpFactor.ID, fx.code(ann.enrollment()), CLIENT)
                .sessionOrThrow()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void theRewrite_reencryptsEverySecret_andLeavesRecoveryCodesToTheirOwners(String name) {
        Supplier<AuthStores> stores = backend(name);
        TotpFixture fx = new TotpFixture(stores.get(), TotpConfig.defaults());
        TotpFixture.Enrolled bob = fx.enrolled("bob@example.com");
        fx.enrolled("cy@example.com");
        List<String> codes = fx.recovery.regenerate(bob.user().id(), CLIENT);
        fx.totp.enroll(fx.register("dee@example.com").id()); // pending, not confirmed
        String oldId = fx.auth.keys().status().currentKeyId();

        AuthService rotated = rotated(fx, stores);
        MasterKeyRewrite rewrite = rotated.keys().rewrite();

        assertThat(rewrite.rewritten()).isEqualTo(Map.of("totp", 2L, "totp_pending", 1L));
        assertThat(rewrite.failed()).isEmpty();
        KeyReferences old = rewrite.status().key(oldId).orElseThrow();
        assertThat(old.references()).isEqualTo(Map.of("password", 3L, "recovery_code", 10L));
        assertThat(old.ownerOnly()).containsExactlyInAnyOrder("password", "recovery_code");
        assertThat(old.removable()).isFalse();
        assertThat(rewrite.status().key(rotated.keys().status().currentKeyId()).orElseThrow().references())
                .isEqualTo(Map.of("totp", 2L, "totp_pending", 1L));

        String challenge = TotpFixture.challenge(TotpFixture.passwordLogin(rotated, "bob@example.com"));
        assertThat(rotated.secondSteps().complete(challenge, RecoveryCodeFactor.ID, codes.get(3), CLIENT)
                .sessionOrThrow().user().id()).as("a recovery code made under the old key").isEqualTo(bob.user().id());
        fx.advance(fx.config.period());
        String totp = TotpFixture.challenge(TotpFixture.passwordLogin(rotated, "bob@example.com"));
        assertThat(rotated.secondSteps().complete(totp, TotpFactor.ID, fx.code(bob.enrollment()), CLIENT)
                .sessionOrThrow()).isNotNull();
    }
}
