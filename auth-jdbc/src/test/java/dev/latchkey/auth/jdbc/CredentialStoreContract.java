package dev.latchkey.auth.jdbc;

import static dev.latchkey.auth.jdbc.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.CredentialStore;
import dev.latchkey.auth.store.StoredCredential;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link CredentialStore} contract, run on every {@link TestDatabase}; the conditional writes also under
 * contention from two instances with separate pools.
 */
abstract class CredentialStoreContract extends ContractBase {
    private JdbcAuthStores second;
    private JdbcAuthStores closed;

    @BeforeAll
    final void startSecondAndClosedInstances() {
        second = JdbcAuthStores.newBuilder(newDataSource()).tablePrefix(stores().tablePrefix()).build();
        HikariDataSource closedPool = newDataSource();
        closed = JdbcAuthStores.newBuilder(closedPool).tablePrefix(stores().tablePrefix()).build();
        closedPool.close();
    }

    private CredentialStore credentials() {
        return stores().credentials();
    }

    private CredentialStore instance(int call) {
        return call % 2 == 0 ? stores().credentials() : second.credentials();
    }

    private static StoredCredential credential(String userId, String type, String externalId) {
        return new StoredCredential(Fixtures.id(), userId, type, externalId, "My key", "secret-" + Fixtures.hash(),
                "{\"flags\":1}", 0, NOW, null);
    }

    private static StoredCredential password(String userId) {
        return new StoredCredential(Fixtures.id(), userId, "password", null, null, "$2a$04$" + Fixtures.hash(), null,
                0, NOW, null);
    }

    @Test
    void insert_thenFindByUser_returnsEveryField() {
        String userId = Fixtures.id();
        StoredCredential full = new StoredCredential(Fixtures.id(), userId, "passkey", Fixtures.hash(), "Zoë's key",
                "sealed", "{\"cose\":\"pQECAyYgASFYIA\"}", 42, NOW, NOW.plusSeconds(5));

        credentials().insert(full);

        assertThat(credentials().findByUser(userId, "passkey")).containsExactly(full);
    }

    @Test
    void findByUser_ofAType_returnsOnlyThatTypeOldestFirst() {
        String userId = Fixtures.id();
        StoredCredential newer = new StoredCredential(Fixtures.id(), userId, "recovery", null, null, "h2", null, 0,
                NOW.plusSeconds(1), null);
        StoredCredential older = new StoredCredential(Fixtures.id(), userId, "recovery", null, null, "h1", null, 0,
                NOW, null);
        credentials().insert(newer);
        credentials().insert(older);
        credentials().insert(password(userId));

        assertThat(credentials().findByUser(userId, "recovery")).containsExactly(older, newer);
    }

    @Test
    void findByUser_returnsEveryTypeOldestFirstAndNoOtherUsers() {
        String userId = Fixtures.id();
        StoredCredential first = password(userId);
        StoredCredential second = new StoredCredential(Fixtures.id(), userId, "totp", null, null, "sealed", null, 0,
                NOW.plusSeconds(1), null);
        credentials().insert(second);
        credentials().insert(first);
        credentials().insert(password(Fixtures.id()));

        assertThat(credentials().findByUser(userId)).containsExactly(first, second);
    }

    @Test
    void findByExternalId_findsTheCredentialOfThatType() {
        StoredCredential passkey = credential(Fixtures.id(), "passkey", Fixtures.hash());
        credentials().insert(passkey);

        assertThat(credentials().findByExternalId("passkey", passkey.externalId())).contains(passkey);
        assertThat(credentials().findByExternalId("other", passkey.externalId())).isEmpty();
    }

