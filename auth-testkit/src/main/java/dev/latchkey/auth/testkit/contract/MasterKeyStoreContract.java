package dev.latchkey.auth.testkit.contract;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.MasterKeyStore;
import dev.latchkey.auth.store.StoredMasterKey;
import org.junit.jupiter.api.Test;

/**
 * The {@link MasterKeyStore} contract: keys round-trip in generation order, a taken generation or key id is refused,
 * of concurrent registrations of one generation across two instances exactly one wins, and retirement and removal
 * times are set; an announcement is withdrawn (retired and removed) by one compare-and-set, never once the key was made
 * current. The stores must offer {@link AuthStores#masterKeys()}.
 */
public abstract class MasterKeyStoreContract extends StoreContract {
    private MasterKeyStore fresh() {
        return keys(freshStores());
    }

    private static MasterKeyStore keys(AuthStores stores) {
        return stores.masterKeys().orElseThrow(
                () -> new AssertionError("MasterKeyStoreContract needs stores whose masterKeys() is present"));
    }

    private static StoredMasterKey key(String keyId, int generation) {
        return new StoredMasterKey(keyId, generation, NOW.plus(Duration.ofDays(generation)), null, null);
    }

    @Test
    void findAll_onAnEmptyRegistry_isEmpty() {
        assertThat(fresh().findAll()).isEmpty();
    }

    @Test
    void insertIfAbsent_thenFindAll_roundTripsInGenerationOrder() {
        MasterKeyStore keys = fresh();

        assertThat(keys.insertIfAbsent(key("BBBBBBBBBBBB", 2))).isTrue();
        assertThat(keys.insertIfAbsent(key("AAAAAAAAAAAA", 1))).isTrue();

        assertThat(keys.findAll()).containsExactly(key("AAAAAAAAAAAA", 1), key("BBBBBBBBBBBB", 2));
    }

    @Test
    void insertIfAbsent_withATakenGenerationOrKeyId_isRefused() {
        MasterKeyStore keys = fresh();
        keys.insertIfAbsent(key("AAAAAAAAAAAA", 1));

        assertThat(keys.insertIfAbsent(key("BBBBBBBBBBBB", 1))).isFalse();
        assertThat(keys.insertIfAbsent(key("AAAAAAAAAAAA", 2))).isFalse();
        assertThat(keys.findAll()).containsExactly(key("AAAAAAAAAAAA", 1));
    }

    @Test
    void insertIfAbsent_concurrentlyForOneGenerationAcrossTwoInstances_registersExactlyOne() throws Exception {
        AuthStores stores = freshStores();
        MasterKeyStore keys = keys(stores);
        MasterKeyStore second = keys(anotherInstance(stores));

        long wins = Concurrently.countTrue(20, i -> (i % 2 == 0 ? keys : second)
                .insertIfAbsent(key(String.format("key-%08d", i), 1)));

        assertThat(wins).isEqualTo(1);
        assertThat(keys.findAll()).hasSize(1);
    }

    @Test
    void update_setsAndClearsTheRetirementAndRemoval() {
        MasterKeyStore keys = fresh();
        keys.insertIfAbsent(key("AAAAAAAAAAAA", 1));

        assertThat(keys.update("AAAAAAAAAAAA", NOW.plusSeconds(5), NOW.plusSeconds(9))).isTrue();
        assertThat(keys.findAll()).containsExactly(new StoredMasterKey("AAAAAAAAAAAA", 1,
                NOW.plus(Duration.ofDays(1)), NOW.plusSeconds(5), NOW.plusSeconds(9)));
        assertThat(keys.update("AAAAAAAAAAAA", null, null)).isTrue();
        assertThat(keys.findAll().get(0).relied()).isTrue();
        assertThat(keys.update("CCCCCCCCCCCC", NOW, null)).isFalse();
    }

    @Test
    void anAnnouncedKey_keepsItsAnnouncementUntilUpdated() {
        MasterKeyStore keys = fresh();
        keys.insertIfAbsent(key("AAAAAAAAAAAA", 1));
        StoredMasterKey announced = new StoredMasterKey("BBBBBBBBBBBB", 2, NOW, null, null, NOW);

        assertThat(keys.insertIfAbsent(announced)).isTrue();
        assertThat(keys.findAll()).containsExactly(key("AAAAAAAAAAAA", 1), announced);
        assertThat(keys.findAll().get(1).announced()).isTrue();
        assertThat(keys.update("BBBBBBBBBBBB", null, null)).isTrue();
        assertThat(keys.findAll().get(1)).isEqualTo(new StoredMasterKey("BBBBBBBBBBBB", 2, NOW, null, null, null));
    }

    @Test
    void withdraw_afterTheKeyWasMadeCurrent_changesNothing() {
        MasterKeyStore keys = fresh();
        keys.insertIfAbsent(key("AAAAAAAAAAAA", 1));
        keys.insertIfAbsent(new StoredMasterKey("BBBBBBBBBBBB", 2, NOW, null, null, NOW));
        keys.update("BBBBBBBBBBBB", null, null);

        assertThat(keys.withdraw("BBBBBBBBBBBB", NOW.plusSeconds(7))).isFalse();
        assertThat(keys.findAll().get(1).relied()).isTrue();
        assertThat(keys.findAll().get(1).removedAt()).isNull();
    }

    @Test
    void withdraw_retiresAndRemovesAnAnnouncedKeyOnce_andNothingElse() {
        MasterKeyStore keys = fresh();
        keys.insertIfAbsent(key("AAAAAAAAAAAA", 1));
        keys.insertIfAbsent(new StoredMasterKey("BBBBBBBBBBBB", 2, NOW, null, null, NOW));

        assertThat(keys.withdraw("AAAAAAAAAAAA", NOW)).as("not announced").isFalse();
        assertThat(keys.withdraw("CCCCCCCCCCCC", NOW)).as("no such key").isFalse();
        assertThat(keys.withdraw("BBBBBBBBBBBB", NOW.plusSeconds(7))).isTrue();
        assertThat(keys.withdraw("BBBBBBBBBBBB", NOW.plusSeconds(8))).as("once").isFalse();

        StoredMasterKey withdrawn = keys.findAll().get(1);
        assertThat(withdrawn).isEqualTo(new StoredMasterKey("BBBBBBBBBBBB", 2, NOW, NOW.plusSeconds(7),
                NOW.plusSeconds(7), null));
        assertThat(withdrawn.announced()).isFalse();
        assertThat(withdrawn.relied()).isFalse();
        assertThat(keys.insertIfAbsent(new StoredMasterKey("BBBBBBBBBBBB", 3, NOW, null, null, NOW)))
                .as("a withdrawn key id is never registered again").isFalse();
    }
}
