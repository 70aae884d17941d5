package dev.latchkey.auth.jdbc;

import static dev.latchkey.auth.jdbc.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.StoredUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A database that went away: every call fails with STORE_UNAVAILABLE, the cause kept, no value in the message. */
abstract class UnavailableContract extends ContractBase {
    private HikariDataSource closedPool;
    private JdbcAuthStores closed;

    @BeforeAll
    final void closeAPool() {
        closedPool = newDataSource();
        closed = JdbcAuthStores.newBuilder(closedPool).tablePrefix(stores().tablePrefix()).build();
        closedPool.close();
    }

    Stream<Named<Consumer<JdbcAuthStores>>> everyOperation() {
        StoredUser user = Fixtures.user();
        var session = Fixtures.session(user.id());
        var token = Fixtures.token(session.id(), NOW);
        var code = Fixtures.code("LOGIN", Fixtures.email(), NOW);
        return Stream.of(
                Named.of("users.insert", s -> s.users().insert(user)),
                Named.of("users.findById", s -> s.users().findById(user.id())),
                Named.of("users.findByEmail", s -> s.users().findByEmail(user.email())),
                Named.of("users.findByPhone", s -> s.users().findByPhone(Fixtures.phone())),
                Named.of("users.update", s -> s.users().update(user)),
                Named.of("users.delete", s -> s.users().delete(user.id())),
                Named.of("users.list", s -> s.users().list(0, 10)),
                Named.of("refreshTokens.createSession", s -> s.refreshTokens().createSession(session, token)),
                Named.of("refreshTokens.findToken", s -> s.refreshTokens().findToken(token.tokenHash())),
                Named.of("refreshTokens.rotate", s -> s.refreshTokens().rotate(token.tokenHash(), NOW, token)),
                Named.of("refreshTokens.findSession", s -> s.refreshTokens().findSession(session.id())),
                Named.of("refreshTokens.revokeSession", s -> s.refreshTokens().revokeSession(session.id(), NOW)),
                Named.of("refreshTokens.revokeAllSessions", s -> s.refreshTokens().revokeAllSessions(user.id(), null, NOW)),
                Named.of("refreshTokens.listActiveSessions", s -> s.refreshTokens().listActiveSessions(user.id(), NOW)),
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

    @ParameterizedTest
    @MethodSource("everyOperation")
    void operation_onClosedPool_throwsStoreUnavailableWithTheCause(Consumer<JdbcAuthStores> operation) {
        assertThatThrownBy(() -> operation.accept(closed))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(AuthErrorCode.STORE_UNAVAILABLE);
                    assertThat(e.getCause()).isNotNull().isNotInstanceOf(AuthException.class);
                });
    }

    @Test
    void findByEmail_whenTheStatementFails_leavesTheEmailOutOfEveryMessage() {
        String prefix = newPrefix();
        JdbcAuthStores dropped = JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).build();
        dropTables(dataSource(), prefix);
        String email = Fixtures.email();

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
