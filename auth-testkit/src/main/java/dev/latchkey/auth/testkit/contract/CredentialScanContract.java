package dev.latchkey.auth.testkit.contract;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.latchkey.auth.store.CredentialKeyCount;
import dev.latchkey.auth.store.CredentialStore;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredUser;
import org.junit.jupiter.api.Test;

/**
 * The {@link CredentialStore} contract for master-key rotation: {@link CredentialStore#findByType} walks every
 * credential of a type once in bounded batches, and {@link CredentialStore#countByKeyId} counts a type's credentials
 * by the master-key id their secret is tagged with ({@code @<id>:...}) and by data, and
 * {@link CredentialStore#countAllByKeyId} counts every type by key id and use.
 */
public abstract class CredentialScanContract extends StoreContract {
    private static final String PASSWORD = "password";

    @Test
    void findByType_inBatches_returnsEveryCredentialOfTheTypeOnceInIdOrder() {
        var stores = freshStores();
        CredentialStore fresh = stores.credentials();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            StoredUser user = StoreFixtures.user();
            stores.users().insert(user);
            StoredCredential c = StoreFixtures.credential(user.id(), "totp");
            fresh.insert(c);
            fresh.insert(StoreFixtures.credential(user.id(), PASSWORD));
            ids.add(c.id());
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        List<StoredCredential> page;
        do {
            page = fresh.findByType("totp", after, 3);
            assertThat(page).hasSizeLessThanOrEqualTo(3).allMatch(c -> c.type().equals("totp"));
            page.forEach(c -> seen.add(c.id()));
            after = page.isEmpty() ? after : page.get(page.size() - 1).id();
        } while (page.size() == 3);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
        assertThat(fresh.findByType("passkey", null, 3)).isEmpty();
    }

    @Test
    void countByKeyId_countsTaggedSecretsByKeyIdAndData() {
        var stores = freshStores();
        StoredUser user = StoreFixtures.user();
        stores.users().insert(user);
        CredentialStore fresh = stores.credentials();
        fresh.insert(withSecret(user.id(), PASSWORD, "@AAAAAAAAAAAA:$2a$11$x", "bcrypt-hmac-sha384"));
        fresh.insert(withSecret(user.id(), PASSWORD, "@AAAAAAAAAAAA:$2a$11$y", "bcrypt-hmac-sha384"));
        fresh.insert(withSecret(user.id(), PASSWORD, "@BBBBBBBBB-_B:$argon2id$z", "argon2id-hmac-sha384"));
        fresh.insert(withSecret(user.id(), PASSWORD, "$2a$11$untagged", "bcrypt-hmac-sha384"));
        fresh.insert(withSecret(user.id(), PASSWORD, "$2b$10$imported", "bcrypt"));
        fresh.insert(withSecret(user.id(), PASSWORD, "@short:x", null));
        fresh.insert(withSecret(user.id(), PASSWORD, null, null));
        fresh.insert(withSecret(user.id(), "totp", "@AAAAAAAAAAAA:sealed", "SHA1 6 30"));

        assertThat(fresh.countByKeyId(PASSWORD)).isEqualTo(Map.of(
                "AAAAAAAAAAAA", Map.of("bcrypt-hmac-sha384", 2L),
                "BBBBBBBBB-_B", Map.of("argon2id-hmac-sha384", 1L),
                "", Map.of("bcrypt-hmac-sha384", 1L, "bcrypt", 1L, "", 2L)));
        assertThat(fresh.countByKeyId("totp")).isEqualTo(Map.of("AAAAAAAAAAAA",
                Map.of("SHA1 6 30", 1L)));
        assertThat(fresh.countByKeyId("passkey")).isEmpty();
    }

    @Test
    void countAllByKeyId_countsEveryTypeByKeyIdAndUse_inOneRead() {
        var stores = freshStores();
        StoredUser user = StoreFixtures.user();
        stores.users().insert(user);
        CredentialStore fresh = stores.credentials();
        fresh.insert(withSecret(user.id(), PASSWORD, "@AAAAAAAAAAAA:$2a$11$x", "bcrypt-hmac-sha384"));
        fresh.insert(withSecret(user.id(), "totp", "@AAAAAAAAAAAA:sealed", "SHA1 6 30"));
        fresh.insert(withSecret(user.id(), "totp", "@BBBBBBBBB-_B:sealed", "SHA1 6 30"));
        fresh.insert(withSecret(user.id(), "recovery_code", "@AAAAAAAAAAAA:h1", null));
        StoredCredential used = withSecret(user.id(), "recovery_code", "@AAAAAAAAAAAA:h2", null);
        fresh.insert(used);
        fresh.insert(withSecret(user.id(), "recovery_code", "untagged", null));
        assertThat(fresh.markUsedOnce(used.id(), NOW)).isTrue();

        assertThat(fresh.countAllByKeyId()).containsExactlyInAnyOrder(
                new CredentialKeyCount(PASSWORD, "AAAAAAAAAAAA", false, 1),
                new CredentialKeyCount("totp", "AAAAAAAAAAAA", false, 1),
                new CredentialKeyCount("totp", "BBBBBBBBB-_B", false, 1),
                new CredentialKeyCount("recovery_code", "AAAAAAAAAAAA", false, 1),
                new CredentialKeyCount("recovery_code", "AAAAAAAAAAAA", true, 1),
                new CredentialKeyCount("recovery_code", "", false, 1));
    }

    private static StoredCredential withSecret(String userId, String type, String secret, String data) {
        return new StoredCredential(StoreFixtures.id(), userId, type, null, null, secret, data, 0, NOW, null);
    }
}
