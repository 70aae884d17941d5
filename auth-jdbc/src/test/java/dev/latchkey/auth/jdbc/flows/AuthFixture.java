package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.testkit.TestClock;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.jdbc.TestDatabase;
import dev.latchkey.auth.otp.MockOtpProvider;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * One application's auth stack over a real database: JDBC stores under a fresh table prefix, a movable clock and the
 * mock OTP provider. {@link #secondInstance()} builds another service with its own pool over the same tables, as a
 * second app instance would.
 */
final class AuthFixture implements AutoCloseable {
    static final byte[] MASTER_KEY = "test master key, 32 bytes or more!!".getBytes(StandardCharsets.US_ASCII);
    static final ClientInfo CLIENT = ClientInfo.of("203.0.113.7", "JUnit");
    static final String PASSWORD = "correct horse battery staple";
    static final PasswordConfig FAST_PASSWORDS = PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build();

    final TestDatabase database;
    /** The pool of the n-th instance (0 for {@link #auth}, then one per {@link #secondInstance()}). */
    private final IntFunction<HikariDataSource> poolOf;
    final String prefix = TestDatabase.uniquePrefix();
    final TestClock clock = new TestClock(Instant.parse("2026-11-22T10:00:00Z"));
    final MockOtpProvider outbox = MockOtpProvider.newBuilder().clock(clock).build();
    private final UnaryOperator<AuthConfig.Builder> tweaks;
    private final UnaryOperator<AuthService.Builder> serviceTweaks;
    private final List<HikariDataSource> pools = new ArrayList<>();
    final JdbcAuthStores stores;
    final AuthService auth;

    AuthFixture(TestDatabase database) {
        this(database, b -> b);
    }

    AuthFixture(TestDatabase database, UnaryOperator<AuthConfig.Builder> tweaks) {
        this(database, tweaks, b -> b);
    }

    /** With {@code serviceTweaks} applied to each service's builder (factors of other modules, listeners). */
    AuthFixture(TestDatabase database, UnaryOperator<AuthConfig.Builder> tweaks,
                UnaryOperator<AuthService.Builder> serviceTweaks) {
        this(database, n -> database.newDataSource(), tweaks, serviceTweaks);
    }

    /** Over the pools {@code poolOf} gives each instance in turn (the nodes of a cluster, say). */
    AuthFixture(IntFunction<HikariDataSource> poolOf, UnaryOperator<AuthConfig.Builder> tweaks) {
        this(null, poolOf, tweaks, b -> b);
    }

    private AuthFixture(TestDatabase database, IntFunction<HikariDataSource> poolOf,
                        UnaryOperator<AuthConfig.Builder> tweaks, UnaryOperator<AuthService.Builder> serviceTweaks) {
        this.database = database;
        this.poolOf = poolOf;
        this.tweaks = tweaks;
        this.serviceTweaks = serviceTweaks;
        this.stores = newStores();
        this.auth = newService(stores);
    }

    AuthConfig.Builder configBuilder() {
        return tweaks.apply(AuthConfig.newBuilder()
                .issuer("https://auth.test")
                .audience("test-api")
                .appName("Acme")
                .masterKey(MASTER_KEY)
                .passwords(FAST_PASSWORDS)
                .clock(clock));
    }

    JdbcAuthStores newStores() {
        HikariDataSource pool = poolOf.apply(pools.size());
        pools.add(pool);
        return JdbcAuthStores.newBuilder(pool).tablePrefix(prefix).build();
    }

    AuthService newService(JdbcAuthStores over) {
        return serviceTweaks.apply(AuthService.newBuilder(configBuilder().build(), over).otpProvider(outbox)).build();
    }

    /** Another app instance: its own pool and service over the same tables, clock and outbox. */
    AuthService secondInstance() {
        return newService(newStores());
    }

    User registerEmail(String email) {
        return auth.accounts().register(Registration.newBuilder().email(email).password(PASSWORD).build());
    }

    Session loginEmail(String email) {
        return auth.passwords().login(Contact.email(email), PASSWORD, CLIENT).sessionOrThrow();
    }

    String latestCode(String destination) {
        return outbox.latestCode(destination).orElseThrow(() -> new AssertionError("no code sent to " + destination));
    }

    /** A code of the right shape that is not the one sent. */
    String wrongCode(String destination) {
        String right = latestCode(destination);
        return right.equals("000000") ? "111111" : "000000";
    }

    /** Asserts that {@code call} fails with {@code code}. */
    static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
                           dev.latchkey.auth.AuthErrorCode code) {
        org.assertj.core.api.Assertions.assertThatThrownBy(call).isInstanceOfSatisfying(
                dev.latchkey.auth.AuthException.class, e -> org.assertj.core.api.Assertions.assertThat(e.code())
                        .isEqualTo(code));
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
    }
}
