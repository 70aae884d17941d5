package dev.latchkey.auth.hash;

import dev.latchkey.auth.internal.KeyTag;
import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.UpgradeHooks;
import dev.latchkey.auth.imports.ImportOutcome;
import dev.latchkey.auth.imports.ImportedUser;
import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.testkit.memory.InMemoryAuthStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** auth-hashes wired into AuthService: imported scrypt and Argon2 hashes, and Argon2id for new hashes. */
class ServiceLoginTest {
    private static final byte[] KEY = "test master key, 32 bytes or more!!".getBytes(StandardCharsets.US_ASCII);
    private static final ClientInfo CLIENT = ClientInfo.of("203.0.113.7", "JUnit");
    private static final String PASSWORD = "correct horse battery staple";

    private final InMemoryAuthStores stores = InMemoryAuthStores.create();

    private AuthService service(String algorithm) {
        AuthConfig config = AuthConfig.newBuilder().issuer("https://auth.test").audience("api").masterKey(KEY)
                .passwords(PasswordConfig.newBuilder().insecureBcryptCostForTests(4).hashAlgorithm(algorithm).build())
                .build();
        return UpgradeHooks.upgradeInline(AuthService.newBuilder(config, stores)
                .passwordHashFormats(LegacyHashFormats.all())
                .passwordHashing(Argon2idHashing.newBuilder().memoryKib(8192).iterations(1).build())).build();
    }

    private StoredCredential password(String userId) {
        return stores.credentials().findByUser(userId, "password").get(0);
    }

    static List<LegacyHashFormatsTest.Vector> vectors() throws Exception {
        return LegacyHashFormatsTest.vectors().stream().filter(v -> v.password().equals(PASSWORD)).toList();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void importedMemoryHardHash_logsInOnce_thenIsTheConfiguredOwnFormat(LegacyHashFormatsTest.Vector v) {
        AuthService auth = service("argon2id");
        List<ImportOutcome> outcomes = new ArrayList<>();
        auth.imports().importUsers(List.of(ImportedUser.newBuilder().email("ada@example.com", true)
                .passwordHash(v.hash()).build()), outcomes::add);
        String userId = outcomes.get(0).userId();
        assertThat(auth.imports().legacyPasswordHashes()).isEqualTo(1);

        auth.passwords().login(Contact.email("ada@example.com"), PASSWORD, CLIENT).sessionOrThrow();

        assertThat(password(userId).data()).isEqualTo("argon2id-hmac-sha384");
        assertThat(KeyTag.valueOf(password(userId).secret())).startsWith("$argon2id$v=19$m=8192,t=1,p=1$");
        assertThat(auth.imports().legacyPasswordHashes()).isZero();
        assertThat(auth.passwords().login(Contact.email("ada@example.com"), PASSWORD, CLIENT).sessionOrThrow()
                .user().id()).isEqualTo(userId);
    }

    @Test
    void switchingBcryptToArgon2id_rehashesAtTheNextLogin_andBackAgain() {
        String userId = service("bcrypt").accounts().register(Registration.newBuilder().email("bo@example.com")
                .password(PASSWORD).build()).id();
        assertThat(password(userId).data()).isEqualTo("bcrypt-hmac-sha384");

        AuthService argon2 = service("argon2id");
        argon2.passwords().login(Contact.email("bo@example.com"), PASSWORD, CLIENT).sessionOrThrow();
        assertThat(password(userId).data()).isEqualTo("argon2id-hmac-sha384");
        assertThat(KeyTag.valueOf(password(userId).secret())).startsWith("$argon2id$");
        assertThat(argon2.imports().passwordHashFormats()).isEqualTo(Map.of("argon2id-hmac-sha384", 1L));
        assertThat(argon2.imports().legacyPasswordHashes()).isZero();

        AuthService bcrypt = service("bcrypt");
        bcrypt.passwords().login(Contact.email("bo@example.com"), PASSWORD, CLIENT).sessionOrThrow();
        assertThat(password(userId).data()).isEqualTo("bcrypt-hmac-sha384");
        assertThat(KeyTag.valueOf(password(userId).secret())).startsWith("$2a$04$");
    }

    @Test
    void newPasswords_underArgon2id_arePepperedArgon2idHashes() {
        AuthService auth = service("argon2id");
        String userId = auth.accounts().register(Registration.newBuilder().email("cy@example.com").password(PASSWORD)
                .build()).id();
        assertThat(password(userId).data()).isEqualTo("argon2id-hmac-sha384");
        // The hash is of the peppered pre-hash: the raw password does not match it.
        assertThat(LegacyHashFormats.argon2().matches(PASSWORD.getBytes(StandardCharsets.UTF_8),
                password(userId).secret())).isFalse();
        assertThatThrownBy(() -> auth.passwords().login(Contact.email("cy@example.com"), PASSWORD + "!", CLIENT))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(AuthErrorCode.INVALID_CREDENTIALS));
    }

    @Test
    void argon2idConfigured_withoutItsHashingRegistered_failsAtBuild() {
        AuthConfig config = AuthConfig.newBuilder().issuer("https://auth.test").audience("api").masterKey(KEY)
                .passwords(PasswordConfig.newBuilder().hashAlgorithm("argon2id").build()).build();
        assertThatThrownBy(() -> AuthService.newBuilder(config, stores).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Argon2idHashing");
    }
}
