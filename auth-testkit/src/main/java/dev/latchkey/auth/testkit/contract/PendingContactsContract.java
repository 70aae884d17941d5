package dev.latchkey.auth.testkit.contract;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.StoredUser;
import dev.latchkey.auth.store.UserStore;
import org.junit.jupiter.api.Test;

/**
 * The {@link UserStore} rules for pending contacts ({@link StoredUser#pendingEmail()},
 * {@link StoredUser#pendingPhone()}): a contact somebody claimed but nobody proved is unique nowhere, never identifies
 * an account, never blocks its real owner, and finds only the newest registration still waiting for its code
 * (security bar item 32).
 */
public abstract class PendingContactsContract extends StoreContract {

    private UserStore users() {
        return stores().users();
    }

    @Test
    void insert_withOnlyPendingContacts_roundTripsThem() {
        StoredUser user = new StoredUser(StoreFixtures.id(), null, false, null, false, StoreFixtures.email(),
                StoreFixtures.phone(), AccountStatus.PENDING_VERIFICATION, Set.of(), Map.of(), NOW, NOW, null, 1);

        users().insert(user);

        assertThat(users().findById(user.id())).contains(user);
    }

    @Test
    void insert_twoAccountsClaimingOnePendingEmail_bothSucceed() {
        String email = StoreFixtures.email();
        StoredUser first = StoreFixtures.pendingRegistration(email, NOW);
        StoredUser second = StoreFixtures.pendingRegistration(email, NOW.plusSeconds(1));

        users().insert(first);
        users().insert(second);

        assertThat(users().findById(first.id())).contains(first);
        assertThat(users().findById(second.id())).contains(second);
    }

    @Test
    void insert_twoAccountsClaimingOnePendingPhone_bothSucceed() {
        String phone = StoreFixtures.phone();

        users().insert(pendingPhoneRegistration(phone, NOW));

        assertThatCode(() -> users().insert(pendingPhoneRegistration(phone, NOW))).doesNotThrowAnyException();
    }

    @Test
    void insert_pendingEmailThatIdentifiesAnotherAccount_succeeds() {
        StoredUser owner = StoreFixtures.user();
        users().insert(owner);

        assertThatCode(() -> users().insert(StoreFixtures.pendingRegistration(owner.email(), NOW)))
                .doesNotThrowAnyException();
    }

    @Test
    void insert_identifyingEmailThatOthersClaimAsPending_succeeds() {
        String email = StoreFixtures.email();
        users().insert(StoreFixtures.pendingRegistration(email, NOW));
        StoredUser owner = new StoredUser(StoreFixtures.id(), email, true, null, false, null, null,
                AccountStatus.ACTIVE, Set.of(), Map.of(), NOW, NOW, null, 1);

        users().insert(owner);

        assertThat(users().findByEmail(email)).contains(owner);
    }

    @Test
    void findByEmail_ofAnEmailThatIsOnlyPending_isEmpty() {
        StoredUser claimant = StoreFixtures.pendingRegistration(StoreFixtures.email(), NOW);
        users().insert(claimant);

        assertThat(users().findByEmail(claimant.pendingEmail())).isEmpty();
    }

    @Test
    void findByPhone_ofAPhoneThatIsOnlyPending_isEmpty() {
        StoredUser claimant = pendingPhoneRegistration(StoreFixtures.phone(), NOW);
        users().insert(claimant);

        assertThat(users().findByPhone(claimant.pendingPhone())).isEmpty();
    }

    @Test
    void findByEmail_whenOthersClaimTheEmail_findsTheAccountItIdentifies() {
        StoredUser owner = StoreFixtures.user();
        users().insert(owner);
        users().insert(StoreFixtures.pendingRegistration(owner.email(), NOW.plusSeconds(1)));

        assertThat(users().findByEmail(owner.email())).contains(owner);
    }

