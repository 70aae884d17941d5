package dev.latchkey.auth.jdbc;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.StoredUser;
import dev.latchkey.auth.store.StoredSession;
import dev.latchkey.auth.testkit.contract.StoreFixtures;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A statement whose failure is expected (a duplicate email) leaves the caller's transaction usable on every database:
 * under a savepoint on PostgreSQL, where a failed statement aborts the transaction, and without one on H2 and
 * MariaDB, which undo the failed statement alone. In a transaction Latchkey began, those calls take no savepoint:
 * a failure the work lets propagate rolls back the whole transaction at no extra cost, and one the work swallows makes
 * the work run once more, with savepoints, so that what commits is the same.
 */
class GuardedStatementsTest {
    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void duplicateEmailInsideATransaction_failsAloneAndTheTransactionCommitsTheRest(TestDatabase db) {
        try (DatabaseFixture fixture = new DatabaseFixture(db)) {
            JdbcAuthStores stores = fixture.newStores();
            StoredUser first = user("first@example.com");
            StoredUser third = user("third@example.com");

            stores.inTransaction(() -> {
                stores.users().insert(first);
                assertThatThrownBy(() -> stores.users().insert(user("first@example.com")))
                        .isInstanceOfSatisfying(AuthException.class,
                                e -> assertThat(e.code()).isEqualTo(AuthErrorCode.ACCOUNT_EXISTS));
                stores.users().insert(third);
                return null;
            });

            assertThat(stores.users().findByEmail("first@example.com")).map(StoredUser::id).hasValue(first.id());
            assertThat(stores.users().findByEmail("third@example.com")).map(StoredUser::id).hasValue(third.id());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void takenEmailInAnUpdate_caughtInsideATransaction_theOtherWritesCommit(TestDatabase db) {
        try (DatabaseFixture fixture = new DatabaseFixture(db)) {
            JdbcAuthStores stores = fixture.newStores();
            StoredUser first = user("first@example.com");
            StoredUser second = user("second@example.com");
            stores.users().insert(first);
            stores.users().insert(second);
            StoredUser third = user("third@example.com");

            stores.inTransaction(() -> {
                assertThatThrownBy(() -> stores.users().update(second.withEmail("first@example.com", true, NOW)
                        .withVersion(2)))
                        .isInstanceOfSatisfying(AuthException.class,
                                e -> assertThat(e.code()).isEqualTo(AuthErrorCode.ACCOUNT_EXISTS));
                stores.users().insert(third);
                return null;
            });

            assertThat(stores.users().findById(second.id())).hasValue(second);
            assertThat(stores.users().findById(third.id())).hasValue(third);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailedSessionCreate_caughtInsideATransaction_runsTheWorkAgainAndCommitsOnlyTheRest(TestDatabase db) {
        try (DatabaseFixture fixture = new DatabaseFixture(db)) {
            JdbcAuthStores stores = fixture.newStores();
            StoredUser written = user("written@example.com");
            StoredSession orphan = StoreFixtures.session(UUID.randomUUID().toString());
            AtomicInteger runs = new AtomicInteger();

            stores.inTransaction(() -> {
                runs.incrementAndGet();
                stores.users().insert(written);
                assertThatThrownBy(() -> stores.refreshTokens().createSession(orphan,
                        StoreFixtures.token(orphan.id(), NOW)))
                        .isInstanceOfSatisfying(AuthException.class,
                                e -> assertThat(e.code()).isEqualTo(AuthErrorCode.NOT_FOUND));
                return null;
            });

            // The first run had no savepoint around the failed call, so it could not commit: the second one had.
            assertThat(runs).hasValue(2);
            assertThat(stores.users().findById(written.id())).hasValue(written);
            assertThat(stores.refreshTokens().findSession(orphan.id())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailureThatPropagates_rollsBackWithoutRunningTheWorkAgain(TestDatabase db) {
        try (DatabaseFixture fixture = new DatabaseFixture(db)) {
            JdbcAuthStores stores = fixture.newStores();
            StoredUser written = user("written@example.com");
            StoredSession orphan = StoreFixtures.session(UUID.randomUUID().toString());
            AtomicInteger runs = new AtomicInteger();

            assertThatThrownBy(() -> stores.inTransaction(() -> {
                runs.incrementAndGet();
                stores.users().insert(written);
                stores.refreshTokens().createSession(orphan, StoreFixtures.token(orphan.id(), NOW));
                return null;
            })).isInstanceOfSatisfying(AuthException.class,
                    e -> assertThat(e.code()).isEqualTo(AuthErrorCode.NOT_FOUND));

            assertThat(runs).hasValue(1);
            assertThat(stores.users().findById(written.id())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailedSessionCreate_caughtInsideTheHostsTransaction_leavesItUsable(TestDatabase db) {
        try (DatabaseFixture fixture = new DatabaseFixture(db)) {
            String prefix = fixture.newPrefix();
            Jdbi jdbi = Jdbi.create(fixture.dataSource());
            JdbcAuthStores stores = JdbcAuthStores.newBuilder(jdbi).tablePrefix(prefix).build();
            StoredUser written = user("written@example.com");
            StoredSession orphan = StoreFixtures.session(UUID.randomUUID().toString());

            jdbi.useTransaction(handle -> stores.inTransaction(() -> {
                stores.users().insert(written);
                assertThatThrownBy(() -> stores.refreshTokens().createSession(orphan,
                        StoreFixtures.token(orphan.id(), NOW)))
                        .isInstanceOfSatisfying(AuthException.class,
                                e -> assertThat(e.code()).isEqualTo(AuthErrorCode.NOT_FOUND));
                return null;
            }));

            assertThat(stores.users().findById(written.id())).hasValue(written);
        }
    }

    private static StoredUser user(String email) {
        return new StoredUser(UUID.randomUUID().toString(), email, true, null, false, null, null, AccountStatus.ACTIVE,
                Set.of(), Map.of(), NOW, NOW, null, 1);
    }
}
