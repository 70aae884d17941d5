package dev.latchkey.auth.testkit.contract;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.StoredRefreshToken;
import dev.latchkey.auth.store.StoredSession;
import dev.latchkey.auth.store.StoredUser;
import dev.latchkey.auth.store.UserStore;
import org.junit.jupiter.api.Test;

/**
 * The {@link UserStore} contract for accounts and their identifying contacts: every field round-trips, identifying
 * emails and phones are unique, updates are optimistic, deletion takes the sessions along, listing pages oldest
 * first. The rules of pending contacts are in {@link PendingContactsContract}.
 */
public abstract class UserStoreContract extends StoreContract {

    private UserStore users() {
        return stores().users();
    }

    @Test
    void insert_thenFindById_returnsEveryField() {
        StoredUser user = new StoredUser(StoreFixtures.id(), StoreFixtures.email(), false, StoreFixtures.phone(), true,
                null, null, AccountStatus.PENDING_VERIFICATION, Set.of("admin", "user"),
                Map.of("name", "Zoë \"Z\" <O'Neil>", "city", "Zürich\n", "empty", ""), NOW,
                NOW.plusMillis(5), NOW.minusSeconds(60), 1);

        users().insert(user);

        assertThat(users().findById(user.id())).contains(user);
    }

    @Test
    void insert_withoutPhone_keepsItNull() {
        StoredUser user = new StoredUser(StoreFixtures.id(), StoreFixtures.email(), true, null, false, null, null,
                AccountStatus.ACTIVE, Set.of(), Map.of(), NOW, NOW, null, 1);

        users().insert(user);

        assertThat(users().findById(user.id())).contains(user);
    }

    @Test
    void findByEmail_returnsTheAccount() {
        StoredUser user = StoreFixtures.user();
        users().insert(user);

        assertThat(users().findByEmail(user.email())).contains(user);
    }

    @Test
    void findByPhone_returnsTheAccount() {
        StoredUser user = StoreFixtures.userWithPhone();
        users().insert(user);

        assertThat(users().findByPhone(user.phone())).contains(user);
    }

    @Test
    void findById_ofUnknownId_isEmpty() {
        assertThat(users().findById(StoreFixtures.id())).isEmpty();
    }

    @Test
    void findByEmail_ofUnknownEmail_isEmpty() {
        assertThat(users().findByEmail(StoreFixtures.email())).isEmpty();
    }

