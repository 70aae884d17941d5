package dev.latchkey.auth.jdbc;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.StoredSession;
import dev.latchkey.auth.store.StoredUser;
import dev.latchkey.auth.testkit.contract.AuthStoresContract;
import dev.latchkey.auth.testkit.contract.StoreFixtures;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AuthStoresContract} on every {@link TestDatabase}: H2 always, PostgreSQL and MariaDB when their URLs are set
 * (under {@code CI=true} a missing one fails); and what only {@link JdbcAuthStores} promises: store calls join the
 * host's own Jdbi transaction, a transaction rereads rows another instance committed (whatever level the pool's
 * connections start at: the level is set only when it is not READ COMMITTED already), and the batched purge.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class AuthStoresContractTest extends AuthStoresContract {
    @Parameter
    TestDatabase database;

    private DatabaseFixture db;

    @BeforeParameterizedClassInvocation
    void connect() {
        db = null;
        db = new DatabaseFixture(database);
    }

    @AfterParameterizedClassInvocation
    void dropTablesAndDisconnect() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected AuthStores newStores() {
        return db.newStores();
    }

    @Override
    protected AuthStores anotherInstance(AuthStores stores) {
        return db.anotherInstance(stores);
    }

    private JdbcAuthStores jdbcStores() {
        return (JdbcAuthStores) stores();
    }

    @Test
    void storeCalls_insideTheHostsOwnJdbiTransaction_joinIt() {
        Jdbi jdbi = Jdbi.create(db.dataSource());
        JdbcAuthStores onHostJdbi = JdbcAuthStores.newBuilder(jdbi).tablePrefix(jdbcStores().tablePrefix()).build();
        StoredUser user = StoreFixtures.user();

        assertThatThrownBy(() -> jdbi.useTransaction(handle -> {
            onHostJdbi.users().insert(user);
            throw new IllegalStateException("host rollback");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(onHostJdbi.users().findById(user.id())).isEmpty();
    }

    @Test
    void storeCalls_insideAHostTransactionAtAnotherIsolationLevel_joinIt() {
        Jdbi jdbi = Jdbi.create(db.dataSource());
        JdbcAuthStores onHostJdbi = JdbcAuthStores.newBuilder(jdbi).tablePrefix(jdbcStores().tablePrefix()).build();
        StoredUser user = StoreFixtures.user();
        StoredSession session = StoreFixtures.session(user.id());

        jdbi.useTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> onHostJdbi.inTransaction(() -> {
            onHostJdbi.users().insert(user);
            onHostJdbi.refreshTokens().createSession(session, StoreFixtures.token(session.id(), NOW));
            return null;
        }));

        assertThat(stores().refreshTokens().findSession(session.id())).isPresent();
    }

    @Test
    void inTransaction_rereadingARowChangedByAnotherInstance_seesTheCommittedChange() {
        StoredUser user = StoreFixtures.user();
        stores().users().insert(user);
        AuthStores other = db.anotherInstance(stores());
        StoredUser changed = user.withStatus(AccountStatus.DISABLED, NOW.plusSeconds(1)).withVersion(2);

        long reread = stores().inTransaction(() -> {
            stores().users().findById(user.id());
            CompletableFuture.runAsync(() -> other.users().update(changed)).join();
            return stores().users().findById(user.id()).orElseThrow().version();
        });

        assertThat(reread).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRANSACTION_REPEATABLE_READ", "TRANSACTION_READ_COMMITTED", "TRANSACTION_SERIALIZABLE"})
    void inTransaction_onAPoolAtAnyLevel_rereadsARowChangedByAnotherInstance(String poolLevel) {
        JdbcAuthStores atLevel = JdbcAuthStores.newBuilder(db.newDataSource(poolLevel))
                .tablePrefix(jdbcStores().tablePrefix()).build();
        StoredUser user = StoreFixtures.user();
        atLevel.users().insert(user);
        AuthStores other = db.anotherInstance(stores());
        StoredUser changed = user.withStatus(AccountStatus.DISABLED, NOW.plusSeconds(1)).withVersion(2);

        long reread = atLevel.inTransaction(() -> {
            atLevel.users().findById(user.id());
            CompletableFuture.runAsync(() -> other.users().update(changed)).join();
            return atLevel.users().findById(user.id()).orElseThrow().version();
        });

        assertThat(reread).isEqualTo(2);
    }

    @Test
    void purgeExpired_deletesFromEveryStoreAndReturnsTheTotal() {
        JdbcAuthStores fresh = db.newStores();
        StoredUser user = StoreFixtures.user();
        fresh.users().insert(user);
        StoredSession session = StoreFixtures.session(user.id(), NOW.minus(Duration.ofDays(2)), NOW.minusSeconds(1));
        fresh.refreshTokens().createSession(session, StoreFixtures.token(session.id(), session.createdAt()));
        fresh.otpCodes().replace(StoreFixtures.code("LOGIN", StoreFixtures.email(), NOW.minus(Duration.ofHours(1))));
        fresh.rateLimits().tryHold("otp-cooldown:" + StoreFixtures.email(), NOW.minusSeconds(60),
                NOW.minusSeconds(30));

        int purged = fresh.purgeExpired(NOW);

        assertThat(purged).isEqualTo(3);
        assertThat(fresh.users().findById(user.id())).isPresent();
    }

    @Test
    void purgeExpired_withMoreRowsThanOneBatch_deletesThemAll() {
        JdbcAuthStores smallBatches = JdbcAuthStores.newBuilder(db.dataSource()).tablePrefix(db.newPrefix())
                .purgeBatchSize(2).build();
        for (int i = 0; i < 5; i++) {
            smallBatches.otpCodes().replace(
                    StoreFixtures.code("LOGIN", StoreFixtures.email(), NOW.minus(Duration.ofHours(1))));
        }

        int purged = smallBatches.purgeExpired(NOW);

        assertThat(purged).isEqualTo(5);
        assertThat(smallBatches.purgeExpired(NOW)).isZero();
    }
}
