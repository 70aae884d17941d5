package dev.latchkey.auth.jdbc;

import static dev.latchkey.auth.jdbc.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.StoredChallenge;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredUser;
import dev.latchkey.auth.store.UserStore;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * What {@link UserStore} keeps beside the identifying contacts, on every {@link TestDatabase}: pending (claimed,
 * unproved) contacts that are not unique and identify nobody, the pending-registration lookups, and the deletion of
 * an account with everything the other stores keep for it.
 */
abstract class PendingContactsContract extends ContractBase {

    private UserStore users() {
        return stores().users();
    }

    private static StoredUser pendingRegistration(String pendingEmail, String pendingPhone, Instant createdAt) {
        return new StoredUser(Fixtures.id(), null, false, null, false, pendingEmail, pendingPhone,
                AccountStatus.PENDING_VERIFICATION, Set.of("user"), Map.of(), createdAt, createdAt, null, 1);
    }

    @Test
    void insert_withOnlyPendingContacts_keepsThemPending() {
        StoredUser user = pendingRegistration(Fixtures.email(), Fixtures.phone(), NOW);

        users().insert(user);

        assertThat(users().findById(user.id())).contains(user);
    }

    @Test
    void findByEmail_ofAPendingEmail_isEmpty() {
        StoredUser user = pendingRegistration(Fixtures.email(), null, NOW);
        users().insert(user);

        assertThat(users().findByEmail(user.pendingEmail())).isEmpty();
    }

    @Test
    void findByPhone_ofAPendingPhone_isEmpty() {
        StoredUser user = pendingRegistration(null, Fixtures.phone(), NOW);
        users().insert(user);

        assertThat(users().findByPhone(user.pendingPhone())).isEmpty();
    }

    @Test
    void insert_twoAccountsClaimingOnePendingEmail_bothSucceed() {
        String email = Fixtures.email();
        StoredUser first = pendingRegistration(email, null, NOW);
        StoredUser second = pendingRegistration(email, null, NOW.plusSeconds(1));

        users().insert(first);
        users().insert(second);

        assertThat(users().findById(second.id())).contains(second);
    }

    @Test
    void insert_withAnotherAccountsEmailAsPending_succeedsAndLeavesTheOwnerFindable() {
        StoredUser owner = Fixtures.user();
        users().insert(owner);
        StoredUser claimant = pendingRegistration(owner.email(), null, NOW);

        users().insert(claimant);

        assertThat(users().findByEmail(owner.email())).contains(owner);
    }

    @Test
    void findPendingRegistrationByEmail_returnsTheNewestPendingClaim() {
        String email = Fixtures.email();
        StoredUser older = pendingRegistration(email, null, NOW);
        StoredUser newest = pendingRegistration(email, null, NOW.plusSeconds(2));
        StoredUser middle = pendingRegistration(email, null, NOW.plusSeconds(1));
        List.of(older, newest, middle).forEach(users()::insert);

        assertThat(users().findPendingRegistrationByEmail(email)).contains(newest);
    }

    @Test
    void findPendingRegistrationByPhone_returnsTheNewestPendingClaim() {
        String phone = Fixtures.phone();
        StoredUser older = pendingRegistration(null, phone, NOW);
        StoredUser newest = pendingRegistration(null, phone, NOW.plusSeconds(2));
        List.of(newest, older).forEach(users()::insert);

        assertThat(users().findPendingRegistrationByPhone(phone)).contains(newest);
    }

    @Test
    void findPendingRegistrationByEmail_ignoresAccountsNoLongerPendingVerification() {
        String email = Fixtures.email();
        StoredUser active = new StoredUser(Fixtures.id(), null, false, Fixtures.phone(), true, email, null,
                AccountStatus.ACTIVE, Set.of(), Map.of(), NOW.plusSeconds(5), NOW.plusSeconds(5), null, 1);
        StoredUser pending = pendingRegistration(email, null, NOW);
        users().insert(active);
        users().insert(pending);

        assertThat(users().findPendingRegistrationByEmail(email)).contains(pending);
    }

