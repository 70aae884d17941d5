package dev.latchkey.auth.testkit.contract;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.CredentialStore;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredUser;
import org.junit.jupiter.api.Test;

/**
 * The {@link CredentialStore} contract: credentials round-trip and list oldest first, external ids are unique per
 * type, a replacement of one type leaves the others, and the conditional writes (compare-and-set of the secret, the
 * counter that only advances, the single use) change a credential only when their condition holds. Walking and
 * counting credentials by type is in {@link CredentialScanContract}. Account deletion
 * is in {@link FactorStoresContract}, the races in {@link FactorConcurrencyContract}.
 */
public abstract class CredentialStoreContract extends StoreContract {
    private static final String PASSWORD = "password";
    private static final String PASSKEY = "passkey";

    private CredentialStore credentials() {
        return stores().credentials();
    }

    private String newUser() {
        StoredUser user = StoreFixtures.user();
        stores().users().insert(user);
        return user.id();
    }

    /** A credential with every field set, text that needs escaping included. */
    private static StoredCredential passkey(String userId, String externalId, Instant createdAt) {
        return new StoredCredential(StoreFixtures.id(), userId, PASSKEY, externalId, "Laptop \"work\" ✓ 'é'",
                "sealed:" + StoreFixtures.hash(), "{\"alg\":-7,\"flags\":\"BE|BS\"}\n", 41, createdAt,
                createdAt.plusSeconds(5));
    }

    /** The one credential of {@code type} the user has. */
    private StoredCredential only(String userId, String type) {
        List<StoredCredential> found = credentials().findByUser(userId, type);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void insert_thenFindByUser_returnsEveryField() {
        String userId = newUser();
        StoredCredential credential = passkey(userId, StoreFixtures.hash(), NOW);

        credentials().insert(credential);

        assertThat(credentials().findByUser(userId, PASSKEY)).containsExactly(credential);
    }

    @Test
    void insert_withOnlyTheRequiredFields_keepsTheOthersNull() {
        String userId = newUser();
        StoredCredential bare = new StoredCredential(StoreFixtures.id(), userId, "recovery", null, null, null, null, 0,
                NOW, null);

        credentials().insert(bare);

        assertThat(credentials().findByUser(userId, "recovery")).containsExactly(bare);
    }

    @Test
    void insert_withAnExternalIdTakenInTheSameType_throwsAccountExists() {
        String externalId = StoreFixtures.hash();
        credentials().insert(passkey(newUser(), externalId, NOW));
        StoredCredential second = passkey(newUser(), externalId, NOW);

        assertThatThrownBy(() -> credentials().insert(second))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(AuthErrorCode.ACCOUNT_EXISTS));
        assertThat(credentials().findByUser(second.userId())).isEmpty();
    }

    @Test
    void insert_withAnExternalIdTakenInAnotherType_succeeds() {
        String userId = newUser();
        String externalId = StoreFixtures.hash();
        credentials().insert(passkey(userId, externalId, NOW));
        StoredCredential otherType = new StoredCredential(StoreFixtures.id(), userId, "security_key", externalId,
                null, null, null, 0, NOW, null);

        assertThatCode(() -> credentials().insert(otherType)).doesNotThrowAnyException();
    }

    @Test
    void insert_manyWithoutExternalId_allSucceed() {
        String userId = newUser();

        for (int i = 0; i < 3; i++) {
            credentials().insert(StoreFixtures.credential(userId, "recovery"));
        }

        assertThat(credentials().findByUser(userId, "recovery")).hasSize(3);
    }

    @Test
    void findByUser_ofOneType_listsOldestFirstAndLeavesOutOtherTypesAndUsers() {
        String userId = newUser();
        StoredCredential newest = StoreFixtures.credential(userId, "recovery", NOW.plusSeconds(2));
        StoredCredential oldest = StoreFixtures.credential(userId, "recovery", NOW);
        StoredCredential middle = StoreFixtures.credential(userId, "recovery", NOW.plusSeconds(1));
        List.of(newest, oldest, middle).forEach(credentials()::insert);
        credentials().insert(StoreFixtures.credential(userId, PASSWORD));
        credentials().insert(StoreFixtures.credential(newUser(), "recovery"));

        assertThat(credentials().findByUser(userId, "recovery")).containsExactly(oldest, middle, newest);
    }

