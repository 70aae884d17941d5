package dev.latchkey.auth.testkit.contract;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.StoredChallenge;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredUser;
import org.junit.jupiter.api.Test;

/**
 * The {@link AuthStores} rules that reach the factor stores: deleting an account deletes its credentials of every
 * type and the challenges bound to it, and {@link AuthStores#inTransaction} commits or rolls back credential and
 * challenge writes together with the account's.
 */
public abstract class FactorStoresContract extends StoreContract {

    private StoredUser newUser() {
        StoredUser user = StoreFixtures.user();
        stores().users().insert(user);
        return user;
    }

    @Test
    void readsOfAnAccount_sayWhetherItHasAPasswordCredential() {
        StoredUser user = newUser();
        assertThat(stores().users().findById(user.id()).orElseThrow().hasPassword()).isFalse();
        stores().credentials().insert(StoreFixtures.credential(user.id(), "totp"));
        assertThat(stores().users().findById(user.id()).orElseThrow().hasPassword()).isFalse();

        stores().credentials().insert(StoreFixtures.credential(user.id(), "password"));

        assertThat(stores().users().findById(user.id()).orElseThrow().hasPassword()).isTrue();
        assertThat(stores().users().findByEmail(user.email()).orElseThrow().hasPassword()).isTrue();
        stores().credentials().replaceAll(user.id(), "password", List.of());
        assertThat(stores().users().findById(user.id()).orElseThrow().hasPassword()).isFalse();
    }

    @Test
    void deleteAccount_removesItsCredentialsOfEveryType() {
        StoredUser user = newUser();
        StoredCredential password = StoreFixtures.credential(user.id(), "password");
        StoredCredential totp = StoreFixtures.credential(user.id(), "totp");
        stores().credentials().insert(password);
        stores().credentials().insert(totp);

        stores().users().delete(user.id());

        assertThat(stores().credentials().findByUser(user.id())).isEmpty();
    }

    @Test
    void deleteAccount_leavesOtherAccountsCredentials() {
        StoredUser user = newUser();
        StoredUser other = newUser();
        stores().credentials().insert(StoreFixtures.credential(user.id(), "password"));
        StoredCredential kept = StoreFixtures.credential(other.id(), "password");
        stores().credentials().insert(kept);

        stores().users().delete(user.id());

        assertThat(stores().credentials().findByUser(other.id())).containsExactly(kept);
    }

    @Test
    void deleteAccount_freesTheExternalIdsOfItsCredentials() {
        StoredUser user = newUser();
        StoredCredential passkey = passkey(user.id(), StoreFixtures.hash());
        stores().credentials().insert(passkey);

        stores().users().delete(user.id());

        assertThat(stores().credentials().findByExternalId("passkey", passkey.externalId())).isEmpty();
    }

    @Test
    void deleteAccount_removesTheChallengesBoundToIt() {
        StoredUser user = newUser();
        StoredChallenge challenge = StoreFixtures.challenge(user.id());
        stores().challenges().insert(challenge);

        stores().users().delete(user.id());

        assertThat(stores().challenges().find(challenge.hash())).isEmpty();
    }

    @Test
    void deleteAccount_leavesUnboundAndOtherAccountsChallenges() {
        StoredUser user = newUser();
        StoredUser other = newUser();
        stores().challenges().insert(StoreFixtures.challenge(user.id()));
        StoredChallenge unbound = StoreFixtures.challenge(null);
        StoredChallenge others = StoreFixtures.challenge(other.id());
        stores().challenges().insert(unbound);
        stores().challenges().insert(others);

        stores().users().delete(user.id());

        assertThat(stores().challenges().find(unbound.hash())).contains(unbound);
        assertThat(stores().challenges().find(others.hash())).contains(others);
    }

    @Test
    void inTransaction_commitsTheAccountWithItsCredentialAndChallenge() {
        StoredUser user = StoreFixtures.user();
        StoredCredential password = StoreFixtures.credential(user.id(), "password");
        StoredChallenge challenge = StoreFixtures.challenge(user.id());

        stores().inTransaction(() -> {
            stores().users().insert(user);
            stores().credentials().replaceAll(user.id(), "password", List.of(password));
            stores().challenges().insert(challenge);
            return null;
        });

        assertThat(stores().credentials().findByUser(user.id(), "password")).containsExactly(password);
        assertThat(stores().challenges().find(challenge.hash())).contains(challenge);
    }

    @Test
    void inTransaction_whenTheWorkThrows_rollsBackTheAccountItsCredentialAndChallenge() {
        StoredUser user = StoreFixtures.user();
        StoredChallenge challenge = StoreFixtures.challenge(user.id());

        assertThatThrownBy(() -> stores().inTransaction(() -> {
            stores().users().insert(user);
            stores().credentials().insert(StoreFixtures.credential(user.id(), "password"));
            stores().challenges().insert(challenge);
            throw new IllegalStateException("host failure");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(stores().users().findById(user.id())).isEmpty();
        assertThat(stores().credentials().findByUser(user.id())).isEmpty();
        assertThat(stores().challenges().find(challenge.hash())).isEmpty();
    }

    @Test
    void inTransaction_whenTheWorkThrows_restoresReplacedCredentialsAndUnconsumesTheChallenge() {
        StoredUser user = newUser();
        StoredCredential password = StoreFixtures.credential(user.id(), "password");
        stores().credentials().insert(password);
        StoredChallenge challenge = StoreFixtures.challenge(user.id());
        stores().challenges().insert(challenge);

        assertThatThrownBy(() -> stores().inTransaction(() -> {
            stores().credentials().replaceAll(user.id(), "password",
                    List.of(StoreFixtures.credential(user.id(), "password")));
            stores().credentials().markUsedOnce(password.id(), NOW);
            stores().challenges().consume(challenge.hash(), NOW);
            throw new IllegalStateException("host failure");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(stores().credentials().findByUser(user.id(), "password")).containsExactly(password);
        assertThat(stores().challenges().find(challenge.hash())).contains(challenge);
    }

    @Test
    void inTransaction_afterACaughtTakenExternalId_stillCommitsTheOtherWrites() {
        StoredUser user = newUser();
        StoredCredential first = passkey(user.id(), StoreFixtures.hash());
        stores().credentials().insert(first);
        StoredCredential other = StoreFixtures.credential(user.id(), "totp");

        stores().inTransaction(() -> {
            assertThatThrownBy(() -> stores().credentials().insert(passkey(user.id(), first.externalId())))
                    .isInstanceOfSatisfying(AuthException.class,
                            e -> assertThat(e.code()).isEqualTo(AuthErrorCode.ACCOUNT_EXISTS));
            stores().credentials().insert(other);
            return null;
        });

        assertThat(stores().credentials().findByUser(user.id(), "totp")).containsExactly(other);
    }

    private static StoredCredential passkey(String userId, String externalId) {
        return new StoredCredential(StoreFixtures.id(), userId, "passkey", externalId, "laptop", null, "cose-key", 0,
                NOW, null);
    }
}
