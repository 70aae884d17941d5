package dev.latchkey.auth.jdbc;

import static dev.latchkey.auth.jdbc.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.StoredRefreshToken;
import dev.latchkey.auth.store.StoredSession;
import dev.latchkey.auth.store.StoredUser;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.Test;

/** {@link JdbcAuthStores} itself: transactions across stores and the purge of all four. */
abstract class AuthStoresContract extends ContractBase {

    @Test
    void inTransaction_returnsTheWorksValue() {
        assertThat(stores().inTransaction(() -> "done")).isEqualTo("done");
    }

    @Test
    void inTransaction_commitsEveryWriteOfTheWork() {
        StoredUser user = Fixtures.user();
        StoredSession session = Fixtures.session(user.id());

        stores().inTransaction(() -> {
            stores().users().insert(user);
            stores().refreshTokens().createSession(session, Fixtures.token(session.id(), NOW));
            return null;
        });

        assertThat(stores().refreshTokens().findSession(session.id())).isPresent();
    }

    @Test
    void inTransaction_whenTheWorkThrows_rollsBackEveryWrite() {
        StoredUser user = Fixtures.user();
        StoredSession session = Fixtures.session(user.id());

        assertThatThrownBy(() -> stores().inTransaction(() -> {
            stores().users().insert(user);
            stores().refreshTokens().createSession(session, Fixtures.token(session.id(), NOW));
            throw new IllegalStateException("host failure");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(stores().users().findById(user.id())).isEmpty();
        assertThat(stores().refreshTokens().findSession(session.id())).isEmpty();
    }

    @Test
    void inTransaction_whenTheWorkThrows_propagatesTheSameException() {
        IllegalStateException failure = new IllegalStateException("host failure");

        assertThatThrownBy(() -> stores().inTransaction(() -> {
            throw failure;
        })).isSameAs(failure);
    }

    @Test
    void inTransaction_nested_joinsTheOuterTransaction() {
        StoredUser user = Fixtures.user();

        assertThatThrownBy(() -> stores().inTransaction(() -> {
            stores().inTransaction(() -> {
                stores().users().insert(user);
                return null;
            });
            throw new IllegalStateException("outer failure");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(stores().users().findById(user.id())).isEmpty();
    }

    @Test
    void inTransaction_afterACaughtAccountExists_stillCommitsTheOtherWrites() {
        StoredUser existing = Fixtures.user();
        stores().users().insert(existing);
        StoredUser duplicate = new StoredUser(Fixtures.id(), existing.email(), false, null, false, null, null,
                AccountStatus.ACTIVE, Set.of(), Map.of(), NOW, NOW, null, 1);
        StoredUser other = Fixtures.user();

        stores().inTransaction(() -> {
            assertThatThrownBy(() -> stores().users().insert(duplicate))
                    .isInstanceOfSatisfying(AuthException.class,
                            e -> assertThat(e.code()).isEqualTo(AuthErrorCode.ACCOUNT_EXISTS));
            stores().users().insert(other);
            return null;
        });

        assertThat(stores().users().findById(other.id())).contains(other);
    }

    @Test
    void inTransaction_afterARefusedHoldOnAHeldKey_stillCommitsTheOtherWrites() {
        String key = "otp-cooldown:" + Fixtures.email();
        stores().rateLimits().tryHold(key, NOW, NOW.plusSeconds(30));
        StoredUser user = Fixtures.user();

        boolean held = stores().inTransaction(() -> {
            boolean result = stores().rateLimits().tryHold(key, NOW.plusSeconds(1), NOW.plusSeconds(31));
            stores().users().insert(user);
            return result;
        });

        assertThat(held).isFalse();
        assertThat(stores().users().findById(user.id())).contains(user);
    }

    @Test
    void inTransaction_afterAFailedRotation_stillCommitsTheOtherWrites() {
        StoredUser user = Fixtures.user();
        StoredSession session = Fixtures.session(user.id());
        StoredRefreshToken first = Fixtures.token(session.id(), NOW);
        stores().users().insert(user);
        stores().refreshTokens().createSession(session, first);
        StoredRefreshToken clash = new StoredRefreshToken(first.tokenHash(), session.id(), NOW, NOW.plusSeconds(1),
                null);
        StoredRefreshToken freshToken = Fixtures.token(session.id(), NOW.plusSeconds(2));

        stores().inTransaction(() -> {
            assertThatThrownBy(() -> stores().refreshTokens().rotate(first.tokenHash(), NOW.plusSeconds(1), clash))
                    .isInstanceOf(AuthException.class);
            return stores().refreshTokens().rotate(first.tokenHash(), NOW.plusSeconds(2), freshToken);
        });

        assertThat(stores().refreshTokens().findToken(freshToken.tokenHash())).isPresent();
    }

    @Test
    void storeCalls_insideTheHostsOwnJdbiTransaction_joinIt() {
        Jdbi jdbi = Jdbi.create(dataSource());
        JdbcAuthStores onHostJdbi = JdbcAuthStores.newBuilder(jdbi).tablePrefix(stores().tablePrefix()).build();
        StoredUser user = Fixtures.user();

        assertThatThrownBy(() -> jdbi.useTransaction(handle -> {
            onHostJdbi.users().insert(user);
            throw new IllegalStateException("host rollback");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(onHostJdbi.users().findById(user.id())).isEmpty();
    }

    @Test
    void storeCalls_insideAHostTransactionAtAnotherIsolationLevel_joinIt() {
        Jdbi jdbi = Jdbi.create(dataSource());
        JdbcAuthStores onHostJdbi = JdbcAuthStores.newBuilder(jdbi).tablePrefix(stores().tablePrefix()).build();
        StoredUser user = Fixtures.user();
        StoredSession session = Fixtures.session(user.id());

        jdbi.useTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> onHostJdbi.inTransaction(() -> {
            onHostJdbi.users().insert(user);
            onHostJdbi.refreshTokens().createSession(session, Fixtures.token(session.id(), NOW));
            return null;
        }));

        assertThat(stores().refreshTokens().findSession(session.id())).isPresent();
    }

    @Test
    void inTransaction_rereadingARowChangedByAnotherInstance_seesTheCommittedChange() throws Exception {
        StoredUser user = Fixtures.user();
        stores().users().insert(user);
        JdbcAuthStores other = JdbcAuthStores.newBuilder(newDataSource()).tablePrefix(stores().tablePrefix()).build();
        StoredUser changed = user.withStatus(AccountStatus.DISABLED, NOW.plusSeconds(1)).withVersion(2);

        long reread = stores().inTransaction(() -> {
            stores().users().findById(user.id());
            CompletableFuture.runAsync(() -> other.users().update(changed)).join();
            return stores().users().findById(user.id()).orElseThrow().version();
        });

        assertThat(reread).isEqualTo(2);
    }

    @Test
    void purgeExpired_deletesFromEveryStoreAndReturnsTheTotal() {
        JdbcAuthStores fresh = freshStores();
        StoredUser user = Fixtures.user();
        fresh.users().insert(user);
        StoredSession session = Fixtures.session(user.id(), NOW.minus(Duration.ofDays(2)), NOW.minusSeconds(1));
        fresh.refreshTokens().createSession(session, Fixtures.token(session.id(), session.createdAt()));
        fresh.otpCodes().replace(Fixtures.code("LOGIN", Fixtures.email(), NOW.minus(Duration.ofHours(1))));
        fresh.rateLimits().tryHold("otp-cooldown:" + Fixtures.email(), NOW.minusSeconds(60), NOW.minusSeconds(30));

        int purged = fresh.purgeExpired(NOW);

        assertThat(purged).isEqualTo(3);
        assertThat(fresh.users().findById(user.id())).isPresent();
    }

    @Test
    void purgeExpired_withMoreRowsThanOneBatch_deletesThemAll() {
        JdbcAuthStores smallBatches = JdbcAuthStores.newBuilder(dataSource()).tablePrefix(newPrefix())
                .purgeBatchSize(2).build();
        for (int i = 0; i < 5; i++) {
            smallBatches.otpCodes().replace(Fixtures.code("LOGIN", Fixtures.email(), NOW.minus(Duration.ofHours(1))));
        }

        int purged = smallBatches.purgeExpired(NOW);

        assertThat(purged).isEqualTo(5);
        assertThat(smallBatches.purgeExpired(NOW)).isZero();
    }
}
