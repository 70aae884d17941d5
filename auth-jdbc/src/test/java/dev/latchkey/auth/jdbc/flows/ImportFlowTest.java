package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.TestHooks;
import dev.latchkey.auth.imports.ImportOptions;
import dev.latchkey.auth.imports.ImportOutcome;
import dev.latchkey.auth.imports.ImportSummary;
import dev.latchkey.auth.imports.ImportedUser;
import dev.latchkey.auth.jdbc.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** Importing over JdbcAuthStores on every database: batches, idempotence, a conflict, and a first login. */
class ImportFlowTest {
    /** bcryptjs 3.0.3: bcrypt.hashSync('correct horse battery staple', 5). */
    private static final String BCRYPT = "$2b$05$u/wJ2/xBbzttaLWGmGAgluPPvlZYrPCJgGcTZhSRCxgfa91WTgPqS";

    private static Iterator<ImportedUser> records(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> ImportedUser.newBuilder().externalId("old-" + i)
                .email("user" + i + "@example.com", i % 2 == 0).passwordHash(i % 10 == 0 ? null : BCRYPT)
                .build()).iterator();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void importInBatches_isIdempotent_andImportedUsersLogIn(TestDatabase database) {
        try (AuthFixture fx = new AuthFixture(database, b -> b, TestHooks::upgradeInline)) {
            AuthService auth = fx.auth;
            ImportOptions options = ImportOptions.newBuilder().batchSize(250).build();

            ImportSummary first = auth.imports().importUsers(records(1200), options, o -> { });
            List<ImportOutcome> again = new ArrayList<>();
            ImportSummary second = auth.imports().importUsers(records(1200), options, again::add);

            assertThat(first).isEqualTo(new ImportSummary(1200, 1200, 0, 0, 0, false));
            assertThat(second).isEqualTo(new ImportSummary(1200, 0, 1200, 0, 0, false));
            assertThat(auth.imports().legacyPasswordHashes()).isEqualTo(1080);
            String id = auth.imports().findUserId("old-7").orElseThrow();
            assertThat(again.get(6).userId()).isEqualTo(id);

            assertThat(auth.passwords().login(Contact.email("user7@example.com"), PASSWORD, CLIENT).sessionOrThrow()
                    .user().id()).isEqualTo(id);
            assertThat(auth.imports().legacyPasswordHashes()).isEqualTo(1079);
            assertThat(auth.imports().passwordHashFormats()).containsEntry("bcrypt-hmac-sha384", 1L)
                    .containsEntry("bcrypt", 1079L);

            List<ImportOutcome> clash = new ArrayList<>();
            auth.imports().importUsers(List.of(ImportedUser.newBuilder().externalId("new-1")
                    .email("user8@example.com", true).build(), ImportedUser.newBuilder().externalId("new-2")
                    .email("fresh@example.com", true).build()), clash::add);
            assertThat(clash).extracting(ImportOutcome::status)
                    .containsExactly(ImportOutcome.Status.CONFLICT, ImportOutcome.Status.IMPORTED);
        }
    }

    @Test
    void theUpgradeIsHandedToItsExecutor_onlyOnceTheLoginHasItsSession() {
        List<AuthEventType> events = new ArrayList<>();
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, c -> c, b -> TestHooks.upgradeInline(
                b.eventListener(e -> events.add(e.type()))))) {
            fx.auth.imports().importUsers(List.of(ImportedUser.newBuilder().email("order@example.com", true)
                    .passwordHash(BCRYPT).build()), o -> { });
            fx.auth.passwords().login(Contact.email("order@example.com"), PASSWORD, CLIENT).sessionOrThrow();

            // Run inline, the upgrade's event shows when it started: after the login's, never beside it.
            assertThat(events).containsSubsequence(AuthEventType.LOGIN_SUCCEEDED, AuthEventType.PASSWORD_UPGRADED);
            assertThat(fx.auth.imports().legacyPasswordHashes()).isZero();
        }
    }

    @Test
    void byDefault_theUpgradeRunsOnTheBackgroundThread_afterTheLogin() throws InterruptedException {
        CountDownLatch upgraded = new CountDownLatch(1);
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2, c -> c, b -> b.eventListener(e -> {
            if (e.type() == AuthEventType.PASSWORD_UPGRADED) {
                upgraded.countDown();
            }
        }))) {
            fx.auth.imports().importUsers(List.of(ImportedUser.newBuilder().email("bg@example.com", true)
                    .passwordHash(BCRYPT).build()), o -> { });
            fx.auth.passwords().login(Contact.email("bg@example.com"), PASSWORD, CLIENT).sessionOrThrow();

            // Waits for the upgrade's event, emitted once the new hash is stored (30 s only bounds a broken upgrade).
            assertThat(upgraded.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(fx.auth.imports().legacyPasswordHashes()).isZero();
            assertThat(fx.auth.imports().passwordHashFormats()).containsOnlyKeys("bcrypt-hmac-sha384");
            assertThat(fx.auth.passwords().login(Contact.email("bg@example.com"), PASSWORD, CLIENT).sessionOrThrow())
                    .isNotNull();
        }
    }
}
