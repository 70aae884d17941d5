package dev.latchkey.auth.jdbc;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.StoredUser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A statement whose failure is expected (a duplicate email) leaves the caller's transaction usable on every database:
 * under a savepoint on PostgreSQL, where a failed statement aborts the transaction, and without one on H2 and
 * MariaDB, which undo the failed statement alone.
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

    private static StoredUser user(String email) {
        return new StoredUser(UUID.randomUUID().toString(), email, true, null, false, null, null, AccountStatus.ACTIVE,
                Set.of(), Map.of(), NOW, NOW, null, 1);
    }
}
