package dev.latchkey.auth.testkit.contract;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.ImportMatch;
import dev.latchkey.auth.store.ImportStore;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredImport;
import dev.latchkey.auth.store.StoredUser;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ImportStore}, and of the {@link dev.latchkey.auth.store.CredentialStore} calls the import
 * and the first login of an imported user need: a batch lands whole or not at all, external ids are unique (and
 * absent ones never collide), look-ups find accounts by any key but never by a pending contact, deleting an account
 * forgets its external id, and a hash is replaced together with its format by one compare-and-set.
 */
public abstract class ImportStoreContract extends StoreContract {
    private ImportStore imports() {
        return imports(stores());
    }

    private static ImportStore imports(AuthStores stores) {
        return stores.imports().orElseThrow(() -> new AssertionError("the stores have no ImportStore"));
    }

    private static StoredImport account(String externalId) {
        StoredUser user = StoreFixtures.userWithPhone();
        StoredCredential hash = new StoredCredential(StoreFixtures.id(), user.id(), "password", null, null,
                "$2b$10$" + "a".repeat(53), "bcrypt", 0, NOW, null);
        return new StoredImport(user, externalId, hash);
    }

    private static String externalId() {
        return "legacy-" + StoreFixtures.id();
    }

    private void assertNothingOf(StoredImport a) {
        assertThat(stores().users().findById(a.user().id())).isEmpty();
        assertThat(stores().credentials().findByUser(a.user().id())).isEmpty();
        if (a.externalId() != null) {
            assertThat(imports().findUserIdByExternalId(a.externalId())).isEmpty();
        }
    }