    @Test
    void insert_withTakenEmail_throwsAccountExists() {
        StoredUser first = StoreFixtures.user();
        users().insert(first);
        StoredUser second = activeUser(first.email(), null);

        assertThatThrownBy(() -> users().insert(second))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(AuthErrorCode.ACCOUNT_EXISTS));
    }

    @Test
    void insert_withTakenEmail_namesNeitherTheEmailNorTheDriverError() {
        StoredUser first = StoreFixtures.user();
        users().insert(first);
        StoredUser second = activeUser(first.email(), null);

        assertThatThrownBy(() -> users().insert(second))
                .hasMessageNotContaining(first.email())
                .hasNoCause();
    }

    @Test
    void insert_withTakenPhone_throwsAccountExists() {
        StoredUser first = StoreFixtures.userWithPhone();
        users().insert(first);
        StoredUser second = activeUser(StoreFixtures.email(), first.phone());

        assertThatThrownBy(() -> users().insert(second))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(AuthErrorCode.ACCOUNT_EXISTS));
    }

    @Test
    void insert_withTakenEmail_writesNothing() {
        StoredUser first = StoreFixtures.user();
        users().insert(first);
        StoredUser second = activeUser(first.email(), StoreFixtures.phone());

        assertThatThrownBy(() -> users().insert(second)).isInstanceOf(AuthException.class);

        assertThat(users().findById(second.id())).isEmpty();
        assertThat(users().findByPhone(second.phone())).isEmpty();
    }

    @Test
    void insert_twoAccountsWithoutPhone_bothSucceed() {
        StoredUser first = StoreFixtures.user();
        StoredUser second = StoreFixtures.user();

        users().insert(first);
        users().insert(second);

        assertThat(users().findById(second.id())).contains(second);
    }

    @Test
    void update_withCurrentVersion_replacesTheAccount() {
        StoredUser user = StoreFixtures.user();
        users().insert(user);
        StoredUser next = user.withRoles(Set.of("admin"), NOW.plusSeconds(1))
                .withPhone(StoreFixtures.phone(), true, NOW.plusSeconds(2))
                .withTokensValidFrom(NOW.plusSeconds(3), NOW.plusSeconds(3))
                .withVersion(2);

        boolean updated = users().update(next);

        assertThat(updated).isTrue();
        assertThat(users().findById(user.id())).contains(next);
    }

    @Test
    void update_withStaleVersion_returnsFalseAndWritesNothing() {
        StoredUser user = StoreFixtures.user();
        users().insert(user);
        StoredUser winner = user.withStatus(AccountStatus.DISABLED, NOW.plusSeconds(1)).withVersion(2);
        users().update(winner);
        StoredUser stale = user.withProfile(Map.of("name", "stale"), NOW.plusSeconds(2)).withVersion(2);

        boolean updated = users().update(stale);

        assertThat(updated).isFalse();
        assertThat(users().findById(user.id())).contains(winner);
    }

    @Test
    void update_ofDeletedAccount_returnsFalse() {
        StoredUser user = StoreFixtures.user();
        users().insert(user);
        users().delete(user.id());

        assertThat(users().update(user.withStatus(AccountStatus.DISABLED, NOW).withVersion(2))).isFalse();
    }

    @Test
    void update_toEmailOfAnotherAccount_throwsAccountExists() {
        StoredUser taken = StoreFixtures.user();
        StoredUser user = StoreFixtures.user();
        users().insert(taken);
        users().insert(user);

        assertThatThrownBy(() -> users().update(user.withEmail(taken.email(), true, NOW).withVersion(2)))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(AuthErrorCode.ACCOUNT_EXISTS));
    }

    @Test
    void update_changingTheEmail_freesTheOldOne() {
        StoredUser user = StoreFixtures.user();
        users().insert(user);
        String newEmail = StoreFixtures.email();

        users().update(user.withEmail(newEmail, true, NOW.plusSeconds(1)).withVersion(2));

        assertThat(users().findByEmail(user.email())).isEmpty();
        assertThat(users().findByEmail(newEmail)).hasValueSatisfying(u -> assertThat(u.id()).isEqualTo(user.id()));
        assertThatCode(() -> users().insert(activeUser(user.email(), null))).doesNotThrowAnyException();
    }

    @Test
    void delete_removesTheAccount() {
        StoredUser user = StoreFixtures.user();
        users().insert(user);

        boolean deleted = users().delete(user.id());

        assertThat(deleted).isTrue();
        assertThat(users().findById(user.id())).isEmpty();
        assertThat(users().findByEmail(user.email())).isEmpty();
    }

    @Test
    void delete_removesTheAccountsSessionsAndTokens() {
        StoredUser user = StoreFixtures.user();
        users().insert(user);
        StoredSession session = StoreFixtures.session(user.id());
        StoredRefreshToken token = StoreFixtures.token(session.id(), NOW);
        stores().refreshTokens().createSession(session, token);

        users().delete(user.id());

        assertThat(stores().refreshTokens().findSession(session.id())).isEmpty();
        assertThat(stores().refreshTokens().findToken(token.tokenHash())).isEmpty();
    }

    @Test
    void delete_ofUnknownAccount_returnsFalse() {
        assertThat(users().delete(StoreFixtures.id())).isFalse();
    }

    @Test
    void list_returnsPagesOldestFirst() {
        UserStore fresh = freshStores().users();
        StoredUser newest = userCreatedAt(NOW.plusSeconds(2));
        StoredUser oldest = userCreatedAt(NOW);
        StoredUser middle = userCreatedAt(NOW.plusSeconds(1));
        List.of(newest, oldest, middle).forEach(fresh::insert);

        assertThat(fresh.list(0, 2)).containsExactly(oldest, middle);
        assertThat(fresh.list(2, 2)).containsExactly(newest);
    }

    @Test
    void list_pastTheEnd_isEmpty() {
        users().insert(StoreFixtures.user());

        assertThat(users().list(1_000_000, 10)).isEmpty();
    }

    @Test
    void list_withNegativeOffset_throwsIllegalArgument() {
        assertThatThrownBy(() -> users().list(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    private static StoredUser activeUser(String email, String phone) {
        return new StoredUser(StoreFixtures.id(), email, false, phone, false, null, null, AccountStatus.ACTIVE,
                Set.of(), Map.of(), NOW, NOW, null, 1);
    }

    private static StoredUser userCreatedAt(Instant createdAt) {
        return new StoredUser(StoreFixtures.id(), StoreFixtures.email(), true, null, false, null, null,
                AccountStatus.ACTIVE, Set.of(), Map.of(), createdAt, createdAt.plus(Duration.ofMinutes(1)), null, 1);
    }
}
