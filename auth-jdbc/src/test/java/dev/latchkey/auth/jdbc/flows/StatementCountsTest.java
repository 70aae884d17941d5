package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.jdbc.CountingDataSource;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.jdbc.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
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
        CEILINGS.put("online token check", new int[]{1, 1, 1});
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
            Map<String, Integer> counts = new LinkedHashMap<>();
            String email = "counted@example.com";

            counts.put("register (start)", count(counting, "register (start)", () -> auth.registrations().start(
                    Registration.newBuilder().email(email).password(PASSWORD).build(), CLIENT)));
            String code = fx.latestCode(email);
            counts.put("register/verify", count(counting, "register/verify", () -> auth.registrations().complete(Contact.email(email),
                    code, CLIENT).sessionOrThrow()));
            Session[] login = new Session[1];
            counts.put("login", count(counting, "login", () -> login[0] = auth.passwords().login(Contact.email(email), PASSWORD,
                    CLIENT).sessionOrThrow()));
            counts.put("login, wrong password", count(counting, "login, wrong password", () -> assertCode(() -> auth.passwords()
                    .login(Contact.email(email), "not the password", CLIENT), dev.latchkey.auth.AuthErrorCode
                    .INVALID_CREDENTIALS)));
            counts.put("login, unknown account", count(counting, "login, unknown account", () -> assertCode(() -> auth.passwords()
                    .login(Contact.email("nobody@example.com"), PASSWORD, CLIENT), dev.latchkey.auth.AuthErrorCode
                    .INVALID_CREDENTIALS)));
            counts.put("online token check", count(counting, "online token check", () -> auth.tokens().verifyOnline(login[0].accessToken())));
            Session[] refreshed = new Session[1];
            counts.put("refresh", count(counting, "refresh", () -> refreshed[0] = auth.sessions().refresh(login[0].refreshToken(),
                    CLIENT)));
            String phone = "+14155550177";
            counts.put("otp/send", count(counting, "otp/send", () -> auth.loginCodes().send(Contact.phone(phone), CLIENT)));
            String phoneCode = fx.latestCode(phone);
            counts.put("otp/verify creating the account", count(counting, "otp/verify creating the account", () -> auth.loginCodes()
                    .login(Contact.phone(phone), phoneCode, CLIENT).sessionOrThrow()));
            counts.put("logout", count(counting, "logout", () -> auth.sessions().logout(refreshed[0].refreshToken(), CLIENT)));

            System.out.println("statements per flow on " + db + ": " + counts);
            counts.forEach((flow, n) -> assertThat(n).as("statements of %s on %s", flow, db)
                    .isLessThanOrEqualTo(CEILINGS.get(flow)[db.ordinal()]).isPositive());
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
