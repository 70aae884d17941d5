package dev.latchkey.auth.jdbc.flows;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.SigningAlgorithm;
import dev.latchkey.auth.TestHooks;
import dev.latchkey.auth.User;
import dev.latchkey.auth.factor.Factor;
import dev.latchkey.auth.factor.FactorContext;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.jdbc.TestDatabase;
import dev.latchkey.auth.keys.KeyReferences;
import dev.latchkey.auth.otp.MockOtpProvider;
import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.testkit.TestClock;
import dev.latchkey.auth.testkit.memory.InMemoryAuthStores;
import dev.latchkey.auth.token.SigningConfig;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A reviewer's attacks on master-key rotation, on the in-memory stores and on every {@link TestDatabase}: downgrades
 * by instances whose current key is the older one, the first registration on an upgraded database, keys given one by
 * one, phase-1 instances with different previous keys, and secrets the key status does not see. Each test states the
 * property the rotation must keep; they fail on the code under review.
 */
class MasterKeyRotationAttackTest {
    private static final byte[] KEY_A = "attack key A: 32 bytes or more, random".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_B = "attack key B: 32 bytes or more, random".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_C = "attack key C: 32 bytes or more, random".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOKEN_KEY = "an HS256 key given on its own, 32 bytes+"
            .getBytes(StandardCharsets.US_ASCII);
    private static final PasswordConfig FAST = PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build();
    private static final UnaryOperator<AuthConfig.Builder> RS256 = c -> c.signing(SigningConfig.newBuilder()
            .algorithm(SigningAlgorithm.RS256).build());

    /** Where the stores live. */
    enum Backend { MEMORY, H2, POSTGRES, MARIADB }

    /** The databases only (the tests that edit tables with SQL). */
    enum Sql { H2, POSTGRES, MARIADB }

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final MockOtpProvider outbox = MockOtpProvider.newBuilder().clock(clock).build();
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final String prefix = TestDatabase.uniquePrefix();
    private InMemoryAuthStores memory;

    @AfterEach
    void close() {
        pools.forEach(HikariDataSource::close);
    }

    private HikariDataSource pool(String backend) {
        HikariDataSource pool = TestDatabase.valueOf(backend).newDataSource();
        pools.add(pool);
        return pool;
    }

    /** Stores over the same data each call: one instance's view of the backend. */
    private AuthStores stores(Backend backend) {
        if (backend == Backend.MEMORY) {
            memory = memory == null ? InMemoryAuthStores.create() : memory;
            return memory.anotherInstance();
        }
        return JdbcAuthStores.newBuilder(pool(backend.name())).tablePrefix(prefix).build();
    }

    private AuthStores stores(Sql backend) {
        return JdbcAuthStores.newBuilder(pool(backend.name())).tablePrefix(prefix).build();
    }

    private AuthService service(AuthStores stores, UnaryOperator<AuthConfig.Builder> tweaks,
                                UnaryOperator<AuthService.Builder> serviceTweaks, byte[] current,
                                byte[]... previous) {
        AuthConfig config = tweaks.apply(AuthConfig.newBuilder().issuer("https://auth.test").audience("test-api")
                .appName("Acme").masterKey(current).previousMasterKeys(previous).passwords(FAST).clock(clock))
                .build();
        return serviceTweaks.apply(TestHooks.upgradeInline(AuthService.newBuilder(config, stores)
                .otpProvider(outbox))).build();
    }

    private AuthService service(AuthStores stores, UnaryOperator<AuthConfig.Builder> tweaks, byte[] current,
                                byte[]... previous) {
        return service(stores, tweaks, b -> b, current, previous);
    }

    private AuthService service(Backend backend, byte[] current, byte[]... previous) {
        return service(stores(backend), b -> b, current, previous);
    }

    private static User register(AuthService auth, String email) {
        return auth.accounts().register(Registration.newBuilder().email(email).password(PASSWORD).build());
    }

    private static String login(AuthService auth, String email) {
        return auth.passwords().login(Contact.email(email), PASSWORD, CLIENT).sessionOrThrow().accessToken();
    }

    private static String passwordHash(AuthStores stores, User user) {
        return stores.credentials().findByUser(user.id(), "password").get(0).secret();
    }

    private static String idOf(AuthService auth) {
        return auth.keys().status().currentKeyId();
    }