    @Test
    void findByEmail_ofAnActiveAccountsPendingChange_isEmpty() {
        StoredUser user = StoreFixtures.user();
        users().insert(user);
        String claimed = StoreFixtures.email();
        users().update(user.withPending(claimed, null, NOW.plusSeconds(1)).withVersion(2));

        assertThat(users().findByEmail(claimed)).isEmpty();
        assertThat(users().findByEmail(user.email())).hasValueSatisfying(
                found -> assertThat(found.pendingEmail()).isEqualTo(claimed));
    }

    @Test
    void findPendingRegistrationByEmail_findsTheWaitingRegistration() {
        StoredUser registration = StoreFixtures.pendingRegistration(StoreFixtures.email(), NOW);
        users().insert(registration);

        assertThat(users().findPendingRegistrationByEmail(registration.pendingEmail())).contains(registration);
    }

    @Test
    void findPendingRegistrationByEmail_ofSeveralClaims_returnsTheNewest() {
        String email = StoreFixtures.email();
        StoredUser older = StoreFixtures.pendingRegistration(email, NOW.minusSeconds(60));
        StoredUser newest = StoreFixtures.pendingRegistration(email, NOW);
        StoredUser old = StoreFixtures.pendingRegistration(email, NOW.minusSeconds(30));
        users().insert(older);
        users().insert(newest);
        users().insert(old);

        assertThat(users().findPendingRegistrationByEmail(email)).contains(newest);
    }

    @Test
    void findPendingRegistrationByEmail_leavesOutAccountsNotPendingVerification() {
        String email = StoreFixtures.email();
        StoredUser active = StoreFixtures.user();
        users().insert(active);
        users().update(active.withPending(email, null, NOW.plusSeconds(1)).withVersion(2));
        StoredUser disabled = StoreFixtures.pendingRegistration(email, NOW.plusSeconds(2))
                .withStatus(AccountStatus.DISABLED, NOW.plusSeconds(2));
        users().insert(disabled);

        assertThat(users().findPendingRegistrationByEmail(email)).isEmpty();
    }

    @Test
    void findPendingRegistrationByEmail_leavesOutTheAccountTheEmailIdentifies() {
        StoredUser waiting = new StoredUser(StoreFixtures.id(), StoreFixtures.email(), false, null, false, null, null,
                AccountStatus.PENDING_VERIFICATION, Set.of(), Map.of(), NOW, NOW, null, 1);
        users().insert(waiting);

        assertThat(users().findPendingRegistrationByEmail(waiting.email())).isEmpty();
    }

    @Test
    void findPendingRegistrationByEmail_ofUnclaimedEmail_isEmpty() {
        assertThat(users().findPendingRegistrationByEmail(StoreFixtures.email())).isEmpty();
    }

    @Test
    void findByEmailOrPendingRegistration_givesTheIdentifyingAccountBeforeAnyClaim() {
        String email = StoreFixtures.email();
        StoredUser owner = new StoredUser(StoreFixtures.id(), email, true, null, false, null, null,
                AccountStatus.ACTIVE, Set.of(), Map.of(), NOW, NOW, null, 1);
        users().insert(StoreFixtures.pendingRegistration(email, NOW.plusSeconds(1)));
        users().insert(owner);

        assertThat(users().findByEmailOrPendingRegistration(email)).contains(owner);
    }

    @Test
    void findByEmailOrPendingRegistration_withoutAnAccount_givesTheNewestClaim() {
        String email = StoreFixtures.email();
        StoredUser newest = StoreFixtures.pendingRegistration(email, NOW);
        users().insert(StoreFixtures.pendingRegistration(email, NOW.minusSeconds(60)));
        users().insert(newest);

        assertThat(users().findByEmailOrPendingRegistration(email)).contains(newest);
        assertThat(users().findByEmailOrPendingRegistration(StoreFixtures.email())).isEmpty();
    }

    @Test
    void findByPhoneOrPendingRegistration_givesTheIdentifyingAccountElseTheNewestClaim() {
        String phone = StoreFixtures.phone();
        StoredUser newest = pendingPhoneRegistration(phone, NOW);
        users().insert(pendingPhoneRegistration(phone, NOW.minusSeconds(60)));
        users().insert(newest);
        assertThat(users().findByPhoneOrPendingRegistration(phone)).contains(newest);

        StoredUser owner = new StoredUser(StoreFixtures.id(), null, false, phone, true, null, null,
                AccountStatus.ACTIVE, Set.of(), Map.of(), NOW, NOW, null, 1);
        users().insert(owner);

        assertThat(users().findByPhoneOrPendingRegistration(phone)).contains(owner);
    }