    private static void assertAccountExists(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AuthException.class,
                e -> assertThat(e.code()).isEqualTo(AuthErrorCode.ACCOUNT_EXISTS));
    }

    @Test
    void insertAll_thenEveryPartIsReadable() {
        StoredImport a = account(externalId());
        StoredImport b = new StoredImport(StoreFixtures.user(), null, null);

        imports().insertAll(List.of(a, b));

        assertThat(stores().users().findById(a.user().id())).get().satisfies(u -> {
            assertThat(u.email()).isEqualTo(a.user().email());
            assertThat(u.phone()).isEqualTo(a.user().phone());
            assertThat(u.status()).isEqualTo(AccountStatus.ACTIVE);
            assertThat(u.profile()).isEqualTo(a.user().profile());
            assertThat(u.createdAt()).isEqualTo(a.user().createdAt());
            assertThat(u.hasPassword()).isTrue();
        });
        assertThat(stores().credentials().findByUser(a.user().id(), "password")).containsExactly(a.password());
        assertThat(imports().findUserIdByExternalId(a.externalId())).contains(a.user().id());
        assertThat(stores().users().findById(b.user().id())).get().satisfies(u -> assertThat(u.hasPassword()).isFalse());
    }

    @Test
    void insertAll_withAnEmailTakenByAnExistingAccount_writesNothingOfTheBatch() {
        StoredUser existing = StoreFixtures.user();
        stores().users().insert(existing);
        StoredImport good = account(externalId());
        StoredUser clash = new StoredUser(StoreFixtures.id(), existing.email(), true, null, false, null, null,
                AccountStatus.ACTIVE, Set.of(), Map.of(), NOW, NOW, null, 1);

        assertAccountExists(() -> imports().insertAll(List.of(good, new StoredImport(clash, externalId(), null))));

        assertNothingOf(good);
        assertThat(stores().users().findById(clash.id())).isEmpty();
    }

    @Test
    void insertAll_withATakenExternalId_writesNothingOfTheBatch() {
        String taken = externalId();
        imports().insertAll(List.of(account(taken)));
        StoredImport good = account(externalId());
        StoredImport clash = account(taken);

        assertAccountExists(() -> imports().insertAll(List.of(good, clash)));

        assertNothingOf(good);
        assertThat(stores().users().findById(clash.user().id())).isEmpty();
    }

    @Test
    void insertAll_withTheSameExternalIdTwiceInTheBatch_writesNothing() {
        String id = externalId();
        StoredImport first = account(id);
        StoredImport second = account(id);

        assertAccountExists(() -> imports().insertAll(List.of(first, second)));

        assertThat(stores().users().findById(first.user().id())).isEmpty();
        assertThat(imports().findUserIdByExternalId(id)).isEmpty();
    }

    @Test
    void accountsWithoutExternalId_neverCollide() {
        List<StoredImport> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(new StoredImport(StoreFixtures.user(), null, null));
        }
        imports().insertAll(batch);
        imports().insertAll(List.of(new StoredImport(StoreFixtures.user(), null, null)));
        batch.forEach(a -> assertThat(stores().users().findById(a.user().id())).isPresent());
    }

    @Test
    void insertAll_ofAThousandAccounts_landsThemAll() {
        List<StoredImport> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            // Emails only: random phones of a thousand accounts may repeat.
            batch.add(new StoredImport(StoreFixtures.user(), externalId(), null));
        }
        imports().insertAll(batch);
        List<String> ids = batch.stream().map(StoredImport::externalId).toList();
        assertThat(imports().findMatches(ids, List.of(), List.of())).hasSize(1000);
    }

    @Test
    void findMatches_findsAnAccountByEachOfItsKeys_onceEach() {
        StoredImport a = account(externalId());
        imports().insertAll(List.of(a));
        ImportMatch expected = new ImportMatch(a.user().id(), a.externalId(), a.user().email(), a.user().phone());

        assertThat(imports().findMatches(List.of(a.externalId()), List.of(), List.of())).containsExactly(expected);
        assertThat(imports().findMatches(List.of(), List.of(a.user().email()), List.of())).containsExactly(expected);
        assertThat(imports().findMatches(List.of(), List.of(), List.of(a.user().phone()))).containsExactly(expected);
        assertThat(imports().findMatches(List.of(a.externalId(), externalId()), List.of(a.user().email()),
                List.of(a.user().phone()))).containsExactly(expected);
        assertThat(imports().findMatches(List.of(), List.of(), List.of())).isEmpty();
    }

    @Test
    void findMatches_neverFindsAPendingContact() {
        StoredUser pending = StoreFixtures.pendingRegistration(StoreFixtures.email(), NOW);
        stores().users().insert(pending);
        assertThat(imports().findMatches(List.of(), List.of(pending.pendingEmail()), List.of())).isEmpty();
    }

    @Test
    void deletingAnAccount_forgetsItsExternalId() {
        StoredImport a = account(externalId());
        imports().insertAll(List.of(a));

        stores().users().delete(a.user().id());

        assertThat(imports().findUserIdByExternalId(a.externalId())).isEmpty();
        StoredImport again = account(a.externalId());
        imports().insertAll(List.of(again));
        assertThat(imports().findUserIdByExternalId(a.externalId())).contains(again.user().id());
    }

    @Test
    void replaceSecretAndData_withTheCurrentSecret_replacesBothAtOnce() {
        StoredImport a = account(externalId());
        imports().insertAll(List.of(a));
        StoredCredential c = a.password();

        assertThat(stores().credentials().replaceSecret(c.id(), c.secret(), "$2a$11$own", "bcrypt-hmac-sha384"))
                .isTrue();

        StoredCredential after = stores().credentials().findByUser(a.user().id(), "password").get(0);
        assertThat(after.secret()).isEqualTo("$2a$11$own");
        assertThat(after.data()).isEqualTo("bcrypt-hmac-sha384");
        assertThat(after.createdAt()).isEqualTo(c.createdAt());
    }

    @Test
    void replaceSecretAndData_withAStaleSecret_changesNeither() {
        StoredImport a = account(externalId());
        imports().insertAll(List.of(a));
        StoredCredential c = a.password();
        stores().credentials().replaceSecret(c.id(), c.secret(), "$2a$11$changed", "bcrypt-hmac-sha384");

        assertThat(stores().credentials().replaceSecret(c.id(), c.secret(), "$2a$11$stale", "argon2id-hmac-sha384"))
                .isFalse();
        assertThat(stores().credentials().replaceSecret(c.id(), null, "$2a$11$stale", "argon2id-hmac-sha384"))
                .isFalse();

        StoredCredential after = stores().credentials().findByUser(a.user().id(), "password").get(0);
        assertThat(after.secret()).isEqualTo("$2a$11$changed");
        assertThat(after.data()).isEqualTo("bcrypt-hmac-sha384");
    }

    @Test
    void countByData_countsTheCredentialsOfATypeByFormat() {
        AuthStores fresh = freshStores();
        List<StoredImport> batch = List.of(account(externalId()), account(externalId()),
                new StoredImport(StoreFixtures.user(), null, null));
        imports(fresh).insertAll(batch);
        StoredUser other = StoreFixtures.user();
        fresh.users().insert(other);
        fresh.credentials().insert(new StoredCredential(StoreFixtures.id(), other.id(), "password", null, null,
                "$2a$11$x", "bcrypt-hmac-sha384", 0, NOW, null));
        fresh.credentials().insert(new StoredCredential(StoreFixtures.id(), other.id(), "totp", null, null, "s", null,
                0, NOW, null));

        assertThat(fresh.credentials().countByData("password"))
                .isEqualTo(Map.of("bcrypt", 2L, "bcrypt-hmac-sha384", 1L));
        assertThat(fresh.credentials().countByData("totp")).isEqualTo(Map.of("", 1L));
        assertThat(fresh.credentials().countByData("passkey")).isEmpty();
    }
}
