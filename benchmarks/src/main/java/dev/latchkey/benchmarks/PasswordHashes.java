package dev.latchkey.benchmarks;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.hash.Argon2idHashing;
import dev.latchkey.auth.hash.LegacyHashFormats;
import dev.latchkey.auth.imports.ImportedUser;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.password.PasswordConfig;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Latchkey's two algorithms for new password hashes side by side, on the 64-byte peppered pre-hash they both get:
 * bcrypt at cost 10 and 11, and Argon2id at the OWASP parameters (19 MiB, 2 passes, 1 lane) from {@code auth-hashes};
 * hashing (a registration, a change) and verifying (a login). Then whole password logins over H2 in memory at bcrypt
 * cost 10: a normal one, and the first one of a user imported with a plain bcrypt hash of cost 10, whose upgrade to the
 * peppered form runs after the login on the service's background thread. Each first login is timed once the previous
 * one's upgrade has finished (an untimed wait for its {@code PASSWORD_UPGRADED} event), so the figure is what the user
 * waits for on a server with a core to spare, not two hashes competing for the same cores.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class PasswordHashes {
    @Param({"bcrypt-10", "bcrypt-11", "argon2id"})
    public String algorithm;

    private final byte[] input = "p".repeat(64).getBytes(StandardCharsets.US_ASCII);
    private final char[] chars = "p".repeat(64).toCharArray();
    private final Argon2idHashing argon2 = Argon2idHashing.owaspDefaults();
    private String stored;

    @Setup
    public void setUp() {
        stored = hash();
    }

    private int cost() {
        return Integer.parseInt(algorithm.substring("bcrypt-".length()));
    }

    @Benchmark
    public String hash() {
        return algorithm.equals("argon2id") ? argon2.hash(input)
                : BCrypt.withDefaults().hashToString(cost(), Arrays.copyOf(chars, chars.length));
    }

    @Benchmark
    public boolean verify() {
        return algorithm.equals("argon2id") ? argon2.matches(input, stored)
                : BCrypt.verifyer().verify(chars, stored).verified;
    }

    /** Password logins at bcrypt cost 10 over H2 in memory: normal ones, and first ones of imported users. */
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @State(Scope.Benchmark)
    public static class Logins {
        private static final int IMPORTED = 4000;

        private AuthService auth;
        private final List<String> imported = new ArrayList<>();
        private int next;
        private final ClientInfo client = ClientInfo.unknown();

        private final Semaphore upgrades = new Semaphore(0);
        private int awaited;

        @Setup(Level.Trial)
        public void setUp() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:hashes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            AuthConfig config = Accounts.configBuilder(10).passwords(PasswordConfig.newBuilder().bcryptCost(10).build())
                    .build();
            auth = AuthService.newBuilder(config, JdbcAuthStores.create(ds))
                    .eventListener(event -> {
                        if (event.type() == AuthEventType.PASSWORD_UPGRADED) {
                            upgrades.release();
                        }
                    })
                    .passwordHashFormats(LegacyHashFormats.all()).build();
            auth.accounts().register(Registration.newBuilder().email(Accounts.email(0)).password(Accounts.PASSWORD)
                    .build());
            // One plain bcrypt hash of the password at cost 10, as a Node app would have stored it, for every user.
            String legacy = BCrypt.withDefaults().hashToString(10, Accounts.PASSWORD.toCharArray());
            List<ImportedUser> users = new ArrayList<>();
            for (int i = 1; i <= IMPORTED; i++) {
                imported.add(Accounts.email(i));
                users.add(ImportedUser.newBuilder().externalId("legacy-" + i).email(Accounts.email(i), true)
                        .passwordHash(legacy).build());
            }
            auth.imports().importUsers(users, outcome -> { });
        }

        /** Untimed: waits until every first login so far has had its hash upgraded in the background. */
        @Setup(Level.Invocation)
        public void awaitUpgrades() throws InterruptedException {
            int started = Math.min(next, IMPORTED);
            if (started > awaited) {
                if (!upgrades.tryAcquire(started - awaited, 60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("a background password upgrade did not finish within 60 s");
                }
                awaited = started;
            }
        }

        @Benchmark
        public Session normalLogin() {
            return auth.passwords().login(Contact.email(Accounts.email(0)), Accounts.PASSWORD, client).sessionOrThrow();
        }

        /** Each call logs in the next imported user for the first time (wrapping around after all of them). */
        @Benchmark
        public Session firstLoginOfImportedUser() {
            String email = imported.get(next++ % IMPORTED);
            return auth.passwords().login(Contact.email(email), Accounts.PASSWORD, client).sessionOrThrow();
        }
    }
}
