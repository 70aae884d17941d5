package dev.latchkey.auth.jdbc;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.StoredSession;
import dev.latchkey.auth.store.StoredUser;
import dev.latchkey.auth.testkit.contract.RefreshTokenStoreContract;
import dev.latchkey.auth.testkit.contract.StoreFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link RefreshTokenStoreContract} on every {@link TestDatabase}: H2 always, PostgreSQL and MariaDB when their URLs
 * are set (under {@code CI=true} a missing one fails); and the width of the user-agent column.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class RefreshTokenStoreContractTest extends RefreshTokenStoreContract {
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
    void createSession_withLongUserAgent_keepsItsFirst512Chars() {
        StoredUser user = StoreFixtures.user();
        stores().users().insert(user);
        String userAgent = "A".repeat(511) + "\uD83D\uDE00" + "B".repeat(100);
        StoredSession session = new StoredSession(StoreFixtures.id(), user.id(), NOW, NOW,
                NOW.plus(Duration.ofDays(1)), null, null, userAgent, "pwd", NOW);

        stores().refreshTokens().createSession(session, StoreFixtures.token(session.id(), NOW));

        assertThat(stores().refreshTokens().findSession(session.id()))
                .hasValueSatisfying(found -> assertThat(found.userAgent()).isEqualTo("A".repeat(511)));
    }
}
