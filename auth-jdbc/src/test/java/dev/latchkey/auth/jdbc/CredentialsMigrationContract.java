package dev.latchkey.auth.jdbc;

import dev.latchkey.auth.testkit.contract.StoreFixtures;
import dev.latchkey.auth.password.PasswordConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.jdbc.internal.Dialect;
import dev.latchkey.auth.jdbc.internal.MigrationScripts;
import dev.latchkey.auth.jdbc.internal.MigrationScripts.Script;
import dev.latchkey.auth.jdbc.internal.SchemaMigrator;
import dev.latchkey.auth.jdbc.internal.Tables;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredUser;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Migration V7 on a database that releases with migrations V1 to V6 made and filled: password hashes move into
 * credentials, unproved contacts into pending, the hash column goes, and the old rows get their checksums.
 */
abstract class CredentialsMigrationContract extends ContractBase {
    private static final String PASSWORD = "correct horse battery staple";
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    /** Accounts as the V6 schema held them; every contact is random, so schemas never share one. */
    private record V6Accounts(String prefix, String passwordHash, Account proved, Account pending, Account phoneProved,
                              Account emailProved, Account hostCreated, Account codeSignUp) {
    }

    private record Account(String id, String email, boolean emailVerified, String phone, boolean phoneVerified,
                           String hash, String status, Instant updatedAt) {
    }

    private V6Accounts upgraded;

    private Jdbi jdbi() {
        return Jdbi.create(dataSource());
    }

    private Dialect dialect() {
        return Arrays.stream(Dialect.values()).filter(d -> d.id().equals(stores().dialectName())).findFirst()
                .orElseThrow();
    }

    private AuthService service(JdbcAuthStores over) {
        AuthConfig config = AuthConfig.newBuilder()
                .issuer("https://auth.test")
                .audience("test-api")
                .appName("Acme")
                .masterKey("test master key, 32 bytes or more!!".getBytes(StandardCharsets.US_ASCII))
                .passwords(PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build())
                .build();
        return AuthService.newBuilder(config, over).build();
    }

    /** A password hash as the service makes it, so that a migrated account can log in with {@link #PASSWORD}. */
    private String serviceMadeHash() {
        JdbcAuthStores fresh = freshStores();
        User user = service(fresh).accounts().register(Registration.newBuilder().email(StoreFixtures.email())
                .password(PASSWORD).build());
        return fresh.credentials().findByUser(user.id(), "password").get(0).secret();
    }

    private static Account account(boolean emailVerified, boolean withPhone, boolean phoneVerified, String hash,
                                   String status, int minutes) {
        return new Account(StoreFixtures.id(), StoreFixtures.email(), emailVerified, withPhone ? StoreFixtures.phone() : null,
                phoneVerified, hash, status, T0.plusSeconds(60L * minutes));
    }

    /** A fresh prefix holding the V1..V6 schema (and the schema-version table of then, without checksums) and rows. */
    private V6Accounts schemaAtV6() {
        String prefix = newPrefix();
        Tables tables = Tables.withPrefix(prefix);
        String hash = serviceMadeHash();
        V6Accounts v6 = new V6Accounts(prefix, hash,
                account(true, false, false, hash, "ACTIVE", 1),
                account(false, true, false, "$2a$04$pendingpendingpendingpendingpendingpendingpendingpen",
                        "PENDING_VERIFICATION", 2),
                account(false, true, true, null, "ACTIVE", 3),
                account(true, true, false, "$2a$04$emailprovedemailprovedemailprovedemailprovedemailpro", "ACTIVE", 4),
                account(false, true, false, "$2a$04$hostcreatedhostcreatedhostcreatedhostcreatedhostcre", "ACTIVE", 5),
                new Account(StoreFixtures.id(), null, false, StoreFixtures.phone(), false, null, "PENDING_VERIFICATION",
                        T0.plusSeconds(360)));
        jdbi().useHandle(handle -> {
            handle.execute("CREATE TABLE " + tables.schemaVersion() + " (version INT NOT NULL, description "
                    + "VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL, PRIMARY KEY (version))");
            for (Script script : MigrationScripts.discover(getClass().getClassLoader(), dialect())) {
                if (script.version() > 6) {
                    continue;
                }
                for (MigrationScripts.Statement statement : MigrationScripts.statements(script.text(), prefix)) {
                    handle.execute(statement.sql());
                }
                handle.execute("INSERT INTO " + tables.schemaVersion() + " (version, description, applied_at) "
                        + "VALUES (?, ?, ?)", script.version(), script.description(), 0L);
            }
            for (Account a : List.of(v6.proved(), v6.pending(), v6.phoneProved(), v6.emailProved(), v6.hostCreated(),
                    v6.codeSignUp())) {
                insertV6User(handle, tables, a);
            }
        });
        return v6;
    }