    @Test
    void findByUser_ofEveryType_listsOldestFirst() {
        String userId = newUser();
        StoredCredential password = StoreFixtures.credential(userId, PASSWORD, NOW.plusSeconds(1));
        StoredCredential totp = StoreFixtures.credential(userId, "totp", NOW);
        credentials().insert(password);
        credentials().insert(totp);

        assertThat(credentials().findByUser(userId)).containsExactly(totp, password);
    }

    @Test
    void findByUser_ofUserWithoutCredentials_isEmpty() {
        assertThat(credentials().findByUser(newUser())).isEmpty();
        assertThat(credentials().findByUser(StoreFixtures.id(), PASSWORD)).isEmpty();
    }

    @Test
    void findByExternalId_findsTheCredentialOfThatType() {
        StoredCredential credential = passkey(newUser(), StoreFixtures.hash(), NOW);
        credentials().insert(credential);

        assertThat(credentials().findByExternalId(PASSKEY, credential.externalId())).contains(credential);
        assertThat(credentials().findByExternalId("security_key", credential.externalId())).isEmpty();
    }

    @Test
    void findByExternalId_withIdDifferingOnlyInCase_isEmpty() {
        StoredCredential credential = passkey(newUser(), "abcDEF" + StoreFixtures.hash(), NOW);
        credentials().insert(credential);

        assertThat(credentials().findByExternalId(PASSKEY, "ABCdef" + credential.externalId().substring(6)))
                .isEmpty();
    }

    @Test
    void findByExternalId_ofUnknownId_isEmpty() {
        assertThat(credentials().findByExternalId(PASSKEY, StoreFixtures.hash())).isEmpty();
    }

    @Test
    void replaceAll_replacesEveryCredentialOfTheTypeAndKeepsTheOthers() {
        String userId = newUser();
        credentials().insert(StoreFixtures.credential(userId, "recovery"));
        credentials().insert(StoreFixtures.credential(userId, "recovery"));
        StoredCredential password = StoreFixtures.credential(userId, PASSWORD);
        credentials().insert(password);
        List<StoredCredential> replacements = List.of(
                StoreFixtures.credential(userId, "recovery", NOW.plusSeconds(1)),
                StoreFixtures.credential(userId, "recovery", NOW.plusSeconds(2)));

        credentials().replaceAll(userId, "recovery", replacements);

        assertThat(credentials().findByUser(userId, "recovery")).containsExactlyElementsOf(replacements);
        assertThat(credentials().findByUser(userId, PASSWORD)).containsExactly(password);
    }

    @Test
    void replaceAll_withNothing_deletesEveryCredentialOfTheType() {
        String userId = newUser();
        credentials().insert(StoreFixtures.credential(userId, PASSWORD));

        credentials().replaceAll(userId, PASSWORD, List.of());

        assertThat(credentials().findByUser(userId, PASSWORD)).isEmpty();
    }

    @Test
    void replaceAll_onAUserWithoutCredentials_addsThem() {
        String userId = newUser();
        StoredCredential password = StoreFixtures.credential(userId, PASSWORD);

        credentials().replaceAll(userId, PASSWORD, List.of(password));

        assertThat(credentials().findByUser(userId, PASSWORD)).containsExactly(password);
    }

    @Test
    void replaceAll_leavesOtherUsersCredentialsOfTheType() {
        String userId = newUser();
        String otherId = newUser();
        StoredCredential others = StoreFixtures.credential(otherId, PASSWORD);
        credentials().insert(others);

        credentials().replaceAll(userId, PASSWORD, List.of(StoreFixtures.credential(userId, PASSWORD)));

        assertThat(credentials().findByUser(otherId, PASSWORD)).containsExactly(others);
    }

