package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.jdbc.CountingDataSource;
import dev.latchkey.auth.jdbc.JdbcAuditLog;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.jdbc.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optional SQL audit table: events of real flows land in it, can be read back, counted and purged; a batched log
 * writes them 500 to a statement, and its reads and its close write what it queued.
 */
class JdbcAuditLogTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void events_areWrittenReadBackCountedAndPurged(TestDatabase db) {
        try (AuthFixture fx = new AuthFixture(db)) {
            JdbcAuditLog audit = JdbcAuditLog.create(fx.stores);
            AuthService auth = AuthService.newBuilder(fx.configBuilder().build(), fx.stores).eventListener(audit).build();
            Instant start = fx.clock.instant();
            String id = auth.accounts().register(Registration.newBuilder().email("log@example.com").password(PASSWORD).build()).id();
            fx.clock.advance(Duration.ofSeconds(1));
            try {
                auth.passwords().login(Contact.email("log@example.com"), "wrong wrong wrong", CLIENT).sessionOrThrow();
            } catch (AuthException expected) {
                assertThat(expected.getMessage()).doesNotContain("wrong wrong");
            }
            fx.clock.advance(Duration.ofSeconds(1));
            Session s = auth.passwords().login(Contact.email("log@example.com"), PASSWORD, CLIENT).sessionOrThrow();

            List<AuthEvent> recent = audit.recentForUser(id, 10);
            assertThat(recent).extracting(AuthEvent::type)
                    .containsExactly(AuthEventType.LOGIN_SUCCEEDED, AuthEventType.LOGIN_FAILED, AuthEventType.ACCOUNT_REGISTERED);
            assertThat(recent.get(0).destination()).isEqualTo("l***@example.com");
            assertThat(recent.get(0).clientAddress()).isEqualTo("203.0.113.7");
            assertThat(recent.get(0).sessionId()).isEqualTo(s.sessionId());
            assertThat(audit.count(AuthEventType.LOGIN_FAILED, start)).isEqualTo(1);
            assertThat(audit.purgeOlderThan(start.plusSeconds(2))).isEqualTo(2);
            assertThat(audit.recentForUser(id, 10)).extracting(AuthEvent::type).containsExactly(AuthEventType.LOGIN_SUCCEEDED);
        }
    }

    /**
     * 1,200 events through a batched log whose writer would wait a minute: nothing is written until a read, which
     * writes them all in three statements (500, 500, 200), and after close an event is written at once.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void batched_writesFiveHundredEventsPerStatementAndEverythingBeforeItsReadsAndOnClose(TestDatabase db) {
        try (AuthFixture fx = new AuthFixture(db)) {
            CountingDataSource counting = new CountingDataSource(db.newDataSource());
            JdbcAuditLog batched = JdbcAuditLog.batched(JdbcAuthStores.newBuilder(counting).tablePrefix(fx.prefix)
                    .build(), Duration.ofMinutes(1));
            JdbcAuditLog reader = JdbcAuditLog.create(fx.stores);
            Instant at = fx.clock.instant();
            counting.reset();
            for (int i = 0; i < 1200; i++) {
                batched.onEvent(new AuthEvent(AuthEventType.LOGIN_FAILED, at, "user-" + i, null, "203.0.113.9", null,
                        null));
            }
            assertThat(counting.count()).as("nothing written yet").isZero();
            assertThat(reader.count(AuthEventType.LOGIN_FAILED, at)).isZero();

            assertThat(batched.count(AuthEventType.LOGIN_FAILED, at)).isEqualTo(1200);
            assertThat(counting.listing()).filteredOn(line -> line.contains("INSERT")).hasSize(3);

            batched.close();
            batched.onEvent(new AuthEvent(AuthEventType.LOGIN_FAILED, at, "after-close", null, null, null, null));
            assertThat(reader.count(AuthEventType.LOGIN_FAILED, at)).isEqualTo(1201);
        }
    }
}
