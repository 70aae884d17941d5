package dev.latchkey.auth.jdbc.flows;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.jdbc.CountingDataSource;
import dev.latchkey.auth.jdbc.JdbcAuditLog;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.jdbc.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import javax.sql.DataSource;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each flow sends the database, counted at the JDBC boundary ({@link CountingDataSource}: statements, commits,
 * rollbacks, savepoints, isolation changes; not {@code BEGIN} or pings), on every database. Each flow has a ceiling:
 * today's count, so a change that adds statements fails here. The ceilings come down as flows get cheaper (the goals
 * of issue 18), never up without a reason in the commit.
 */
class StatementCountsTest {
    /** Today's counts per database, in {@link TestDatabase} order (H2, PostgreSQL, MariaDB). */
    private static final Map<String, int[]> CEILINGS = new LinkedHashMap<>();

    static {
        CEILINGS.put("register (start)", new int[]{15, 6, 15});
        CEILINGS.put("register/verify", new int[]{14, 9, 14});
        CEILINGS.put("login", new int[]{10, 5, 10});
        CEILINGS.put("login, wrong password", new int[]{6, 4, 6});
        CEILINGS.put("login, unknown account", new int[]{7, 4, 6});
        CEILINGS.put("authenticated GET /api/profile", new int[]{2, 2, 2});
        CEILINGS.put("refresh", new int[]{5, 3, 6});
        CEILINGS.put("otp/send", new int[]{11, 5, 11});
        CEILINGS.put("otp/verify creating the account", new int[]{13, 9, 14});
        CEILINGS.put("logout", new int[]{2, 2, 2});
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyFlow_staysWithinItsStatementCeiling(TestDatabase db) {
        try (AuthFixture fx = new AuthFixture(db, c -> c.codes(CodeConfig.newBuilder().loginCreatesAccounts(true)
                .build()))) {
            CountingDataSource counting = new CountingDataSource(db.newDataSource());
            AuthService auth = fx.newService(JdbcAuthStores.newBuilder(counting).tablePrefix(fx.prefix).build());

            Map<String, int[]> counts = runFlows(fx, auth, counting, 7, () -> 0);

            System.out.println("statements per flow on " + db + ": " + statements(counts));
            counts.forEach((flow, n) -> assertThat(n[0]).as("statements of %s on %s", flow, db)
                    .isLessThanOrEqualTo(CEILINGS.get(flow)[db.ordinal()]).isPositive());
        }
    }

    /**
     * With {@link JdbcAuditLog} registered, as the example app does, each flow costs what it costs without it plus
     * exactly one {@code INSERT} per audit event it writes (the rows counted in the table, on another pool). Each run
     * has its own accounts and client address, so both create the same counter rows.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void withTheAuditLog_eachEventCostsOneInsert(TestDatabase db) throws Exception {
        try (AuthFixture fx = new AuthFixture(db, c -> c.codes(CodeConfig.newBuilder().loginCreatesAccounts(true)
                .build()));
             HikariDataSource reader = db.newDataSource()) {
            CountingDataSource counting = new CountingDataSource(db.newDataSource());
            JdbcAuthStores stores = JdbcAuthStores.newBuilder(counting).tablePrefix(fx.prefix).build();
            AuthService audited = AuthService.newBuilder(fx.configBuilder().build(), stores).otpProvider(fx.outbox)
                    .eventListener(JdbcAuditLog.create(stores)).build();
            Map<String, int[]> without = runFlows(fx, fx.newService(stores), counting, 8, () -> 0);
            int[] seen = {0};

            Map<String, int[]> with = runFlows(fx, audited, counting, 9, () -> {
                int rows = auditRows(reader, fx.prefix);
                int added = rows - seen[0];
                seen[0] = rows;
                return added;
            });

            System.out.println("statements per flow with the audit log on " + db + ": " + statements(with));
            with.forEach((flow, n) -> assertThat(n[0]).as("statements of %s with the audit log (%s events) on %s",
                    flow, n[1], db).isEqualTo(without.get(flow)[0] + n[1]));
            assertThat(with.get("login")[1]).as("the login wrote its event").isPositive();

            // A batched log (whose writer would wait a minute here) adds nothing to any flow.
            JdbcAuditLog batched = JdbcAuditLog.batched(stores, Duration.ofMinutes(1));
            Map<String, int[]> queued = runFlows(fx, AuthService.newBuilder(fx.configBuilder().build(), stores)
                    .otpProvider(fx.outbox).eventListener(batched).build(), counting, 10, () -> 0);
            System.out.println("statements per flow with the batched audit log on " + db + ": " + statements(queued));
            queued.forEach((flow, n) -> assertThat(n[0]).as("statements of %s with the batched log on %s", flow, db)
                    .isEqualTo(without.get(flow)[0]));
            int before = auditRows(reader, fx.prefix);
            batched.close();
            assertThat(auditRows(reader, fx.prefix) - before).as("the batched events, written on close")
                    .isEqualTo(with.values().stream().mapToInt(n -> n[1]).sum());
        }
    }

    /**
     * Every flow once, as user {@code n} from client address {@code n}: by flow, its statements and the events
     * {@code newEvents} counts after it.
     */
    private static Map<String, int[]> runFlows(AuthFixture fx, AuthService auth, CountingDataSource counting, int n,
                                               IntSupplier newEvents) {
        ClientInfo client = ClientInfo.of("203.0.113." + n, "JUnit");
        String email = "counted" + n + "@example.com";
        String phone = "+141555501" + (70 + n);
        Map<String, int[]> counts = new LinkedHashMap<>();
        Session[] login = new Session[1];
        Session[] refreshed = new Session[1];
        Map<String, Runnable> flows = new LinkedHashMap<>();
        flows.put("register (start)", () -> auth.registrations().start(
                Registration.newBuilder().email(email).password(PASSWORD).build(), client));
        flows.put("register/verify", () -> auth.registrations().complete(Contact.email(email), fx.latestCode(email),
                client).sessionOrThrow());
        flows.put("login", () -> login[0] = auth.passwords().login(Contact.email(email), PASSWORD, client)
                .sessionOrThrow());
        flows.put("login, wrong password", () -> assertCode(() -> auth.passwords().login(Contact.email(email),
                "not the password", client), AuthErrorCode.INVALID_CREDENTIALS));
        flows.put("login, unknown account", () -> assertCode(() -> auth.passwords().login(Contact.email("nobody" + n
                + "@example.com"), PASSWORD, client), AuthErrorCode.INVALID_CREDENTIALS));
        // What the route does: the online check of the bearer token, then the caller's account.
        flows.put("authenticated GET /api/profile", () -> auth.accounts().get(auth.tokens()
                .verifyOnline(login[0].accessToken()).userId()));
        flows.put("refresh", () -> refreshed[0] = auth.sessions().refresh(login[0].refreshToken(), client));
        flows.put("otp/send", () -> auth.loginCodes().send(Contact.phone(phone), client));
        flows.put("otp/verify creating the account", () -> auth.loginCodes().login(Contact.phone(phone),
                fx.latestCode(phone), client).sessionOrThrow());
        flows.put("logout", () -> auth.sessions().logout(refreshed[0].refreshToken(), client));
        flows.forEach((name, flow) -> counts.put(name, new int[]{count(counting, name, flow), newEvents.getAsInt()}));
        return counts;
    }

    private static Map<String, Integer> statements(Map<String, int[]> counts) {
        Map<String, Integer> only = new LinkedHashMap<>();
        counts.forEach((flow, n) -> only.put(flow, n[0]));
        return only;
    }

    private static int auditRows(DataSource reader, String prefix) {
        try (Connection c = reader.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + prefix + "latchkey_audit_events")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(CountingDataSource counting, String name, Runnable flow) {
        counting.reset();
        flow.run();
        StringBuilder listing = new StringBuilder(name).append(':');
        counting.listing().forEach(line -> listing.append("\n    ").append(line.replaceAll("\\s+", " ")));
        System.out.println(listing);
        return counting.count();
    }
}