    @Test
    void insert_withTakenExternalIdOfTheSameType_throwsAccountExistsNamingNothing() {
        StoredCredential first = credential(Fixtures.id(), "passkey", Fixtures.hash());
        credentials().insert(first);
        StoredCredential clash = credential(Fixtures.id(), "passkey", first.externalId());

        assertThatThrownBy(() -> credentials().insert(clash))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(AuthErrorCode.ACCOUNT_EXISTS))
                .hasMessageNotContaining(first.externalId())
                .hasNoCause();
    }

    @Test
    void insert_sameExternalIdOfAnotherType_succeeds() {
        String externalId = Fixtures.hash();
        credentials().insert(credential(Fixtures.id(), "passkey", externalId));
        StoredCredential other = credential(Fixtures.id(), "security_key", externalId);

        credentials().insert(other);

        assertThat(credentials().findByExternalId("security_key", externalId)).contains(other);
    }

    @Test
    void insert_manyWithoutExternalId_allSucceed() {
        String userId = Fixtures.id();

        for (int i = 0; i < 3; i++) {
            credentials().insert(credential(userId, "recovery", null));
        }

        assertThat(credentials().findByUser(userId, "recovery")).hasSize(3);
    }

    @Test
    void insert_withTooLongExternalId_throwsIllegalArgument() {
        StoredCredential wide = credential(Fixtures.id(), "passkey", "x".repeat(701));

        assertThatThrownBy(() -> credentials().insert(wide)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replaceAll_replacesOnlyThatTypeOfThatUser() {
        String userId = Fixtures.id();
        StoredCredential kept = credential(userId, "passkey", Fixtures.hash());
        credentials().insert(kept);
        credentials().insert(credential(userId, "recovery", null));
        StoredCredential othersCode = credential(Fixtures.id(), "recovery", null);
        credentials().insert(othersCode);
        List<StoredCredential> fresh = List.of(credential(userId, "recovery", null),
                credential(userId, "recovery", null));

        credentials().replaceAll(userId, "recovery", fresh);

        assertThat(credentials().findByUser(userId, "recovery")).containsExactlyInAnyOrderElementsOf(fresh);
        assertThat(credentials().findByUser(userId, "passkey")).containsExactly(kept);
        assertThat(credentials().findByUser(othersCode.userId())).containsExactly(othersCode);
    }

    @Test
    void replaceAll_withNothing_deletesTheType() {
        String userId = Fixtures.id();
        credentials().insert(password(userId));

        credentials().replaceAll(userId, "password", List.of());

        assertThat(credentials().findByUser(userId)).isEmpty();
    }

    @Test
    void replaceAll_whenAnInsertFails_keepsTheOldCredentials() {
        StoredCredential taken = credential(Fixtures.id(), "passkey", Fixtures.hash());
        credentials().insert(taken);
        String userId = Fixtures.id();
        StoredCredential old = credential(userId, "passkey", Fixtures.hash());
        credentials().insert(old);

        assertThatThrownBy(() -> credentials().replaceAll(userId, "passkey", List.of(
                credential(userId, "passkey", Fixtures.hash()), credential(userId, "passkey", taken.externalId()))))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(AuthErrorCode.ACCOUNT_EXISTS));
        assertThat(credentials().findByUser(userId)).containsExactly(old);
    }

    @Test
    void replaceAll_insideACallersTransaction_joinsIt() {
        String userId = Fixtures.id();
        StoredCredential old = password(userId);
        credentials().insert(old);

        assertThatThrownBy(() -> stores().inTransaction(() -> {
            credentials().replaceAll(userId, "password", List.of(password(userId)));
            throw new IllegalStateException("host failure");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(credentials().findByUser(userId)).containsExactly(old);
    }

    @Test
    void replaceAll_withACredentialOfAnotherUser_throwsIllegalArgument() {
        assertThatThrownBy(() -> credentials().replaceAll(Fixtures.id(), "password", List.of(password(Fixtures.id()))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replaceSecret_withTheCurrentSecret_replacesIt() {
        StoredCredential c = password(Fixtures.id());
        credentials().insert(c);

        assertThat(credentials().replaceSecret(c.id(), c.secret(), "$2a$11$new")).isTrue();
        assertThat(credentials().findByUser(c.userId())).containsExactly(c.withSecret("$2a$11$new"));
    }

    @Test
    void replaceSecret_afterAnotherWriterChangedIt_returnsFalseAndKeepsTheirs() {
        StoredCredential c = password(Fixtures.id());
        credentials().insert(c);
        credentials().replaceSecret(c.id(), c.secret(), "$2a$11$theirs");

        assertThat(credentials().replaceSecret(c.id(), c.secret(), "$2a$11$mine")).isFalse();
        assertThat(credentials().findByUser(c.userId()).get(0).secret()).isEqualTo("$2a$11$theirs");
    }

    @Test
    void replaceSecret_fromNoSecret_matchesOnlyACredentialWithoutOne() {
        StoredCredential none = new StoredCredential(Fixtures.id(), Fixtures.id(), "passkey", null, null, null, null,
                0, NOW, null);
        credentials().insert(none);

        assertThat(credentials().replaceSecret(none.id(), null, "sealed")).isTrue();
        assertThat(credentials().replaceSecret(none.id(), null, "again")).isFalse();
    }

    @Test
    void advanceCounter_onlyForward_andRecordsTheUse() {
        StoredCredential c = credential(Fixtures.id(), "totp", null);
        credentials().insert(c);

        assertThat(credentials().advanceCounter(c.id(), 5, NOW.plusSeconds(1))).isTrue();
        assertThat(credentials().advanceCounter(c.id(), 5, NOW.plusSeconds(2))).isFalse();
        assertThat(credentials().advanceCounter(c.id(), 4, NOW.plusSeconds(3))).isFalse();
        assertThat(credentials().findByUser(c.userId()).get(0))
                .satisfies(stored -> {
                    assertThat(stored.counter()).isEqualTo(5);
                    assertThat(stored.lastUsedAt()).isEqualTo(NOW.plusSeconds(1));
                });
    }

    @Test
    void markUsedOnce_succeedsOnlyTheFirstTime() {
        StoredCredential c = credential(Fixtures.id(), "recovery", null);
        credentials().insert(c);

        assertThat(credentials().markUsedOnce(c.id(), NOW.plusSeconds(1))).isTrue();
        assertThat(credentials().markUsedOnce(c.id(), NOW.plusSeconds(2))).isFalse();
        assertThat(credentials().findByUser(c.userId()).get(0).lastUsedAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void touch_recordsTheUseEveryTime() {
        StoredCredential c = credential(Fixtures.id(), "passkey", Fixtures.hash());
        credentials().insert(c);

        credentials().touch(c.id(), NOW.plusSeconds(1));
        credentials().touch(c.id(), NOW.plusSeconds(2));

        assertThat(credentials().findByUser(c.userId()).get(0).lastUsedAt()).isEqualTo(NOW.plusSeconds(2));
    }

    @Test
    void relabel_renamesOnlyTheUsersOwnCredential() {
        StoredCredential c = credential(Fixtures.id(), "passkey", Fixtures.hash());
        credentials().insert(c);

        assertThat(credentials().relabel(Fixtures.id(), c.id(), "stolen")).isFalse();
        assertThat(credentials().relabel(c.userId(), c.id(), "Work laptop")).isTrue();
        assertThat(credentials().findByUser(c.userId()).get(0).label()).isEqualTo("Work laptop");
    }

    @Test
    void delete_removesOnlyTheUsersOwnCredential() {
        StoredCredential c = credential(Fixtures.id(), "passkey", Fixtures.hash());
        credentials().insert(c);

        assertThat(credentials().delete(Fixtures.id(), c.id())).isFalse();
        assertThat(credentials().delete(c.userId(), c.id())).isTrue();
        assertThat(credentials().findByUser(c.userId())).isEmpty();
    }

    @Test
    void toString_ofAStoredCredential_leavesTheSecretOut() {
        StoredCredential c = password(Fixtures.id());
        credentials().insert(c);

        assertThat(credentials().findByUser(c.userId()).get(0).toString()).doesNotContain(c.secret());
    }

    @Test
    void advanceCounter_fiftyConcurrentCallsWithOneStepAcrossTwoInstances_exactlyOneWins() throws Exception {
        StoredCredential c = credential(Fixtures.id(), "totp", null);
        credentials().insert(c);

        long wins = Concurrently.countTrue(50, call -> instance(call).advanceCounter(c.id(), 7, NOW));

        assertThat(wins).isEqualTo(1);
    }

    @Test
    void markUsedOnce_fiftyConcurrentCallsAcrossTwoInstances_exactlyOneWins() throws Exception {
        StoredCredential c = credential(Fixtures.id(), "recovery", null);
        credentials().insert(c);

        long wins = Concurrently.countTrue(50, call -> instance(call).markUsedOnce(c.id(), NOW));

        assertThat(wins).isEqualTo(1);
    }

    @Test
    void replaceSecret_fiftyConcurrentRehashesAcrossTwoInstances_exactlyOneWins() throws Exception {
        StoredCredential c = password(Fixtures.id());
        credentials().insert(c);

        long wins = Concurrently.countTrue(50,
                call -> instance(call).replaceSecret(c.id(), c.secret(), "$2a$11$rehash-" + call));

        assertThat(wins).isEqualTo(1);
    }

    Stream<Named<Consumer<CredentialStore>>> everyOperation() {
        StoredCredential c = password(Fixtures.id());
        return Stream.of(
                Named.of("insert", s -> s.insert(c)),
                Named.of("replaceAll", s -> s.replaceAll(c.userId(), c.type(), List.of(c))),
                Named.of("findByUser(type)", s -> s.findByUser(c.userId(), c.type())),
                Named.of("findByUser", s -> s.findByUser(c.userId())),
                Named.of("findByExternalId", s -> s.findByExternalId("passkey", "x")),
                Named.of("replaceSecret", s -> s.replaceSecret(c.id(), c.secret(), "new")),
                Named.of("advanceCounter", s -> s.advanceCounter(c.id(), 1, NOW)),
                Named.of("markUsedOnce", s -> s.markUsedOnce(c.id(), NOW)),
                Named.of("touch", s -> s.touch(c.id(), NOW)),
                Named.of("relabel", s -> s.relabel(c.userId(), c.id(), "x")),
                Named.of("delete", s -> s.delete(c.userId(), c.id())));
    }

    @ParameterizedTest
    @MethodSource("everyOperation")
    void operation_onClosedPool_throwsStoreUnavailableWithTheCause(Consumer<CredentialStore> operation) {
        assertThatThrownBy(() -> operation.accept(closed.credentials()))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(AuthErrorCode.STORE_UNAVAILABLE);
                    assertThat(e.getCause()).isNotNull().isNotInstanceOf(AuthException.class);
                });
    }
}
