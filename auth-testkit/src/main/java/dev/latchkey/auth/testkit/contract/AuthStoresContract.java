package dev.latchkey.auth.testkit.contract;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.StoredCode;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredRefreshToken;
import dev.latchkey.auth.store.StoredSession;
import dev.latchkey.auth.store.StoredUser;
import org.junit.jupiter.api.Test;

/**
 * The {@link AuthStores} contract across the account, session and code stores: {@link AuthStores#inTransaction}
 * commits every write of its work together or, when the work throws, none of them (restoring what it changed); a
 * nested call joins the outer transaction; a store call that fails inside a transaction does not doom it;
 * {@link AuthStores#insertAccount} adds an account with its credential or neither. The same
 * rules for credentials and challenges are in {@link FactorStoresContract}.
 *
 * <p>Rate-limit counters and signing keys are left out on purpose: a host may keep counters in a store of their own
 * (that counts every permit at once), and signing keys commit on their own in both shipped implementations.
 */
public abstract class AuthStoresContract extends StoreContract {

    @Test
    void insertAccount_addsTheAccountAndItsCredential() {
        StoredUser user = StoreFixtures.user();
        StoredCredential password = StoreFixtures.credential(user.id(), "password");

        stores().insertAccount(user, password);

        assertThat(stores().users().findById(user.id())).hasValueSatisfying(u -> assertThat(u.id())
                .isEqualTo(user.id()));
        assertThat(stores().credentials().findByUser(user.id())).containsExactly(password);
    }

    @Test
    void insertAccount_withATakenEmail_addsNeither() {
        StoredUser existing = StoreFixtures.user();
        stores().users().insert(existing);
        StoredUser duplicate = new StoredUser(StoreFixtures.id(), existing.email(), false, null, false, null, null,
                AccountStatus.ACTIVE, Set.of(), Map.of(), NOW, NOW, null, 1);

        assertThatThrownBy(() -> stores().insertAccount(duplicate,
                StoreFixtures.credential(duplicate.id(), "password")))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(AuthErrorCode.ACCOUNT_EXISTS));

