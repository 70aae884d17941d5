package dev.latchkey.benchmarks;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
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

import java.util.concurrent.TimeUnit;

/**
 * Enumeration timing on H2 file mode: a login for an account that does not exist beside a login to an existing
 * account with a wrong password. Each invocation uses a new unknown email or the next of many accounts, under the
 * loosest throttle {@code AuthConfig} accepts, so the password check is never skipped; the tear-down fails the run if
 * any answer was other than {@code invalid_credentials} (a throttled answer would skip bcrypt and void the figure).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class Enumeration {
    static final int USERS = 20_000;

    @Param({"10"})
    public int bcryptCost;

    BenchDatabase database;
    AuthService auth;
    int nextUser;
    long nextUnknown;
    long answers;
    long otherAnswers;
    AuthErrorCode otherCode;

    @Setup(Level.Trial)
    public void setUp() {
        database = BenchDatabase.fresh("h2");
        auth = Accounts.service(Accounts.config(bcryptCost), database.stores(), null);
        database.bulkInsertUsers(0, USERS, Accounts.seedHash(auth, database));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
        if (otherAnswers > 0) {
            throw new IllegalStateException(otherAnswers + " of " + answers + " logins answered " + otherCode
                    + " instead of invalid_credentials: the figure did not measure the password check");
        }
    }

    private AuthErrorCode attempt(String email, String password) {
        try {
            auth.passwords().login(Contact.email(email), password, ClientInfo.unknown()).sessionOrThrow();
            throw new IllegalStateException("login succeeded");
        } catch (AuthException e) {
            answers++;
            if (e.code() != AuthErrorCode.INVALID_CREDENTIALS) {
                otherAnswers++;
                otherCode = e.code();
            }
            return e.code();
        }
    }

    @Benchmark
    public AuthErrorCode unknownAccount() {
        return attempt("nobody" + (nextUnknown++) + "@bench.latchkey.dev", Accounts.PASSWORD);
    }

    @Benchmark
    public AuthErrorCode wrongPassword() {
        int i = nextUser;
        nextUser = (nextUser + 1) % USERS;
        return attempt(Accounts.email(i), Accounts.WRONG_PASSWORD);
    }
}
