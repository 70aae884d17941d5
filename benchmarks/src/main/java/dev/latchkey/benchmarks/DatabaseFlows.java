package dev.latchkey.benchmarks;

import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.otp.MockOtpProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Latchkey's database-bound flows (password login, refresh rotation, login code sent through the mock provider and
 * then verified) on H2 in file mode and on PostgreSQL, beside a bare single-row {@code UPDATE} round trip on the same
 * database and pool. Accounts are bulk-loaded; every invocation uses the next account or destination, so no limit or
 * cooldown is ever hit.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class DatabaseFlows {
    static final int USERS = 20_000;

    @Param({"h2", "postgresql"})
    public String db;

    @Param({"10"})
    public int bcryptCost;

    BenchDatabase database;
    AuthService auth;
    MockOtpProvider otp;
    SessionRing sessions;
    int nextUser;
    int nextPhone;

    @Setup(Level.Trial)
    public void setUp() {
        database = BenchDatabase.fresh(db);
        otp = MockOtpProvider.create();
        auth = Accounts.service(Accounts.config(bcryptCost), database.stores(), otp);
        String hash = Accounts.seedHash(auth, database);
        database.bulkInsertUsers(0, USERS, hash);
        database.createCounter();
        sessions = new SessionRing(database);
        nextUser = 0;
        nextPhone = USERS / 2;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    /** A successful password login of the next account: lookup, throttle permit, bcrypt, session, token. */
    @Benchmark
    public Session login() {
        int i = nextUser;
        nextUser = (nextUser + 1) % (USERS / 2);
        return auth.passwords().login(Contact.email(Accounts.email(i)), Accounts.PASSWORD, ClientInfo.unknown()).sessionOrThrow();
    }

    /**
     * One refresh rotation (lookup of the token and its session, account check, mark used, insert the successor,
     * sign), round-robin over 256 sessions so that each is refreshed about as often as a real one.
     */
    @Benchmark
    public Session refresh() {
        return sessions.refreshNext(auth);
    }

    /** A login code sent to the next account's phone through the mock provider, then used to log in. */
    @Benchmark
    public Session otpSendAndVerify() {
        int i = nextPhone;
        nextPhone = nextPhone + 1 < USERS ? nextPhone + 1 : USERS / 2;
        Contact phone = Contact.phone(Accounts.phone(i));
        auth.loginCodes().send(phone, ClientInfo.unknown());
        String code = otp.latestCode(Accounts.phone(i)).orElseThrow();
        return auth.loginCodes().login(phone, code, ClientInfo.unknown()).sessionOrThrow();
    }

    /** The reference: one single-row UPDATE round trip on a pooled connection. */
    @Benchmark
    public int bareUpdate() throws SQLException {
        return database.bareUpdate();
    }
}