    private static void insertV6User(Handle handle, Tables tables, Account a) {
        handle.createUpdate("INSERT INTO " + tables.users() + " (id, email, email_verified, phone, phone_verified, "
                        + "password_hash, status, roles, profile, created_at, updated_at, tokens_valid_from, version) "
                        + "VALUES (:id, :email, :emailVerified, :phone, :phoneVerified, :hash, :status, '[\"user\"]', "
                        + "'{}', :createdAt, :updatedAt, NULL, 3)")
                .bind("id", a.id())
                .bind("email", a.email())
                .bind("emailVerified", a.emailVerified())
                .bind("phone", a.phone())
                .bind("phoneVerified", a.phoneVerified())
                .bind("hash", a.hash())
                .bind("status", a.status())
                .bind("createdAt", T0.toEpochMilli())
                .bind("updatedAt", a.updatedAt().toEpochMilli())
                .execute();
    }

    private JdbcAuthStores storesOn(String prefix) {
        return JdbcAuthStores.newBuilder(dataSource()).tablePrefix(prefix).build();
    }

    /** One V6 schema upgraded by building stores over it, shared by the tests that only read it. */
    private synchronized V6Accounts upgradedFromV6() {
        if (upgraded == null) {
            V6Accounts v6 = schemaAtV6();
            storesOn(v6.prefix());
            upgraded = v6;
        }
        return upgraded;
    }

    private StoredUser user(V6Accounts v6, Account account) {
        return storesOn(v6.prefix()).users().findById(account.id()).orElseThrow();
    }

    private List<String> userColumns(String prefix) {
        return jdbi().withHandle(handle -> handle.createQuery("SELECT column_name FROM information_schema.columns "
                        + "WHERE LOWER(table_name) = :table")
                .bind("table", Tables.withPrefix(prefix).users())
                .mapTo(String.class)
                .map(name -> name.toLowerCase(Locale.ROOT))
                .list());
    }