        assertThat(stores().users().findById(duplicate.id())).isEmpty();
        assertThat(stores().credentials().findByUser(duplicate.id())).isEmpty();
    }

    @Test
    void insertAccount_withATakenCredential_addsNeither() {
        StoredUser first = StoreFixtures.user();
        StoredCredential taken = new StoredCredential(StoreFixtures.id(), first.id(), "passkey", "credential-1", null,
                null, null, 0, NOW, null);
        stores().insertAccount(first, taken);
        StoredUser second = StoreFixtures.user();
        StoredCredential sameExternalId = new StoredCredential(StoreFixtures.id(), second.id(), "passkey",
                "credential-1", null, null, null, 0, NOW, null);

        assertThatThrownBy(() -> stores().insertAccount(second, sameExternalId))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(AuthErrorCode.ACCOUNT_EXISTS));

        assertThat(stores().users().findById(second.id())).isEmpty();
        assertThat(stores().credentials().findByUser(second.id())).isEmpty();
    }

    @Test
    void inTransaction_afterACaughtAccountExistsFromInsertAccount_stillCommitsTheOtherWrites() {
        StoredUser existing = StoreFixtures.user();
        stores().users().insert(existing);
        StoredUser duplicate = new StoredUser(StoreFixtures.id(), existing.email(), false, null, false, null, null,
                AccountStatus.ACTIVE, Set.of(), Map.of(), NOW, NOW, null, 1);
        StoredUser other = StoreFixtures.user();

        stores().inTransaction(() -> {
            assertThatThrownBy(() -> stores().insertAccount(duplicate,
                    StoreFixtures.credential(duplicate.id(), "password")))
                    .isInstanceOfSatisfying(AuthException.class,
                            e -> assertThat(e.code()).isEqualTo(AuthErrorCode.ACCOUNT_EXISTS));
            stores().users().insert(other);
            return null;
        });

        assertThat(stores().users().findById(other.id())).contains(other);
        assertThat(stores().credentials().findByUser(duplicate.id())).isEmpty();
    }

    @Test
    void sessionStanding_readsTheSessionWithItsAccountsStatusAndCutOff() {
        StoredUser user = StoreFixtures.user();
        stores().users().insert(user);
        StoredSession session = StoreFixtures.session(user.id());
        stores().refreshTokens().createSession(session, StoreFixtures.token(session.id(), NOW));

        assertThat(stores().sessionStanding(session.id())).hasValueSatisfying(s -> {
            assertThat(s.userId()).isEqualTo(user.id());
            assertThat(s.status()).isEqualTo(AccountStatus.ACTIVE);
            assertThat(s.tokensValidFrom()).isNull();
            assertThat(s.revokedAt()).isNull();
            assertThat(s.absoluteExpiresAt()).isEqualTo(session.absoluteExpiresAt());
        });

        StoredUser locked = user.withStatus(AccountStatus.LOCKED, NOW.plusSeconds(1))
                .withTokensValidFrom(NOW.plusSeconds(1), NOW.plusSeconds(1)).withVersion(user.version() + 1);
        assertThat(stores().users().update(locked)).isTrue();
        stores().refreshTokens().revokeSession(session.id(), NOW.plusSeconds(2));
        assertThat(stores().sessionStanding(session.id())).hasValueSatisfying(s -> {
            assertThat(s.status()).isEqualTo(AccountStatus.LOCKED);
            assertThat(s.tokensValidFrom()).isEqualTo(NOW.plusSeconds(1));
            assertThat(s.revokedAt()).isEqualTo(NOW.plusSeconds(2));
        });
        assertThat(stores().sessionStanding(StoreFixtures.id())).isEmpty();
    }

    @Test
    void inTransaction_returnsTheWorksValue() {
        assertThat(stores().inTransaction(() -> "done")).isEqualTo("done");
    }

    @Test
    void inTransaction_commitsEveryWriteOfTheWork() {
        StoredUser user = StoreFixtures.user();
        StoredSession session = StoreFixtures.session(user.id());

        stores().inTransaction(() -> {
            stores().users().insert(user);
            stores().refreshTokens().createSession(session, StoreFixtures.token(session.id(), NOW));
            return null;
        });

        assertThat(stores().refreshTokens().findSession(session.id())).isPresent();
    }

    @Test
    void inTransaction_seesItsOwnWritesBeforeTheyCommit() {
        StoredUser user = StoreFixtures.user();

        boolean seen = stores().inTransaction(() -> {
            stores().users().insert(user);
            return stores().users().findByEmail(user.email()).isPresent();
        });

        assertThat(seen).isTrue();
    }

    @Test
    void inTransaction_whenTheWorkThrows_rollsBackEveryWrite() {
        StoredUser user = StoreFixtures.user();
        StoredSession session = StoreFixtures.session(user.id());
        StoredCode code = StoreFixtures.code("LOGIN", StoreFixtures.email(), NOW);

        assertThatThrownBy(() -> stores().inTransaction(() -> {
            stores().users().insert(user);
            stores().refreshTokens().createSession(session, StoreFixtures.token(session.id(), NOW));
            stores().otpCodes().replace(code);
            throw new IllegalStateException("host failure");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(stores().users().findById(user.id())).isEmpty();
        assertThat(stores().refreshTokens().findSession(session.id())).isEmpty();
        assertThat(stores().otpCodes().findLatest("LOGIN", code.destination())).isEmpty();
    }

    @Test
    void inTransaction_whenTheWorkThrows_restoresWhatItChangedAndDeleted() {
        StoredUser user = StoreFixtures.user();
        stores().users().insert(user);
        StoredSession session = StoreFixtures.session(user.id());
        StoredRefreshToken token = StoreFixtures.token(session.id(), NOW);
        stores().refreshTokens().createSession(session, token);
        StoredCode code = StoreFixtures.code("LOGIN", StoreFixtures.email(), NOW);
        stores().otpCodes().replace(code);
        StoredUser other = StoreFixtures.user();
        stores().users().insert(other);

        assertThatThrownBy(() -> stores().inTransaction(() -> {
            stores().users().update(user.withStatus(AccountStatus.DISABLED, NOW.plusSeconds(1)).withVersion(2));
            stores().refreshTokens().rotate(token.tokenHash(), NOW.plusSeconds(1),
                    StoreFixtures.token(session.id(), NOW.plusSeconds(1)));
            stores().refreshTokens().revokeSession(session.id(), NOW.plusSeconds(1));
            stores().otpCodes().consume(code.id(), NOW.plusSeconds(1));
            stores().users().delete(other.id());
            throw new IllegalStateException("host failure");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(stores().users().findById(user.id())).contains(user);
        assertThat(stores().refreshTokens().findToken(token.tokenHash()))
                .hasValueSatisfying(lookup -> {
                    assertThat(lookup.token()).isEqualTo(token);
                    assertThat(lookup.session().revokedAt()).isNull();
                });
        assertThat(stores().otpCodes().findLatest("LOGIN", code.destination())).contains(code);
        assertThat(stores().users().findById(other.id())).contains(other);
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
        StoredUser user = StoreFixtures.user();

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
        StoredUser existing = StoreFixtures.user();
        stores().users().insert(existing);
        StoredUser duplicate = new StoredUser(StoreFixtures.id(), existing.email(), false, null, false, null, null,
                AccountStatus.ACTIVE, Set.of(), Map.of(), NOW, NOW, null, 1);
        StoredUser other = StoreFixtures.user();

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
        String key = "otp-cooldown:" + StoreFixtures.email();
        stores().rateLimits().tryHold(key, NOW, NOW.plusSeconds(30));
        StoredUser user = StoreFixtures.user();

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
        StoredUser user = StoreFixtures.user();
        StoredSession session = StoreFixtures.session(user.id());
        StoredRefreshToken first = StoreFixtures.token(session.id(), NOW);
        stores().users().insert(user);
        stores().refreshTokens().createSession(session, first);
        StoredRefreshToken clash = new StoredRefreshToken(first.tokenHash(), session.id(), NOW, NOW.plusSeconds(1),
                null);
        StoredRefreshToken freshToken = StoreFixtures.token(session.id(), NOW.plusSeconds(2));

        stores().inTransaction(() -> {
            assertThatThrownBy(() -> stores().refreshTokens().rotate(first.tokenHash(), NOW.plusSeconds(1), clash))
                    .isInstanceOf(AuthException.class);
            return stores().refreshTokens().rotate(first.tokenHash(), NOW.plusSeconds(2), freshToken);
        });

        assertThat(stores().refreshTokens().findToken(freshToken.tokenHash())).isPresent();
    }

    @Test
    void inTransaction_onAnotherInstance_seesTheCommittedWritesOfThisOne() {
        StoredUser user = StoreFixtures.user();
        AuthStores other = secondInstance();

        stores().inTransaction(() -> {
            stores().users().insert(user);
            return null;
        });

        assertThat(other.inTransaction(() -> other.users().findById(user.id()))).contains(user);
    }

    @Test
    void findForPasswordLogin_givesTheIdentifyingAccountWithItsOldestPassword() {
        AuthStores stores = stores();
        StoredUser owner = StoreFixtures.user();
        stores.users().insert(owner);
        stores.users().insert(StoreFixtures.pendingRegistration(owner.email(), NOW.plusSeconds(5)));
        StoredCredential oldest = StoreFixtures.credential(owner.id(), AuthStores.PASSWORD, NOW);
        stores.credentials().insert(StoreFixtures.credential(owner.id(), AuthStores.PASSWORD, NOW.plusSeconds(1)));
        stores.credentials().insert(oldest);
        stores.credentials().insert(StoreFixtures.credential(owner.id(), "totp", NOW.minusSeconds(1)));

        AuthStores.UserAndPassword found = stores.findForPasswordLogin(Contact.Kind.EMAIL, owner.email()).orElseThrow();

        assertThat(found.user().id()).isEqualTo(owner.id());
        assertThat(found.user().hasPassword()).isTrue();
        assertThat(found.password()).isEqualTo(oldest);
    }

    @Test
    void findForPasswordLogin_givesAPendingRegistrationOrAnAccountWithoutPassword_andNothingForAStranger() {
        AuthStores stores = stores();
        String email = StoreFixtures.email();
        StoredUser pending = StoreFixtures.pendingRegistration(email, NOW);
        stores.users().insert(pending);
        stores.credentials().insert(StoreFixtures.credential(pending.id(), AuthStores.PASSWORD));
        StoredUser phoneOnly = StoreFixtures.userWithPhone();
        stores.users().insert(phoneOnly);

        assertThat(stores.findForPasswordLogin(Contact.Kind.EMAIL, email)).map(f -> f.user().id())
                .contains(pending.id());
        assertThat(stores.findForPasswordLogin(Contact.Kind.PHONE, phoneOnly.phone())).map(f -> f.user().id()
                + (f.password() == null ? " without password" : "")).contains(phoneOnly.id() + " without password");
        assertThat(stores.findForPasswordLogin(Contact.Kind.EMAIL, StoreFixtures.email())).isEmpty();
    }
}
