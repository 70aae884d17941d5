package dev.latchkey.auth.jdbc;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.StoredUser;
import dev.latchkey.auth.testkit.contract.StoreFixtures;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database that went away, on every {@link TestDatabase}: every call fails with STORE_UNAVAILABLE, the cause kept,
 * no value in the message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class DatabaseUnavailableTest {
    @Parameter
    TestDatabase database;

    private DatabaseFixture db;
    private HikariDataSource closedPool;
    private JdbcAuthStores closed;

    @BeforeParameterizedClassInvocation
    void connectThenCloseAPool() {
        db = null;
        db = new DatabaseFixture(database);
        String prefix = db.newStores().tablePrefix();
        closedPool = db.newDataSource();
        closed = JdbcAuthStores.newBuilder(closedPool).tablePrefix(prefix).build();
        closedPool.close();
    }

    @AfterParameterizedClassInvocation
    void dropTablesAndDisconnect() {
        if (db != null) {
            db.close();
        }
    }

    Stream<Named<Consumer<JdbcAuthStores>>> everyOperation() {
        StoredUser user = StoreFixtures.user();
        var session = StoreFixtures.session(user.id());
        var token = StoreFixtures.token(session.id(), NOW);
        var code = StoreFixtures.code("LOGIN", StoreFixtures.email(), NOW);
        return Stream.of(
                Named.of("users.insert", s -> s.users().insert(user)),
                Named.of("users.findById", s -> s.users().findById(user.id())),
                Named.of("users.findByEmail", s -> s.users().findByEmail(user.email())),
                Named.of("users.findByPhone", s -> s.users().findByPhone(StoreFixtures.phone())),
                Named.of("users.update", s -> s.users().update(user)),
                Named.of("users.delete", s -> s.users().delete(user.id())),
                Named.of("users.list", s -> s.users().list(0, 10)),
                Named.of("refreshTokens.createSession", s -> s.refreshTokens().createSession(session, token)),
                Named.of("refreshTokens.findToken", s -> s.refreshTokens().findToken(token.tokenHash())),
                Named.of("refreshTokens.rotate", s -> s.refreshTokens().rotate(token.tokenHash(), NOW, token)),
                Named.of("refreshTokens.findSession", s -> s.refreshTokens().findSession(session.id())),
                Named.of("refreshTokens.revokeSession", s -> s.refreshTokens().revokeSession(session.id(), NOW)),
                Named.of("refreshTokens.revokeAllSessions",
                        s -> s.refreshTokens().revokeAllSessions(user.id(), null, NOW)),
                Named.of("refreshTokens.listActiveSessions",
                        s -> s.refreshTokens().listActiveSessions(user.id(), NOW)),
                Named.of("refreshTokens.purgeExpired", s -> s.refreshTokens().purgeExpired(NOW)),
                Named.of("otpCodes.replace", s -> s.otpCodes().replace(code)),
                Named.of("otpCodes.findLatest", s -> s.otpCodes().findLatest("LOGIN", code.destination())),
                Named.of("otpCodes.tryAttempt", s -> s.otpCodes().tryAttempt(code.id(), 5)),
                Named.of("otpCodes.consume", s -> s.otpCodes().consume(code.id(), NOW)),
                Named.of("otpCodes.delete", s -> s.otpCodes().delete(code.id())),
                Named.of("otpCodes.purgeExpired", s -> s.otpCodes().purgeExpired(NOW)),
                Named.of("rateLimits.tryAcquire", s -> s.rateLimits().tryAcquire("k", NOW, NOW, 5)),
                Named.of("rateLimits.release", s -> s.rateLimits().release("k", NOW)),
                Named.of("rateLimits.count", s -> s.rateLimits().count("k", NOW)),
                Named.of("rateLimits.tryHold", s -> s.rateLimits().tryHold("k", NOW, NOW)),
                Named.of("rateLimits.reset", s -> s.rateLimits().reset("k")),
                Named.of("rateLimits.purgeExpired", s -> s.rateLimits().purgeExpired(NOW)),
                Named.of("inTransaction", s -> s.inTransaction(() -> "unreached")),
                Named.of("purgeExpired", s -> s.purgeExpired(NOW)));
    }

    /** The operations of the credential and challenge stores and the pending contacts. */
    Stream<Named<Consumer<JdbcAuthStores>>> everyFactorAndPendingOperation() {
        StoredUser user = StoreFixtures.user();
        var credential = StoreFixtures.credential(user.id(), "password");
        var challenge = StoreFixtures.challenge(user.id());
        return Stream.of(
                Named.of("users.findPendingRegistrationByEmail",
                        s -> s.users().findPendingRegistrationByEmail(StoreFixtures.email())),
                Named.of("users.findPendingRegistrationByPhone",
                        s -> s.users().findPendingRegistrationByPhone(StoreFixtures.phone())),
                Named.of("credentials.insert", s -> s.credentials().insert(credential)),
                Named.of("credentials.replaceAll",
                        s -> s.credentials().replaceAll(user.id(), "password", List.of(credential))),
                Named.of("credentials.findByUserAndType", s -> s.credentials().findByUser(user.id(), "password")),
                Named.of("credentials.findByUser", s -> s.credentials().findByUser(user.id())),
                Named.of("credentials.findByExternalId", s -> s.credentials().findByExternalId("passkey", "x")),
                Named.of("credentials.replaceSecret", s -> s.credentials().replaceSecret(credential.id(), "a", "b")),
                Named.of("credentials.advanceCounter", s -> s.credentials().advanceCounter(credential.id(), 1, NOW)),
                Named.of("credentials.recordUse",
                        s -> s.credentials().recordUse(credential.id(), 0, 1, NOW, "{}")),
                Named.of("credentials.markUsedOnce", s -> s.credentials().markUsedOnce(credential.id(), NOW)),
                Named.of("credentials.touch", s -> s.credentials().touch(credential.id(), NOW)),
                Named.of("credentials.relabel", s -> s.credentials().relabel(user.id(), credential.id(), "x")),
                Named.of("credentials.delete", s -> s.credentials().delete(user.id(), credential.id())),
                Named.of("challenges.insert", s -> s.challenges().insert(challenge)),
                Named.of("challenges.find", s -> s.challenges().find(challenge.hash())),
                Named.of("challenges.tryAttempt", s -> s.challenges().tryAttempt(challenge.hash(), 5)),
                Named.of("challenges.consume", s -> s.challenges().consume(challenge.hash(), NOW)),
                Named.of("challenges.purgeExpired", s -> s.challenges().purgeExpired(NOW)));
    }

    @ParameterizedTest
    @MethodSource("everyOperation")
    void operation_onClosedPool_throwsStoreUnavailableWithTheCause(Consumer<JdbcAuthStores> operation) {
        assertStoreUnavailableWithTheCause(operation);
    }

    @ParameterizedTest
    @MethodSource("everyFactorAndPendingOperation")
    void factorOrPendingOperation_onClosedPool_throwsStoreUnavailableWithTheCause(
            Consumer<JdbcAuthStores> operation) {
        assertStoreUnavailableWithTheCause(operation);
    }

    private void assertStoreUnavailableWithTheCause(Consumer<JdbcAuthStores> operation) {
        assertThatThrownBy(() -> operation.accept(closed))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(AuthErrorCode.STORE_UNAVAILABLE);
                    assertThat(e.getCause()).isNotNull().isNotInstanceOf(AuthException.class);
                });
    }

    @Test
    void findByEmail_whenTheStatementFails_leavesTheEmailOutOfEveryMessage() {
        String prefix = db.newPrefix();
        JdbcAuthStores dropped = JdbcAuthStores.newBuilder(db.dataSource()).tablePrefix(prefix).build();
        DatabaseFixture.dropTables(db.dataSource(), prefix);
        String email = StoreFixtures.email();

        assertThatThrownBy(() -> dropped.users().findByEmail(email))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(AuthErrorCode.STORE_UNAVAILABLE);
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(email);
                    }
                });
    }

    @Test
    void build_onClosedPool_throwsStoreUnavailable() {
        assertThatThrownBy(() -> JdbcAuthStores.newBuilder(closedPool).build())
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(AuthErrorCode.STORE_UNAVAILABLE));
    }
}