    /**
     * Downgrade. Phase 1 (current A, previous B) is meant to let an instance read what phase-2 instances (current B,
     * previous A) write. It must never rewrite those values under A: PasswordCheck.upgrade rewrites every own hash
     * whose key id is not the instance's current one, so a phase-1 (or rolled-back) instance turns a hash already
     * under the new key B back into one under the old key A at its owner's next login.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPhaseOneInstance_neverRewritesAPasswordHashOfTheNewKeyUnderTheOldOne(Backend backend) {
        AuthStores stores = stores(backend);
        AuthService a = service(stores, b -> b, KEY_A);
        User ann = register(a, "ann@example.com");
        AuthService n = service(backend, KEY_B, KEY_A);
        String idB = idOf(n);
        login(n, "ann@example.com");
        assertThat(passwordHash(stores, ann)).startsWith("@" + idB + ":");
        AuthService p = service(backend, KEY_A, KEY_B);

        assertThat(login(p, "ann@example.com")).isNotBlank();

        assertThat(passwordHash(stores, ann)).as("a phase-1 instance must not downgrade a hash to the old key")
                .startsWith("@" + idB + ":");
    }

    /**
     * Downgrade of signing keys and of the registry. StoredKeyRing.reseal and DefaultMasterKeys.rewrite re-encrypt
     * whatever is not under the instance's current key: a phase-1 instance reseals the signing key a phase-2 instance
     * had moved to B back under A, and its rewrite() then finds nothing under B and marks B, the database's newest
     * key, retired.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPhaseOneInstance_neverResealsSigningKeysUnderTheOldKey_norRetiresTheNewOne(Backend backend) {
        AuthStores stores = stores(backend);
        service(stores, RS256, KEY_A);
        AuthService n = service(stores(backend), RS256, KEY_B, KEY_A);
        String idB = idOf(n);
        assertThat(stores.signingKeys().orElseThrow().findAll()).allSatisfy(k -> assertThat(k.encryptedPrivateKey())
                .startsWith("@" + idB + ":"));

        AuthService p = service(stores(backend), RS256, KEY_A, KEY_B);
        p.keys().rewrite();

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(stores.signingKeys().orElseThrow().findAll()).as("signing keys stay under the new key")
                    .allSatisfy(k -> assertThat(k.encryptedPrivateKey()).startsWith("@" + idB + ":"));
            soft.assertThat(n.keys().status().key(idB).flatMap(KeyReferences::retiredAt))
                    .as("the newest registered key is never retired by an instance for which it is a previous key")
                    .isEmpty();
        });
    }

    /**
     * Upgrade of an existing HS256 database (values without key ids, an empty registry): nothing can be checked
     * without a user's secret, so the first instance registers its key as generation 1 whatever it is. A wrong key
     * starts silently (every login invalid_credentials, as before the registry), and worse, it becomes the origin: the
     * instances with the right key then fail start-up for good ("none of this instance's master keys is one the
     * database was set up with") until someone edits the registry table by hand.
     */
    @ParameterizedTest
    @EnumSource(Sql.class)
    void upgradingADatabaseWithoutARegistry_aWrongKeyNeverBecomesItsKey_andTheRightKeyStillStarts(Sql backend)
            throws SQLException {
        AuthStores stores = stores(backend);
        AuthService a = service(stores, b -> b, KEY_A);
        User ann = register(a, "ann@example.com");
        StoredCredential tagged = stores.credentials().findByUser(ann.id(), "password").get(0);
        assertThat(stores.credentials().replaceSecret(tagged.id(), tagged.secret(), tagged.secret().substring(14)))
                .isTrue(); // as written before key ids existed
        execute(backend, "DELETE FROM " + prefix + "latchkey_master_keys"); // as migration V10 leaves it

        try {
            service(stores(backend), b -> b, KEY_C);
        } catch (IllegalStateException refused) {
            // Refusing the wrong key would be better still; what must not happen is that it becomes the database's.
        }

        AuthService right = service(stores(backend), b -> b, KEY_A);
        assertThat(login(right, "ann@example.com")).isNotBlank();
        // The matching login confirmed key A: it is now the database's first key, and the wrong one is refused.
        assertThat(right.keys().status().key(idOf(right)).flatMap(KeyReferences::registeredAt)).isPresent();
        assertThatThrownBy(() -> service(stores(backend), b -> b, KEY_C)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(idOf(right));
    }

    /**
     * Keys given one by one. The master-key id covers the access-token key, the pepper, the code key and the KEK as
     * configured, while previousMasterKeys derive all four from the old master key: with an explicit accessTokenKey
     * (a public builder setting) the previous key's id is not the registered one, so the documented rotation failed
     * start-up as a "mismatch" although every stored value is under the previous key. Decided: the combination is
     * refused when the configuration is built, naming the settings, instead of a rotation that half-works.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void rotatingTheMasterKeyWhileKeepingAnExplicitAccessTokenKey_isRefusedAtBuildNamingTheSetting(Backend backend) {
        UnaryOperator<AuthConfig.Builder> explicitToken = c -> c.accessTokenKey(TOKEN_KEY);
        register(service(stores(backend), explicitToken, KEY_A), "bob@example.com");

        assertThatThrownBy(() -> service(stores(backend), explicitToken, KEY_B, KEY_A))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("previousMasterKeys cannot be combined with [accessTokenKey]");
        assertThat(login(service(stores(backend), explicitToken, KEY_A), "bob@example.com")).isNotBlank();
    }

    /**
     * An HS256 kid set by SigningConfig.hmacKeyId names only the current key: previous keys get a derived kid, so every
     * access token signed before the rotation carried a kid that then selected the new key, and failed at once.
     * Decided: hmacKeyId with previousMasterKeys is refused when the configuration is built, naming the setting.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void withAnExplicitHmacKeyId_aRotationIsRefusedAtBuildNamingTheSetting(Backend backend) {
        UnaryOperator<AuthConfig.Builder> named = c -> c.signing(SigningConfig.newBuilder().hmacKeyId("main").build());
        AuthService a = service(stores(backend), named, KEY_A);
        register(a, "cy@example.com");
        String old = login(a, "cy@example.com");

        assertThatThrownBy(() -> service(stores(backend), named, KEY_B, KEY_A))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("previousMasterKeys cannot be combined with [SigningConfig.hmacKeyId]");
        assertThatCode(() -> service(stores(backend), named, KEY_A).tokens().verify(old)).doesNotThrowAnyException();
    }

    /**
     * Phase 1 checks nothing: previous keys the registry does not know are "only reported". Two phase-1 instances
     * given different new keys (B on one, a mistyped C on the other) both start; once a phase-2 instance makes B
     * current, the one with C silently answers invalid_credentials to every user the others rehashed, and rejects their
     * HS256 tokens. The second differing phase-1 instance must fail start-up, as two different current keys do.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void twoPhaseOneInstancesWithDifferentNewKeys_doNotBothStart(Backend backend) {
        register(service(backend, KEY_A), "dee@example.com");
        service(backend, KEY_A, KEY_B);

        assertThatThrownBy(() -> service(backend, KEY_A, KEY_C)).isInstanceOf(IllegalStateException.class);
    }

    /**
     * The status counts only the credential types factors declare (ReferenceCounts walks
     * Factor.keyedCredentials(), whose default is none), although every value FactorContext.encrypt makes carries a
     * key id: a factor that encrypts its secrets but declares nothing leaves them out, and the old key is reported
     * removable while they still need it.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSecretEncryptedUnderTheOldKey_keepsItFromBeingReportedRemovable_whateverTheFactorDeclares(Backend backend) {
        SealingFactor oldFactor = new SealingFactor();
        AuthStores stores = stores(backend);
        AuthService a = service(stores, b -> b, s -> s.factor(oldFactor), KEY_A);
        String idA = idOf(a);
        User eve = register(a, "eve@example.com");
        login(service(stores(backend), b -> b, s -> s.factor(new SealingFactor()), KEY_B, KEY_A),
                "eve@example.com");
        oldFactor.seal(eve.id());
        assertThat(stores.credentials().findByUser(eve.id(), SealingFactor.TYPE).get(0).secret())
                .startsWith("@" + idA + ":");

        AuthService rotated = service(stores(backend), b -> b, s -> s.factor(new SealingFactor()), KEY_B, KEY_A);
        KeyReferences old = rotated.keys().rewrite().status().key(idA).orElseThrow();

        assertThat(old.removable()).as("a sealed secret still refers to key " + idA).isFalse();
    }

    /**
     * Sound (passes): two instances with different master keys starting together on an empty database; the unique
     * generation lets exactly one register, and the other then fails start-up naming the winner's id.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void twoInstancesWithDifferentKeysStartingTogetherOnAnEmptyDatabase_exactlyOneStarts(Backend backend)
            throws Exception {
        List<AuthStores> each = List.of(stores(backend), stores(backend));
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<AuthService>> started = new ArrayList<>();
            byte[][] keys = {KEY_A, KEY_C};
            for (int i = 0; i < 2; i++) {
                AuthStores stores = each.get(i);
                byte[] key = keys[i];
                started.add(threads.submit(() -> {
                    together.await();
                    return service(stores, b -> b, key);
                }));
            }
            List<AuthService> up = new ArrayList<>();
            List<Throwable> refused = new ArrayList<>();
            for (Future<AuthService> f : started) {
                try {
                    up.add(f.get());
                } catch (ExecutionException e) {
                    refused.add(e.getCause());
                }
            }
            assertThat(up).hasSize(1);
            assertThat(refused).singleElement().isInstanceOf(IllegalStateException.class)
                    .satisfies(e -> assertThat(e.getMessage()).contains(idOf(up.get(0))));
        } finally {
            threads.shutdownNow();
        }
    }

    private void execute(Sql backend, String sql) throws SQLException {
        try (Connection c = pool(backend.name()).getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** A host's factor that keeps one encrypted secret per user through its context and declares nothing. */
    private static final class SealingFactor implements Factor {
        static final String TYPE = "sealed_thing";
        private volatile FactorContext context;

        @Override
        public String id() {
            return "sealed";
        }

        @Override
        public List<String> amr() {
            return List.of("hwk");
        }

        @Override
        public void bind(FactorContext context) {
            this.context = context;
        }

        void seal(String userId) {
            String id = UUID.randomUUID().toString();
            context.credentials().insert(new StoredCredential(id, userId, TYPE, null, null,
                    context.encrypt("a device secret".getBytes(StandardCharsets.US_ASCII), userId + "/" + id), null,
                    0, context.clock().instant(), null));
        }
    }
}
