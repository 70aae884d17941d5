package dev.latchkey.auth.jdbc.flows;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.SigningAlgorithm;
import dev.latchkey.auth.TestHooks;
import dev.latchkey.auth.User;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.jdbc.TestDatabase;
import dev.latchkey.auth.keys.KeyReferences;
import dev.latchkey.auth.keys.MasterKeyRewrite;
import dev.latchkey.auth.keys.MasterKeyStatus;
import dev.latchkey.auth.otp.MockOtpProvider;
import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredSigningKey;
import dev.latchkey.auth.testkit.TestClock;
import dev.latchkey.auth.testkit.memory.InMemoryAuthStores;
import dev.latchkey.auth.token.SigningConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Master-key rotation end to end, on the in-memory stores and on every {@link TestDatabase}: values made under the old
 * key keep working and are rewritten under the new one (a password at its next login, a signing key when loaded, the
 * rest by the rewrite), the status counts what refers to each key, and a key list that does not match the database's
 * registry fails start-up, on HS256 as on RS256.
 */
class MasterKeyRotationTest {
    private static final byte[] KEY_A = "master key A: 32 bytes or more, random!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_B = "master key B: 32 bytes or more, random!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_C = "master key C: 32 bytes or more, random!".getBytes(StandardCharsets.US_ASCII);
    private static final PasswordConfig FAST = PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build();

    /** Where the stores live. */
    enum Backend { MEMORY, H2, POSTGRES, MARIADB }

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final MockOtpProvider outbox = MockOtpProvider.newBuilder().clock(clock).build();
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final String prefix = TestDatabase.uniquePrefix();
    private InMemoryAuthStores memory;

    @AfterEach
    void close() {
        pools.forEach(HikariDataSource::close);
    }

    /** Stores over the same data each call: one instance's view of the backend. */
    private AuthStores stores(Backend backend) {
        if (backend == Backend.MEMORY) {
            memory = memory == null ? InMemoryAuthStores.create() : memory;
            return memory.anotherInstance();
        }
        HikariDataSource pool = TestDatabase.valueOf(backend.name()).newDataSource();
        pools.add(pool);
        return JdbcAuthStores.newBuilder(pool).tablePrefix(prefix).build();
    }

    private AuthService service(AuthStores stores, UnaryOperator<AuthConfig.Builder> tweaks, byte[] current,
                                byte[]... previous) {
        AuthConfig config = tweaks.apply(AuthConfig.newBuilder().issuer("https://auth.test").audience("test-api")
                .appName("Acme").masterKey(current).previousMasterKeys(previous).passwords(FAST).clock(clock))
                .build();
        return TestHooks.upgradeInline(AuthService.newBuilder(config, stores).otpProvider(outbox)).build();
    }

    private AuthService service(Backend backend, byte[] current, byte[]... previous) {
        return service(stores(backend), b -> b, current, previous);
    }

    private static AuthService register(AuthService auth, String email) {
        auth.accounts().register(Registration.newBuilder().email(email).password(PASSWORD).build());
        return auth;
    }

    private static String login(AuthService auth, String email) {
        return auth.passwords().login(Contact.email(email), PASSWORD, CLIENT).sessionOrThrow().accessToken();
    }

    private static StoredCredential password(AuthStores stores, User user) {
        return stores.credentials().findByUser(user.id(), "password").get(0);
    }

    private static String idOf(AuthService auth) {
        return auth.keys().status().currentKeyId();
    }