    private int credentialRows(String prefix) {
        return jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM "
                + Tables.withPrefix(prefix).credentials()).mapTo(Integer.class).one());
    }

    @Test
    void upgrade_movesEachPasswordHashIntoOnePasswordCredentialOfItsAccount() {
        V6Accounts v6 = upgradedFromV6();
        JdbcAuthStores stores = storesOn(v6.prefix());

        for (Account a : List.of(v6.proved(), v6.pending(), v6.emailProved(), v6.hostCreated())) {
            assertThat(stores.credentials().findByUser(a.id())).containsExactly(new StoredCredential("pwd-" + a.id(),
                    a.id(), "password", null, null, a.hash(), "bcrypt-hmac-sha384", 0, a.updatedAt(), null));
        }
        assertThat(stores.credentials().findByUser(v6.phoneProved().id())).isEmpty();
        assertThat(credentialRows(v6.prefix())).isEqualTo(4);
    }

    @Test
    void upgrade_dropsThePasswordHashColumnAndAddsThePendingOnes() {
        V6Accounts v6 = upgradedFromV6();

        assertThat(userColumns(v6.prefix())).doesNotContain("password_hash")
                .contains("pending_email", "pending_phone", "email", "phone");
    }

    @Test
    void upgrade_movesTheUnprovedContactsOfAPendingAccountIntoPending() {
        V6Accounts v6 = upgradedFromV6();
        JdbcAuthStores stores = storesOn(v6.prefix());
        Account pending = v6.pending();

        StoredUser user = user(v6, pending);

        assertThat(user.email()).isNull();
        assertThat(user.phone()).isNull();
        assertThat(user.pendingEmail()).isEqualTo(pending.email());
        assertThat(user.pendingPhone()).isEqualTo(pending.phone());
        assertThat(stores.users().findByEmail(pending.email())).isEmpty();
        assertThat(stores.users().findPendingRegistrationByEmail(pending.email())).contains(user);
        assertThat(stores.users().findPendingRegistrationByPhone(pending.phone())).contains(user);
    }

    @Test
    void upgrade_movesThePhoneOfAPendingCodeSignUpIntoPending() {
        V6Accounts v6 = upgradedFromV6();

        StoredUser user = user(v6, v6.codeSignUp());

        assertThat(user.phone()).isNull();
        assertThat(user.pendingPhone()).isEqualTo(v6.codeSignUp().phone());
    }

    @Test
    void upgrade_movesAnUnverifiedContactBesideAVerifiedOneIntoPending() {
        V6Accounts v6 = upgradedFromV6();

        StoredUser phoneProved = user(v6, v6.phoneProved());
        StoredUser emailProved = user(v6, v6.emailProved());

        assertThat(phoneProved.email()).isNull();
        assertThat(phoneProved.pendingEmail()).isEqualTo(v6.phoneProved().email());
        assertThat(phoneProved.phone()).isEqualTo(v6.phoneProved().phone());
        assertThat(emailProved.phone()).isNull();
        assertThat(emailProved.pendingPhone()).isEqualTo(v6.emailProved().phone());
        assertThat(emailProved.email()).isEqualTo(v6.emailProved().email());
    }

    @Test
    void upgrade_keepsTheUnverifiedContactsOfAnActiveAccountWithoutAnyVerifiedOne() {
        V6Accounts v6 = upgradedFromV6();
        Account host = v6.hostCreated();

        StoredUser user = user(v6, host);

        assertThat(user.email()).isEqualTo(host.email());
        assertThat(user.phone()).isEqualTo(host.phone());
        assertThat(user.pendingEmail()).isNull();
        assertThat(user.pendingPhone()).isNull();
        assertThat(storesOn(v6.prefix()).users().findByPhone(host.phone())).contains(user);
    }

    @Test
    void upgrade_keepsAVerifiedEmailIdentifying() {
        V6Accounts v6 = upgradedFromV6();

        assertThat(storesOn(v6.prefix()).users().findByEmail(v6.proved().email()))
                .hasValueSatisfying(u -> assertThat(u.id()).isEqualTo(v6.proved().id()));
    }

    @Test
    void upgrade_recordsTheShippedChecksumOfEveryVersionTheOldOnesIncluded() {
        V6Accounts v6 = upgradedFromV6();

        List<String> recorded = jdbi().withHandle(handle -> handle.createQuery("SELECT checksum FROM "
                + Tables.withPrefix(v6.prefix()).schemaVersion() + " ORDER BY version").mapTo(String.class).list());

        assertThat(recorded).containsExactlyElementsOf(MigrationScripts.discover(getClass().getClassLoader(),
                dialect()).stream().map(Script::checksum).toList());
    }

    @Test
    void upgrade_letsTheAccountLogInWithItsPassword() {
        V6Accounts v6 = upgradedFromV6();

        Session session = service(storesOn(v6.prefix())).passwords().login(Contact.email(v6.proved().email()), PASSWORD,
                ClientInfo.of("203.0.113.7", "JUnit")).sessionOrThrow();

        assertThat(session.user().id()).isEqualTo(v6.proved().id());
    }

    /**
     * Where DDL commits at once (H2, MariaDB), an instance may stop after every statement of V7 ran but before its
     * version row was written; the next start runs V7 again, and every statement must then be a no-op.
     */
    @Test
    void upgrade_interruptedAfterEveryStatementButTheVersionRow_completesOnTheNextStart() {
        assumeThat(database()).isNotEqualTo(TestDatabase.POSTGRES); // its V7 commits with its version row or not
        V6Accounts v6 = schemaAtV6();
        Script v7 = MigrationScripts.discover(getClass().getClassLoader(), dialect()).get(6);
        jdbi().useHandle(handle -> MigrationScripts.statements(v7.text(), v6.prefix())
                .forEach(statement -> handle.execute(statement.sql())));

        JdbcAuthStores stores = storesOn(v6.prefix());

        assertThat(credentialRows(v6.prefix())).isEqualTo(4);
        assertThat(stores.users().findById(v6.pending().id()).orElseThrow().pendingEmail())
                .isEqualTo(v6.pending().email());
        int newest = jdbi().withHandle(handle -> handle.createQuery("SELECT MAX(version) FROM "
                + Tables.withPrefix(v6.prefix()).schemaVersion()).mapTo(Integer.class).one());
        assertThat(newest).isEqualTo(SchemaMigrator.latestVersion());
    }
}