    @Test
    void findPendingRegistrationByPhone_ofSeveralClaims_returnsTheNewest() {
        String phone = StoreFixtures.phone();
        StoredUser older = pendingPhoneRegistration(phone, NOW.minusSeconds(60));
        StoredUser newest = pendingPhoneRegistration(phone, NOW);
        users().insert(newest);
        users().insert(older);

        assertThat(users().findPendingRegistrationByPhone(phone)).contains(newest);
    }

    @Test
    void findPendingRegistrationByPhone_leavesOutActiveAccountsAndPendingEmails() {
        String phone = StoreFixtures.phone();
        StoredUser active = pendingPhoneRegistration(phone, NOW).withStatus(AccountStatus.ACTIVE, NOW);
        users().insert(active);

        assertThat(users().findPendingRegistrationByPhone(phone)).isEmpty();
        assertThat(users().findPendingRegistrationByEmail(phone)).isEmpty();
    }

    @Test
    void update_toAPendingEmailThatIdentifiesAnotherAccount_succeeds() {
        StoredUser owner = StoreFixtures.user();
        StoredUser claimant = StoreFixtures.user();
        users().insert(owner);
        users().insert(claimant);
        StoredUser next = claimant.withPending(owner.email(), null, NOW.plusSeconds(1)).withVersion(2);

        assertThat(users().update(next)).isTrue();
        assertThat(users().findById(claimant.id())).contains(next);
    }

    @Test
    void update_provingAPendingEmail_makesItIdentifyTheAccount() {
        StoredUser registration = StoreFixtures.pendingRegistration(StoreFixtures.email(), NOW);
        users().insert(registration);
        StoredUser proved = registration.withEmail(registration.pendingEmail(), true, NOW.plusSeconds(1))
                .withPending(null, null, NOW.plusSeconds(1))
                .withStatus(AccountStatus.ACTIVE, NOW.plusSeconds(1))
                .withVersion(2);

        users().update(proved);

        assertThat(users().findByEmail(registration.pendingEmail())).contains(proved);
        assertThat(users().findPendingRegistrationByEmail(registration.pendingEmail())).isEmpty();
    }

    @Test
    void update_provingAPendingEmailAnotherAccountHasProved_throwsAccountExists() {
        String email = StoreFixtures.email();
        StoredUser late = StoreFixtures.pendingRegistration(email, NOW);
        users().insert(late);
        users().insert(new StoredUser(StoreFixtures.id(), email, true, null, false, null, null, AccountStatus.ACTIVE,
                Set.of(), Map.of(), NOW, NOW, null, 1));
        StoredUser proving = late.withEmail(email, true, NOW.plusSeconds(1)).withVersion(2);

        assertThatThrownBy(() -> users().update(proving))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(AuthErrorCode.ACCOUNT_EXISTS));
        assertThat(users().findById(late.id())).contains(late);
    }

    @Test
    void insert_fiftyConcurrentClaimsOfOnePendingEmail_allSucceed() throws Exception {
        String email = StoreFixtures.email();
        AuthStores second = secondInstance();

        long succeeded = Concurrently.countTrue(50, call -> {
            (call % 2 == 0 ? stores() : second).users().insert(StoreFixtures.pendingRegistration(email, NOW));
            return true;
        });

        assertThat(succeeded).isEqualTo(50);
        assertThat(users().findPendingRegistrationByEmail(email)).isPresent();
    }

    private static StoredUser pendingPhoneRegistration(String pendingPhone, Instant at) {
        return new StoredUser(StoreFixtures.id(), null, false, null, false, null, pendingPhone,
                AccountStatus.PENDING_VERIFICATION, Set.of(), Map.of(), at, at, null, 1);
    }
}
