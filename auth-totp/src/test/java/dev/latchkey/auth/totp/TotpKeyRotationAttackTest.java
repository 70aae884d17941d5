package dev.latchkey.auth.totp;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.keys.KeyReferences;
import dev.latchkey.auth.password.PasswordConfig;
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
 * A reviewer's attacks on TOTP secrets and recovery codes across a master-key rotation, on the in-memory stores and
 * on H2: a phase-1 instance (current key the old one, the new one previous) must not re-encrypt a secret the new key
 * already protects back under the old key, and a used recovery code, which can never be used again, must not keep
 * the old key referred to (a key still referred to can never be removed: start-up refuses).
 */
class TotpKeyRotationAttackTest {
    private static final byte[] NEW_KEY = "the new master key, 32 bytes or more!".getBytes(StandardCharsets.US_ASCII);

    private static Supplier<AuthStores> backend(String name) {
        if (name.equals("memory")) {
            InMemoryAuthStores memory = InMemoryAuthStores.create();
            return memory::anotherInstance;
        }
        String url = "jdbc:h2:mem:totp_attack_" + UUID.randomUUID().toString().replace("-", "")
                + ";DB_CLOSE_DELAY=-1";
        return () -> {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(url);
            return JdbcAuthStores.create(ds);
        };
    }

    private static String keyIdOf(String secret) {
        return secret.substring(1, 13);
    }

    /**
     * FactorRuntime.decryptCredential re-encrypts every secret not under the instance's current key: on a phase-1
     * instance that is every secret the phase-2 instances (or the rewrite) moved to the new key.
     */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void aPhaseOneInstance_neverReencryptsASecretOfTheNewKeyUnderTheOldOne(String name) {
        Supplier<AuthStores> stores = backend(name);
        TotpFixture fx = new TotpFixture(stores.get(), TotpConfig.defaults());
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        AuthService rotated = fx.service(stores.get(), TotpFactor.create("Acme"), RecoveryCodeFactor.create(),
                NEW_KEY, TotpFixture.MASTER_KEY);
        rotated.keys().rewrite();
        String newId = rotated.keys().status().currentKeyId();
        assertThat(keyIdOf(totp(fx, ann).secret())).isEqualTo(newId);
        AuthService phaseOne = fx.service(stores.get(), TotpFactor.create("Acme"), RecoveryCodeFactor.create(),
                TotpFixture.MASTER_KEY, NEW_KEY);

        String challenge = TotpFixture.challenge(TotpFixture.passwordLogin(phaseOne, "ann@example.com"));
        assertThat(phaseOne.secondSteps().complete(challenge, TotpFactor.ID, fx.code(ann.enrollment()), CLIENT)
                .sessionOrThrow()).isNotNull();

        assertThat(keyIdOf(totp(fx, ann).secret())).as("no downgrade to the old key").isEqualTo(newId);
    }

    /** ReferenceCounts counts every recovery-code row, used or not (CredentialStore.countByKeyId has no filter). */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void aUsedRecoveryCode_noLongerRefersToTheOldKey(String name) {
        Supplier<AuthStores> stores = backend(name);
        TotpFixture fx = new TotpFixture(stores.get(), TotpConfig.defaults());
        TotpFixture.Enrolled bob = fx.enrolled("bob@example.com");
        List<String> codes = fx.recovery.regenerate(bob.user().id(), CLIENT);
        String oldId = fx.auth.keys().status().currentKeyId();
        AuthService rotated = fx.service(stores.get(), TotpFactor.create("Acme"), RecoveryCodeFactor.create(),
                NEW_KEY, TotpFixture.MASTER_KEY);

        String challenge = TotpFixture.challenge(TotpFixture.passwordLogin(rotated, "bob@example.com"));
        assertThat(rotated.secondSteps().complete(challenge, RecoveryCodeFactor.ID, codes.get(0), CLIENT)
                .sessionOrThrow()).isNotNull();
        rotated.keys().rewrite();

        Map<String, Long> left = rotated.keys().status().key(oldId).map(KeyReferences::references).orElse(Map.of());
        assertThat(left).as("nine unused codes refer to the old key; the used one is dead")
                .containsEntry("recovery_code", 9L);
    }

    /**
     * ReferenceCounts counts only the credential types of the factors the counting instance was built with: a rewrite
     * run from an instance without the TOTP factor (an admin job, a command line tool) neither rewrites nor counts
     * TOTP secrets, retires the old key while every secret is still under it, and the next start-up without the key
     * marks it removed, after which no TOTP secret decrypts.
     */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void aRewriteFromAnInstanceWithoutTheTotpFactor_neverRetiresTheKeyTheSecretsAreUnder(String name) {
        Supplier<AuthStores> stores = backend(name);
        TotpFixture fx = new TotpFixture(stores.get(), TotpConfig.defaults());
        TotpFixture.Enrolled cy = fx.enrolled("cy@example.com");
        String oldId = fx.auth.keys().status().currentKeyId();
        assertThat(keyIdOf(totp(fx, cy).secret())).isEqualTo(oldId);
        TotpFixture.passwordLogin(fx.service(stores.get(), TotpFactor.create("Acme"), RecoveryCodeFactor.create(),
                NEW_KEY, TotpFixture.MASTER_KEY), "cy@example.com"); // the password moves to the new key
        AuthService bare = AuthService.newBuilder(AuthConfig.newBuilder().issuer("https://auth.test")
                .audience("test-api").appName("Acme").masterKey(NEW_KEY).previousMasterKeys(TotpFixture.MASTER_KEY)
                .passwords(PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build()).clock(fx.clock)
                .build(), stores.get()).otpProvider(fx.outbox).build();

        KeyReferences old = bare.keys().rewrite().status().key(oldId).orElseThrow();

        assertThat(keyIdOf(totp(fx, cy).secret())).isEqualTo(oldId);
        assertThat(old.removable()).as("a TOTP secret is still under " + oldId).isFalse();
    }

    private static StoredCredential totp(TotpFixture fx, TotpFixture.Enrolled user) {
        return fx.stores.credentials().findByUser(user.user().id(), TotpFactor.CREDENTIAL_TYPE).get(0);
    }
}