    @Test
    void findPendingRegistrationByEmail_ofAnIdentifyingEmail_isEmpty() {
        StoredUser pendingWithEmail = new StoredUser(Fixtures.id(), Fixtures.email(), false, null, false, null, null,
                AccountStatus.PENDING_VERIFICATION, Set.of(), Map.of(), NOW, NOW, null, 1);
        users().insert(pendingWithEmail);

        assertThat(users().findPendingRegistrationByEmail(pendingWithEmail.email())).isEmpty();
    }

    @Test
    void update_movingAPendingEmailToIdentifying_isFoundByIt() {
        StoredUser user = pendingRegistration(Fixtures.email(), null, NOW);
        users().insert(user);
        StoredUser proved = user.withEmail(user.pendingEmail(), true, NOW.plusSeconds(1))
                .withPending(null, null, NOW.plusSeconds(1))
                .withStatus(AccountStatus.ACTIVE, NOW.plusSeconds(1))
                .withVersion(2);

        assertThat(users().update(proved)).isTrue();

        assertThat(users().findByEmail(proved.email())).contains(proved);
        assertThat(users().findPendingRegistrationByEmail(proved.email())).isEmpty();
    }

    @Test
    void delete_removesTheAccountsCredentialsAndChallengesOnly() {
        StoredUser user = Fixtures.user();
        StoredUser other = Fixtures.user();
        users().insert(user);
        users().insert(other);
        for (StoredUser u : List.of(user, other)) {
            stores().credentials().insert(new StoredCredential(Fixtures.id(), u.id(), "password", null, null,
                    "$2a$04$" + Fixtures.hash(), null, 0, NOW, null));
            stores().challenges().insert(new StoredChallenge(Fixtures.hash(), "second_factor", u.id(), null, NOW,
                    NOW.plus(Duration.ofMinutes(5)), 0, null));
        }
        StoredChallenge usersChallenge = new StoredChallenge(Fixtures.hash(), "webauthn", user.id(), null, NOW,
                NOW.plusSeconds(60), 0, null);
        stores().challenges().insert(usersChallenge);

        assertThat(users().delete(user.id())).isTrue();

        assertThat(stores().credentials().findByUser(user.id())).isEmpty();
        assertThat(stores().challenges().find(usersChallenge.hash())).isEmpty();
        assertThat(stores().credentials().findByUser(other.id())).hasSize(1);
    }

    @Test
    void findPendingRegistration_onClosedPool_throwsStoreUnavailableWithTheCause() {
        HikariDataSource pool = newDataSource();
        UserStore closed = JdbcAuthStores.newBuilder(pool).tablePrefix(stores().tablePrefix()).build().users();
        pool.close();

        for (ThrowingCallable lookup : List.<ThrowingCallable>of(
                () -> closed.findPendingRegistrationByEmail(Fixtures.email()),
                () -> closed.findPendingRegistrationByPhone(Fixtures.phone()))) {
            assertThatThrownBy(lookup).isInstanceOfSatisfying(AuthException.class, e -> {
                assertThat(e.code()).isEqualTo(AuthErrorCode.STORE_UNAVAILABLE);
                assertThat(e.getCause()).isNotNull();
            });
        }
    }

    @Test
    void delete_insideACallersTransactionThatRollsBack_keepsEverything() {
        StoredUser user = Fixtures.user();
        users().insert(user);
        StoredCredential password = new StoredCredential(Fixtures.id(), user.id(), "password", null, null,
                "$2a$04$" + Fixtures.hash(), null, 0, NOW, null);
        stores().credentials().insert(password);

        try {
            stores().inTransaction(() -> {
                users().delete(user.id());
                throw new IllegalStateException("host failure");
            });
        } catch (IllegalStateException expected) {
            // the rollback is what is tested
        }

        assertThat(users().findById(user.id())).contains(user);
        assertThat(stores().credentials().findByUser(user.id())).containsExactly(password);
    }
}
