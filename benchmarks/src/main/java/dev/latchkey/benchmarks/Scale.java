package dev.latchkey.benchmarks;

import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Session;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Login and refresh as the database grows: 10,000 accounts, then 1,000,000, then the same with 1,000,000 expired
 * sessions (each with its refresh token) and 1,000,000 expired codes, then after {@code purgeExpired()} removed them.
 *
 * <p>The data set is kept between forks (see {@link BenchDatabase#persistent}) and each scenario builds on the one
 * before, so run the scenarios in the order above ({@link BenchmarkReport} does); asking for an earlier one starts
 * over. The account count can be lowered with {@code -Dlatchkey.bench.scaleUsers=N} for a quick check. The time the
 * purge took is written to {@link #purgeNote(String)} for the report.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class Scale {
    static final List<String> SCENARIOS = List.of("users10k", "users1m", "users1m_expired1m", "users1m_purged");
    static final int SMALL = 10_000;

    @Param({"h2"})
    public String db;

    @Param({"users10k", "users1m", "users1m_expired1m", "users1m_purged"})
    public String scenario;

    BenchDatabase database;
    AuthService auth;
    int users;
    SessionRing sessions;

    static int largeUsers() {
        return Integer.getInteger("latchkey.bench.scaleUsers", 1_000_000);
    }

    static Path purgeNote(String db) {
        return Path.of(System.getProperty("java.io.tmpdir"), "latchkey-bench", "purge-" + db + ".txt");
    }

    @Setup(Level.Trial)
    public void setUp() {
        database = BenchDatabase.persistent(db, "scale");
        int wanted = SCENARIOS.indexOf(scenario);
        if (wanted < 0) {
            throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        String stage = stageOrNull();
        int reached = stage == null ? -1 : SCENARIOS.indexOf(stage);
        if (reached > wanted || reached < 0) {
            database.reset();
            reached = -1;
        }
        auth = Accounts.service(Accounts.config(10), database.stores(), null);
        int large = largeUsers();
        for (int step = reached + 1; step <= wanted; step++) {
            long started = System.nanoTime();
            switch (SCENARIOS.get(step)) {
                case "users10k" -> database.bulkInsertUsers(0, SMALL, Accounts.seedHash(auth, database));
                case "users1m" -> database.bulkInsertUsers(SMALL, large - SMALL,
                        database.passwordHashOf("seed@bench.latchkey.dev"));
                case "users1m_expired1m" -> database.bulkInsertExpired(large, large);
                default -> purge();
            }
            database.state(SCENARIOS.get(step));
            System.out.printf("%n[scale %s] %s ready in %.1f s%n", db, SCENARIOS.get(step),
                    (System.nanoTime() - started) / 1e9);
        }
        users = wanted == 0 ? SMALL : large;
        sessions = new SessionRing(database);
    }

    private String stageOrNull() {
        try {
            return database.state();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private void purge() {
        long sessionRows = database.count("latchkey_sessions");
        long codes = database.count("latchkey_otp_codes");
        long started = System.nanoTime();
        int deleted = auth.purgeExpired();
        double seconds = (System.nanoTime() - started) / 1e9;
        String note = String.format(java.util.Locale.ROOT,
                "purgeExpired() deleted %d rows (sessions before: %d, codes before: %d; sessions after: %d, "
                        + "codes after: %d) in %.1f s", deleted, sessionRows, codes, database.count("latchkey_sessions"),
                database.count("latchkey_otp_codes"), seconds);
        try {
            Files.createDirectories(purgeNote(db).getParent());
            Files.writeString(purgeNote(db), note);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    /** A successful login of a random account among all loaded. */
    @Benchmark
    public Session login() {
        int i = ThreadLocalRandom.current().nextInt(users);
        return auth.passwords().login(Contact.email(Accounts.email(i)), Accounts.PASSWORD, ClientInfo.unknown()).sessionOrThrow();
    }

    @Benchmark
    public Session refresh() {
        return sessions.refreshNext(auth);
    }
}