    private static Map<String, Long> references(AuthService auth, String keyId) {
        return auth.keys().status().key(keyId).map(KeyReferences::references).orElse(Map.of());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPasswordHashedUnderTheOldKey_logsIn_thenIsRehashedUnderTheNewKeyInTheSameWriteAsAnUpgrade(Backend backend) {
        AuthStores stores = stores(backend);
        AuthService a = service(stores, b -> b, KEY_A);
        User ann = a.accounts().register(Registration.newBuilder().email("ann@example.com").password(PASSWORD).build());
        String idA = idOf(a);
        assertThat(password(stores, ann).secret()).startsWith("@" + idA + ":$2a$04$");

        AuthService b = service(backend, KEY_B, KEY_A);
        String idB = idOf(b);
        assertThat(idB).isNotEqualTo(idA).matches("[A-Za-z0-9_-]{12}");
        assertThat(references(b, idA)).isEqualTo(Map.of("password", 1L));

        assertThat(login(b, "ann@example.com")).isNotBlank();

        assertThat(password(stores, ann).secret()).startsWith("@" + idB + ":$2a$04$");
        assertThat(password(stores, ann).data()).isEqualTo("bcrypt-hmac-sha384");
        assertThat(references(b, idA)).isEmpty();
        assertThat(references(b, idB)).isEqualTo(Map.of("password", 1L));
        assertThat(login(b, "ann@example.com")).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void valuesWithoutAKeyId_belongToTheKeyTheDatabaseWasSetUpWith(Backend backend) {
        AuthStores stores = stores(backend);
        AuthService a = service(stores, b -> b, KEY_A);
        User bob = a.accounts().register(Registration.newBuilder().email("bob@example.com").password(PASSWORD).build());
        StoredCredential tagged = password(stores, bob);
        String untagged = tagged.secret().substring(14); // as written before key ids existed
        assertThat(stores.credentials().replaceSecret(tagged.id(), tagged.secret(), untagged)).isTrue();

        AuthService b = service(backend, KEY_B, KEY_A);
        assertThat(references(b, idOf(a))).isEqualTo(Map.of("password", 1L));
        assertThat(login(b, "bob@example.com")).isNotBlank();

        assertThat(password(stores, bob).secret()).startsWith("@" + idOf(b) + ":");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCodeSentBeforeTheRotation_isStillAcceptedAfterIt(Backend backend) {
        UnaryOperator<AuthConfig.Builder> emailCodes = c -> c.codes(CodeConfig.newBuilder().allowLoginCodesByEmail()
                .build());
        AuthService a = register(service(stores(backend), emailCodes, KEY_A), "cat@example.com");
        a.loginCodes().send(Contact.email("cat@example.com"), CLIENT);
        String code = outbox.latestCode("cat@example.com").orElseThrow();

        AuthService b = service(stores(backend), emailCodes, KEY_B, KEY_A);

        assertThat(b.loginCodes().login(Contact.email("cat@example.com"), code, CLIENT).sessionOrThrow()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anHs256TokenSignedUnderTheOldKey_verifiesUntilTheOldKeyIsRemoved(Backend backend) {
        AuthService a = register(service(backend, KEY_A), "dan@example.com");
        String old = login(a, "dan@example.com");

        AuthService b = service(backend, KEY_B, KEY_A);
        assertThat(b.tokens().verify(old).userId()).isNotBlank();
        String fresh = login(b, "dan@example.com");
        assertThat(service(backend, KEY_A, KEY_B).tokens().verify(fresh).userId()).as("a phase-1 instance")
                .isNotBlank();
        assertCode(() -> a.tokens().verify(fresh), AuthErrorCode.INVALID_TOKEN);
        MasterKeyRewrite rewrite = b.keys().rewrite();
        assertThat(rewrite.status().key(idOf(a)).orElseThrow().removable()).isTrue();

        AuthService bOnly = service(backend, KEY_B);

        assertCode(() -> bOnly.tokens().verify(old), AuthErrorCode.INVALID_TOKEN);
        assertThat(bOnly.tokens().verify(fresh).userId()).isNotBlank();
        assertThat(login(bOnly, "dan@example.com")).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void signingKeysSealedUnderTheOldKey_areResealedUnderTheNewOne_andItsTokensStillVerify(Backend backend) {
        UnaryOperator<AuthConfig.Builder> rs256 = c -> c.signing(SigningConfig.newBuilder()
                .algorithm(SigningAlgorithm.RS256).build());
        AuthStores stores = stores(backend);
        AuthService a = register(service(stores, rs256, KEY_A), "eve@example.com");
        String old = login(a, "eve@example.com");
        List<StoredSigningKey> before = stores.signingKeys().orElseThrow().findAll();
        assertThat(before).singleElement().satisfies(k -> assertThat(k.encryptedPrivateKey())
                .startsWith("@" + idOf(a) + ":"));

        AuthService b = service(stores(backend), rs256, KEY_B, KEY_A);

        StoredSigningKey after = stores.signingKeys().orElseThrow().findAll().get(0);
        assertThat(after.keyId()).isEqualTo(before.get(0).keyId());
        assertThat(after.encryptedPrivateKey()).startsWith("@" + idOf(b) + ":");
        assertThat(b.tokens().verify(old).userId()).isNotBlank();
        assertThat(references(b, idOf(a))).isEqualTo(Map.of("password", 1L));
        assertThat(b.tokens().verify(login(b, "eve@example.com")).userId()).isNotBlank();
        assertThat(references(b, idOf(a))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theRewrite_resealsSigningKeys_andReportsPasswordsOnlyTheirOwnersCanRewrite_perKeyId(Backend backend) {
        UnaryOperator<AuthConfig.Builder> es256 = c -> c.signing(SigningConfig.newBuilder()
                .algorithm(SigningAlgorithm.ES256).build());
        AuthStores stores = stores(backend);
        AuthService a = service(stores, es256, KEY_A);
        for (String email : List.of("f1@example.com", "f2@example.com", "f3@example.com")) {
            register(a, email);
        }
        String idA = idOf(a);
        // An instance that only verifies (phase 1) leaves the signing key as it is.
        service(stores(backend), es256, KEY_A, KEY_B);
        assertThat(stores.signingKeys().orElseThrow().findAll().get(0).encryptedPrivateKey()).startsWith("@" + idA);
        // The new key becomes current; this instance signs but a second key is what the rewrite must reseal.
        a.tokens().rotateSigningKey();
        AuthService b = service(stores(backend), es256, KEY_B, KEY_A);
        login(b, "f1@example.com");

        MasterKeyRewrite rewrite = b.keys().rewrite();

        assertThat(stores.signingKeys().orElseThrow().findAll()).allSatisfy(k -> assertThat(k.encryptedPrivateKey())
                .startsWith("@" + idOf(b) + ":"));
        assertThat(rewrite.failed()).isEmpty();
        MasterKeyStatus status = rewrite.status();
        assertThat(status.currentKeyId()).isEqualTo(idOf(b));
        KeyReferences old = status.key(idA).orElseThrow();
        assertThat(old.references()).isEqualTo(Map.of("password", 2L));
        assertThat(old.ownerOnly()).containsExactly("password");
        assertThat(old.removable()).isFalse();
        assertThat(old.retiredAt()).isEmpty();
        assertThat(status.key(idOf(b)).orElseThrow().references()).containsEntry("password", 1L)
                .containsEntry("signing_key", 2L);
        assertThat(b.keys().rewrite().rewritten()).as("nothing left to rewrite").isEmpty();
        assertThatThrownBy(() -> service(backend, KEY_B)).as("two passwords still need key A")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(idA);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aMismatchedMasterKey_failsStartUpOnHs256_namingKeyIdsNeverKeys(Backend backend) {
        String idA = idOf(register(service(backend, KEY_A), "gil@example.com"));

        assertThatThrownBy(() -> service(backend, KEY_C))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mismatch").hasMessageContaining(idA)
                .hasMessageNotContaining(new String(KEY_C, StandardCharsets.US_ASCII))
                .hasMessageNotContaining(Base64.getEncoder().encodeToString(KEY_C));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aMismatchedMasterKey_failsStartUpOnRs256(Backend backend) {
        UnaryOperator<AuthConfig.Builder> rs256 = c -> c.signing(SigningConfig.newBuilder()
                .algorithm(SigningAlgorithm.RS256).build());
        String idA = idOf(service(stores(backend), rs256, KEY_A));

        assertThatThrownBy(() -> service(stores(backend), rs256, KEY_C))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(idA);
        assertThatThrownBy(() -> service(stores(backend), rs256, KEY_C, KEY_B))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(idA);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void removingAKeyThatStoredValuesStillReferTo_failsStartUp(Backend backend) {
        AuthService a = register(service(backend, KEY_A), "hal@example.com");
        service(backend, KEY_B, KEY_A).keys().rewrite();

        assertThatThrownBy(() -> service(backend, KEY_B))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lack [" + idOf(a) + "]");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void previousKeysOnADatabaseWithoutARegistryYet_failStartUp(Backend backend) {
        AuthStores empty = stores(backend);

        assertThatThrownBy(() -> service(empty, b -> b, KEY_B, KEY_A))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no master-key registry yet");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void twoInstancesWithTheSameKeyLists_agreeAtEveryStep_andOneWithAnotherNewKeyFails(Backend backend) {
        AuthService a1 = register(service(backend, KEY_A), "ida@example.com");
        AuthService a2 = service(backend, KEY_A);
        String early = login(a2, "ida@example.com");
        // Phase 1 on both, then phase 2 on both.
        AuthService p1 = service(backend, KEY_A, KEY_B);
        AuthService p2 = service(backend, KEY_A, KEY_B);
        assertThat(p1.tokens().verify(early).userId()).isEqualTo(p2.tokens().verify(early).userId());
        AuthService n1 = service(backend, KEY_B, KEY_A);
        AuthService n2 = service(backend, KEY_B, KEY_A);
        assertThat(n1.keys().status()).isEqualTo(n2.keys().status());

        String viaOne = login(n1, "ida@example.com");
        assertThat(n2.tokens().verify(viaOne).userId()).isEqualTo(n1.tokens().verify(early).userId());
        assertThat(p2.tokens().verify(viaOne).userId()).as("a phase-1 instance reads the new key's values")
                .isNotBlank();
        assertThat(login(n2, "ida@example.com")).isNotBlank();
        assertThat(login(p1, "ida@example.com")).isNotBlank();
        assertThat(n1.keys().status()).isEqualTo(n2.keys().status());
        assertThat(a1.keys().status().currentKeyId()).isNotEqualTo(n1.keys().status().currentKeyId());

        assertThatThrownBy(() -> service(backend, KEY_C, KEY_A))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(idOf(n1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(login(n2, "ida@example.com")).as("the failed instance registered nothing").isNotBlank();
        assertThat(service(backend, KEY_B, KEY_A).keys().status()).isEqualTo(n1.keys().status());
    }
}
