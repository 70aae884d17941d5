package dev.latchkey.auth.testkit.memory;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.InMemoryRateLimitStore;
import dev.latchkey.auth.store.StoredSigningKey;
import dev.latchkey.auth.store.StoredUser;
import dev.latchkey.auth.testkit.contract.AuthStoresContract;
import dev.latchkey.auth.testkit.contract.StoreFixtures;
import org.junit.jupiter.api.Test;

/**
 * {@link AuthStoresContract} on {@link InMemoryAuthStores}, and what it documents beyond the contract: what a rollback
 * leaves alone, and the sharing of data between instances.
 */
class InMemoryAuthStoresTest extends AuthStoresContract {
    @Override
    protected AuthStores newStores() {
        return InMemoryAuthStores.create();
    }

    @Override
    protected AuthStores anotherInstance(AuthStores stores) {
        return ((InMemoryAuthStores) stores).anotherInstance();
    }

    @Test
    void inTransaction_whenTheWorkThrows_keepsTheSigningKeyItInserted() {
        InMemoryAuthStores stores = InMemoryAuthStores.create();
        StoredSigningKey key = new StoredSigningKey("kid-1", 1, "ES256",
                Base64.getEncoder().encodeToString(new byte[91]), Base64.getEncoder().encodeToString(new byte[80]), NOW,
                NOW);

        assertThatThrownBy(() -> stores.inTransaction(() -> {
            stores.signingKeys().orElseThrow().insertIfAbsent(key);
            throw new IllegalStateException("caller fails");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(stores.signingKeys().orElseThrow().findAll()).containsExactly(key);
    }

    @Test
    void inTransaction_whenTheWorkThrows_keepsThePermitsItTook() {
        InMemoryAuthStores stores = InMemoryAuthStores.create();
        Instant window = Instant.parse("2030-06-01T12:00:00Z");

        assertThatThrownBy(() -> stores.inTransaction(() -> {
            stores.rateLimits().tryAcquire("login-fail:k", window, window.plus(Duration.ofMinutes(15)), 10);
            throw new IllegalStateException("caller fails");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(stores.rateLimits().count("login-fail:k", window)).isEqualTo(1);
    }

    @Test
    void create_withARateLimitStore_countsInIt() {
        InMemoryRateLimitStore limits = new InMemoryRateLimitStore();
        Instant window = Instant.parse("2030-06-01T12:00:00Z");

        InMemoryAuthStores.create(limits).rateLimits().tryAcquire("k", window, window.plusSeconds(60), 1);

        assertThat(limits.count("k", window)).isEqualTo(1);
    }

    @Test
    void anotherInstance_sharesTheData() {
        InMemoryAuthStores stores = InMemoryAuthStores.create();
        StoredUser user = StoreFixtures.user();

        stores.anotherInstance().users().insert(user);

        assertThat(stores.users().findById(user.id())).contains(user);
    }

    @Test
    void create_givesStoresOfTheirOwn() {
        StoredUser user = StoreFixtures.user();
        InMemoryAuthStores.create().users().insert(user);

        assertThat(InMemoryAuthStores.create().users().findById(user.id())).isEmpty();
    }

    @Test
    void toString_namesNoContactOrId() {
        InMemoryAuthStores stores = InMemoryAuthStores.create();
        StoredUser user = StoreFixtures.user();
        stores.users().insert(user);

        assertThat(stores.toString()).contains("users=1").doesNotContain(user.email()).doesNotContain(user.id());
    }
}