    @Test
    void replaceAll_whenAReplacementsExternalIdIsTaken_failsAndKeepsTheOldCredentials() {
        String takenId = StoreFixtures.hash();
        credentials().insert(passkey(newUser(), takenId, NOW));
        String userId = newUser();
        StoredCredential old = passkey(userId, StoreFixtures.hash(), NOW);
        credentials().insert(old);
        List<StoredCredential> replacements = List.of(passkey(userId, StoreFixtures.hash(), NOW.plusSeconds(1)),
                passkey(userId, takenId, NOW.plusSeconds(2)));

        assertThatThrownBy(() -> credentials().replaceAll(userId, PASSKEY, replacements))
                .isInstanceOf(AuthException.class);

        assertThat(credentials().findByUser(userId, PASSKEY)).containsExactly(old);
    }

    @Test
    void replaceSecret_withTheCurrentSecret_replacesIt() {
        String userId = newUser();
        StoredCredential password = StoreFixtures.credential(userId, PASSWORD);
        credentials().insert(password);

        boolean replaced = credentials().replaceSecret(password.id(), password.secret(), "$2a$12$rehashed");

        assertThat(replaced).isTrue();
        assertThat(only(userId, PASSWORD)).isEqualTo(password.withSecret("$2a$12$rehashed"));
    }

    @Test
    void replaceSecret_withAStaleSecret_returnsFalseAndKeepsTheNewerOne() {
        String userId = newUser();
        StoredCredential password = StoreFixtures.credential(userId, PASSWORD);
        credentials().insert(password);
        credentials().replaceSecret(password.id(), password.secret(), "$2a$11$changedMeanwhile");

        boolean replaced = credentials().replaceSecret(password.id(), password.secret(), "$2a$12$rehashed");

        assertThat(replaced).isFalse();
        assertThat(only(userId, PASSWORD).secret()).isEqualTo("$2a$11$changedMeanwhile");
    }

    @Test
    void replaceSecret_ofUnknownCredential_returnsFalse() {
        assertThat(credentials().replaceSecret(StoreFixtures.id(), "a", "b")).isFalse();
    }

    @Test
    void advanceCounter_toAHigherValue_setsItAndTheLastUse() {
        String userId = newUser();
        StoredCredential totp = StoreFixtures.credential(userId, "totp");
        credentials().insert(totp);

        boolean advanced = credentials().advanceCounter(totp.id(), 57_000_001L, NOW.plusSeconds(30));

        assertThat(advanced).isTrue();
        assertThat(only(userId, "totp")).satisfies(found -> {
            assertThat(found.counter()).isEqualTo(57_000_001L);
            assertThat(found.lastUsedAt()).isEqualTo(NOW.plusSeconds(30));
            assertThat(found.secret()).isEqualTo(totp.secret());
        });
    }

    @Test
    void advanceCounter_toTheSameValue_returnsFalse() {
        String userId = newUser();
        StoredCredential totp = StoreFixtures.credential(userId, "totp");
        credentials().insert(totp);
        credentials().advanceCounter(totp.id(), 10, NOW);

        assertThat(credentials().advanceCounter(totp.id(), 10, NOW.plusSeconds(1))).isFalse();
        assertThat(only(userId, "totp").lastUsedAt()).isEqualTo(NOW);
    }

    @Test
    void advanceCounter_toALowerValue_returnsFalseAndKeepsTheCounter() {
        String userId = newUser();
        StoredCredential totp = StoreFixtures.credential(userId, "totp");
        credentials().insert(totp);
        credentials().advanceCounter(totp.id(), 10, NOW);

        assertThat(credentials().advanceCounter(totp.id(), 9, NOW.plusSeconds(1))).isFalse();
        assertThat(only(userId, "totp").counter()).isEqualTo(10);
    }

    @Test
    void advanceCounter_ofUnknownCredential_returnsFalse() {
        assertThat(credentials().advanceCounter(StoreFixtures.id(), 1, NOW)).isFalse();
    }

