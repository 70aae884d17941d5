package dev.latchkey.auth.jdbc.flows;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.TestHooks;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.jdbc.TestDatabase;
import dev.latchkey.auth.keys.KeyReferences;
import dev.latchkey.auth.keys.MasterKeyForgetRefused;
import dev.latchkey.auth.keys.MasterKeyForgetRefused.Reason;
import dev.latchkey.auth.keys.MasterKeys;
import dev.latchkey.auth.otp.MockOtpProvider;
import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.StoredMasterKey;
import dev.latchkey.auth.testkit.TestClock;
import dev.latchkey.auth.testkit.memory.InMemoryAuthStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The last step of a rotation, on the in-memory stores and on every {@link TestDatabase}: {@link MasterKeys#forget}
 * removes an old key from the registry only when nothing refers to it, a rewrite retired it and the lifetime of what
 * is not counted has passed since (on the injected clock); an announcement of a phase-1 instance is withdrawn by it,
 * or expires; a forgotten key never becomes current again, and an instance still configured with it starts.
 */
class MasterKeyForgetTest {
    private static final byte[] KEY_A = "master key A: 32 bytes or more, random!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_B = "master key B: 32 bytes or more, random!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_C = "master key C: 32 bytes or more, random!".getBytes(StandardCharsets.US_ASCII);
    private static final PasswordConfig FAST = PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build();
    /** The default access-token lifetime (15 minutes, longer than the codes' 5) plus the 60 s clock skew. */
    private static final Duration WAIT = Duration.ofMinutes(16);

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

    private AuthStores stores(Backend backend) {
        if (backend == Backend.MEMORY) {
            memory = memory == null ? InMemoryAuthStores.create() : memory;
            return memory.anotherInstance();
        }
        HikariDataSource pool = TestDatabase.valueOf(backend.name()).newDataSource();
        pools.add(pool);
        return JdbcAuthStores.newBuilder(pool).tablePrefix(prefix).build();
    }

    private AuthService service(Backend backend, byte[] current, byte[]... previous) {
        AuthConfig config = AuthConfig.newBuilder().issuer("https://auth.test").audience("test-api").appName("Acme")
                .masterKey(current).previousMasterKeys(previous).passwords(FAST).clock(clock).build();
        return TestHooks.upgradeInline(AuthService.newBuilder(config, stores(backend)).otpProvider(outbox)).build();
    }

    private static String idOf(AuthService auth) {
        return auth.keys().status().currentKeyId();
    }

    /** The id of the one configured key that is not current. */
    private static String previousIdOf(AuthService auth) {
        return auth.keys().status().keys().stream().filter(k -> k.configured() && !k.current())
                .map(KeyReferences::keyId).findFirst().orElseThrow();
    }

    private static MasterKeyForgetRefused refusal(AuthService auth, String keyId) {
        return catchThrowableOfType(MasterKeyForgetRefused.class, () -> auth.keys().forget(keyId));
    }

    private List<StoredMasterKey> registry(Backend backend) {
        return stores(backend).masterKeys().orElseThrow().findAll();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anOldKey_isForgottenOnlyOnceNothingRefersToIt_aRewriteRetiredIt_andTheWaitIsOver(Backend backend) {
        AuthService a = service(backend, KEY_A);
        a.accounts().register(Registration.newBuilder().email("ann@example.com").password(PASSWORD).build());
        String idA = idOf(a);
        AuthService b = service(backend, KEY_B, KEY_A);

        assertThat(refusal(b, idOf(b)).reason()).isEqualTo(Reason.CURRENT);
        assertThat(refusal(b, "nosuchkeyid0").reason()).isEqualTo(Reason.UNKNOWN);
        MasterKeyForgetRefused referenced = refusal(b, idA);
        assertThat(referenced.reason()).isEqualTo(Reason.REFERENCED);
        assertThat(referenced.references()).isEqualTo(Map.of("password", 1L));
        assertThat(referenced).hasMessageContaining(idA).hasMessageContaining("password=1");
        b.keys().rewrite();
        assertThat(refusal(b, idA).reason()).as("the password still waits for its owner").isEqualTo(Reason.REFERENCED);

        b.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT).sessionOrThrow();
        assertThat(refusal(b, idA).reason()).as("nothing refers to it, but no rewrite retired it")
                .isEqualTo(Reason.NOT_RETIRED);
        Instant retired = clock.instant();
        b.keys().rewrite();
        clock.advance(WAIT.minusSeconds(1));
        MasterKeyForgetRefused waiting = refusal(b, idA);
        assertThat(waiting.reason()).isEqualTo(Reason.WAITING);
        assertThat(waiting.notBefore()).contains(retired.plus(WAIT));
        assertThat(registry(backend).get(0).removedAt()).as("a refusal writes nothing").isNull();

        clock.advance(Duration.ofSeconds(1));
        b.keys().forget(idA);

        assertThat(registry(backend).get(0).removedAt()).isEqualTo(clock.instant());
        assertThat(b.keys().forget(idA).key(idA)).as("again: nothing changes").isPresent();
        AuthService stillConfigured = service(backend, KEY_B, KEY_A);
        assertThat(stillConfigured.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT)
                .sessionOrThrow()).as("an instance still configured with the forgotten key starts").isNotNull();
        assertThat(service(backend, KEY_B).passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT)
                .sessionOrThrow()).isNotNull();
        assertThatThrownBy(() -> service(backend, KEY_A, KEY_B)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was removed").hasMessageContaining(idA);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPhaseOneInstance_cannotForgetTheNewerKey(Backend backend) {
        service(backend, KEY_A);
        AuthService b = service(backend, KEY_B, KEY_A);
        AuthService phaseOne = service(backend, KEY_A, KEY_B);

        assertThat(refusal(phaseOne, idOf(b)).reason()).isEqualTo(Reason.NEWER);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anAnnouncementNeverMadeCurrent_blocksAnotherNewKeyUntilItExpires_thenIsWithdrawn(Backend backend) {
        service(backend, KEY_A);
        String idB = previousIdOf(service(backend, KEY_A, KEY_B));

        assertThatThrownBy(() -> service(backend, KEY_A, KEY_C)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(idB).hasMessageContaining("announced");
        clock.advance(MasterKeys.ANNOUNCEMENT_EXPIRY.minusSeconds(1));
        assertThatThrownBy(() -> service(backend, KEY_A, KEY_C)).isInstanceOf(IllegalStateException.class);
        clock.advance(Duration.ofSeconds(1));

        String idC = previousIdOf(service(backend, KEY_A, KEY_C));

        assertThat(registry(backend)).filteredOn(r -> r.keyId().equals(idB)).singleElement()
                .satisfies(r -> assertThat(r.removedAt()).isEqualTo(clock.instant()));
        assertThat(registry(backend)).filteredOn(r -> r.keyId().equals(idC)).singleElement()
                .satisfies(r -> assertThat(r.announced()).isTrue());
        assertThatThrownBy(() -> service(backend, KEY_B, KEY_A)).as("a withdrawn key never becomes current")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("was removed");
        AuthService c = service(backend, KEY_C, KEY_A);
        assertThat(idOf(c)).isEqualTo(idC);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anAnnouncement_isWithdrawnAtOnceByForget(Backend backend) {
        AuthService a = service(backend, KEY_A);
        String idB = previousIdOf(service(backend, KEY_A, KEY_B));

        a.keys().forget(idB);

        String idC = previousIdOf(service(backend, KEY_A, KEY_C));
        assertThat(idC).isNotEqualTo(idB);
        assertThat(service(backend, KEY_A, KEY_B).keys().status().currentKeyId())
                .as("a phase-1 instance still given the withdrawn key starts").isEqualTo(idOf(a));
        assertThatThrownBy(() -> service(backend, KEY_B, KEY_A)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was removed");
    }
}
