package dev.latchkey.auth.jdbc;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.SigningKeyStore;
import dev.latchkey.auth.store.StoredSigningKey;
import dev.latchkey.auth.testkit.contract.SigningKeyStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SigningKeyStoreContract} on every {@link TestDatabase}: H2 always, PostgreSQL and MariaDB when their URLs
 * are set (under {@code CI=true} a missing one fails); and the JDBC store's own connection, outside the caller's
 * transaction.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class SigningKeyStoreContractTest extends SigningKeyStoreContract {
    @Parameter
    TestDatabase database;

    private DatabaseFixture db;

    @BeforeParameterizedClassInvocation
    void connect() {
        db = null;
        db = new DatabaseFixture(database);
    }

    @AfterParameterizedClassInvocation
    void dropTablesAndDisconnect() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected AuthStores newStores() {
        return db.newStores();
    }

    @Override
    protected AuthStores anotherInstance(AuthStores stores) {
        return db.anotherInstance(stores);
    }

    @Test
    void insertIfAbsent_insideACallersTransactionThatRollsBack_staysCommitted() {
        JdbcAuthStores stores = db.newStores();
        SigningKeyStore keys = stores.signingKeys().orElseThrow();
        StoredSigningKey key = new StoredSigningKey("kid-1", 1, "RS256",
                Base64.getEncoder().encodeToString(new byte[294]),
                Base64.getEncoder().encodeToString(new byte[12 + 1218 + 16]), NOW, NOW);

        assertThatThrownBy(() -> stores.inTransaction(() -> {
            keys.insertIfAbsent(key);
            throw new IllegalStateException("caller fails");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(keys.findAll()).extracting(StoredSigningKey::keyId).containsExactly("kid-1");
    }
}