    @Test
    void recordUse_whileTheCounterIsStillTheExpectedOne_writesCounterUseAndDataOnce() {
        String userId = newUser();
        StoredCredential passkey = StoreFixtures.credential(userId, "passkey");
        credentials().insert(passkey);
        assertThat(credentials().recordUse(passkey.id(), 0, 0, NOW, "{\"bs\":false}")).isTrue(); // no sign count
        assertThat(credentials().recordUse(passkey.id(), 0, 5, NOW.plusSeconds(1), "{\"bs\":true}")).isTrue();
        assertThat(credentials().recordUse(passkey.id(), 0, 6, NOW.plusSeconds(2), "{}")).isFalse();
        assertThat(only(userId, "passkey")).satisfies(found -> {
            assertThat(found.counter()).isEqualTo(5);
            assertThat(found.lastUsedAt()).isEqualTo(NOW.plusSeconds(1));
            assertThat(found.data()).isEqualTo("{\"bs\":true}");
        });
        assertThat(credentials().recordUse(StoreFixtures.id(), 0, 1, NOW, "{}")).isFalse();
    }

    @Test
    void markUsedOnce_ofUnusedCredential_returnsTrueOnceAndKeepsTheFirstUse() {
        String userId = newUser();
        StoredCredential recovery = StoreFixtures.credential(userId, "recovery");
        credentials().insert(recovery);

        assertThat(credentials().markUsedOnce(recovery.id(), NOW.plusSeconds(1))).isTrue();
        assertThat(credentials().markUsedOnce(recovery.id(), NOW.plusSeconds(2))).isFalse();
        assertThat(only(userId, "recovery").lastUsedAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void markUsedOnce_ofUnknownCredential_returnsFalse() {
        assertThat(credentials().markUsedOnce(StoreFixtures.id(), NOW)).isFalse();
    }

    @Test
    void touch_recordsEveryUse() {
        String userId = newUser();
        StoredCredential password = StoreFixtures.credential(userId, PASSWORD);
        credentials().insert(password);

        credentials().touch(password.id(), NOW.plusSeconds(1));
        credentials().touch(password.id(), NOW.plusSeconds(2));

        assertThat(only(userId, PASSWORD).lastUsedAt()).isEqualTo(NOW.plusSeconds(2));
    }

    @Test
    void touch_ofUnknownCredential_doesNothing() {
        assertThatCode(() -> credentials().touch(StoreFixtures.id(), NOW)).doesNotThrowAnyException();
    }

    @Test
    void relabel_ofTheUsersCredential_renamesIt() {
        String userId = newUser();
        StoredCredential passkey = passkey(userId, StoreFixtures.hash(), NOW);
        credentials().insert(passkey);

        assertThat(credentials().relabel(userId, passkey.id(), "Phone")).isTrue();
        assertThat(only(userId, PASSKEY).label()).isEqualTo("Phone");
    }

    @Test
    void relabel_ofAnotherUsersCredential_returnsFalseAndKeepsTheLabel() {
        String userId = newUser();
        StoredCredential passkey = passkey(userId, StoreFixtures.hash(), NOW);
        credentials().insert(passkey);

        assertThat(credentials().relabel(newUser(), passkey.id(), "Stolen")).isFalse();
        assertThat(only(userId, PASSKEY).label()).isEqualTo(passkey.label());
    }

    @Test
    void delete_ofTheUsersCredential_removesOnlyIt() {
        String userId = newUser();
        StoredCredential deleted = StoreFixtures.credential(userId, "recovery");
        StoredCredential kept = StoreFixtures.credential(userId, "recovery", NOW.plusSeconds(1));
        credentials().insert(deleted);
        credentials().insert(kept);

        assertThat(credentials().delete(userId, deleted.id())).isTrue();
        assertThat(credentials().findByUser(userId)).containsExactly(kept);
    }

    @Test
    void delete_ofAnotherUsersCredential_returnsFalseAndKeepsIt() {
        String userId = newUser();
        StoredCredential credential = StoreFixtures.credential(userId, PASSWORD);
        credentials().insert(credential);

        assertThat(credentials().delete(newUser(), credential.id())).isFalse();
        assertThat(credentials().findByUser(userId)).containsExactly(credential);
    }

    @Test
    void delete_ofUnknownCredential_returnsFalse() {
        assertThat(credentials().delete(newUser(), StoreFixtures.id())).isFalse();
    }
}
