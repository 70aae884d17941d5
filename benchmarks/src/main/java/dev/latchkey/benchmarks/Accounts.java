package dev.latchkey.benchmarks;

import dev.latchkey.auth.session.SessionConfig;
import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.password.LoginLimits;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthEventListener;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.OtpProvider;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.store.AuthStores;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/** The accounts, keys and configurations every benchmark shares, so that all of them measure the same thing. */
final class Accounts {
    static final String ISSUER = "https://bench.latchkey.dev";
    static final String AUDIENCE = "bench-api";
    static final String PASSWORD = "correct horse battery staple";
    static final String WRONG_PASSWORD = "incorrect horse battery staple";

    private Accounts() {
    }

    /** The HS256 access-token key, set explicitly so that the peers can verify Latchkey's tokens with it. */
    static byte[] accessTokenKey() {
        return fill(32, 'k');
    }

    static byte[] masterKey() {
        return fill(32, 'm');
    }

    private static byte[] fill(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        b[0] = (byte) n;
        return b;
    }

    static String userId(int i) {
        return String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", i);
    }

    static String email(int i) {
        return "user" + i + "@bench.latchkey.dev";
    }

    /** A valid, distinct US number for every account up to 7,999,999. */
    static String phone(int i) {
        return "+1212" + (2_000_000 + i);
    }

    /**
     * A configuration at this bcrypt cost whose limits never stop a benchmark: the defaults otherwise, with the login
     * throttle and code cooldowns at the loosest values {@code AuthConfig} accepts, since benchmarks hammer a few
     * accounts far faster than any person would. Every benchmark still rotates accounts and destinations.
     */
    static AuthConfig config(int bcryptCost) {
        return configBuilder(bcryptCost).build();
    }

    /** {@link #config(int)} still open for more settings. */
    static AuthConfig.Builder configBuilder(int bcryptCost) {
        AuthConfig.Builder b = AuthConfig.newBuilder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .masterKey(masterKey())
                .accessTokenKey(accessTokenKey())
                .sessions(SessionConfig.newBuilder().accessTokenTtl(Duration.ofHours(1)).build())
                .loginLimits(LoginLimits.newBuilder().failuresBeforeDelay(100).failuresBeforeLockout(1000)
                        .failureWindow(Duration.ofMinutes(1)).failuresPerAddress(100_000).build())
                .codes(CodeConfig.newBuilder().sendCooldown(Duration.ofSeconds(1)).sendsPerDestinationPerHour(100)
                        .sendsPerAddressPerHour(10_000).build());
        PasswordConfig.Builder passwords = PasswordConfig.newBuilder();
        if (bcryptCost < 10) {
            passwords.insecureBcryptCostForTests(bcryptCost);
        } else {
            passwords.bcryptCost(bcryptCost);
        }
        return b.passwords(passwords.build());
    }

    /** A service over these stores with no audit logging (its I/O is the host's choice, not Latchkey's cost). */
    static AuthService service(AuthConfig config, AuthStores stores, OtpProvider otp) {
        AuthService.Builder b = AuthService.newBuilder(config, stores).eventListener(event -> { });
        if (otp != null) {
            b.otpProvider(otp);
        }
        return b.build();
    }

    /**
     * Registers one account through the service and returns the hash it stored, so bulk-loaded accounts can reuse a
     * hash of {@link #PASSWORD} made by Latchkey itself (pepper and cost included).
     */
    static String seedHash(AuthService auth, BenchDatabase db) {
        String email = "seed@bench.latchkey.dev";
        auth.accounts().register(Registration.newBuilder().email(email).password(PASSWORD).build());
        return db.passwordHashOf(email);
    }

    /** Accounts from this index on are only used to hold refresh-token sessions. */
    static final int SESSION_ACCOUNTS = 7_000_000;

    /**
     * Opens {@code n} sessions, one per account, for refresh benchmarks, and returns their refresh tokens. Many
     * sessions rather than one long chain, since a real session is refreshed a few hundred times at most. The accounts
     * get a hash at bcrypt cost 4 and are logged in through a cost-4 service over the same stores, so that opening
     * hundreds of sessions takes a second; refresh itself never hashes a password.
     */
    static String[] openSessions(BenchDatabase db, int n) {
        AuthService quick = service(config(4), db.stores(), null);
        String seed = "seed4@bench.latchkey.dev";
        if (!db.exists(seed)) {
            quick.accounts().register(Registration.newBuilder().email(seed).password(PASSWORD).build());
        }
        if (!db.exists(email(SESSION_ACCOUNTS))) {
            db.bulkInsertUsers(SESSION_ACCOUNTS, n, db.passwordHashOf(seed));
        }
        String[] tokens = new String[n];
        for (int i = 0; i < n; i++) {
            tokens[i] = quick.passwords().login(Contact.email(email(SESSION_ACCOUNTS + i)), PASSWORD, ClientInfo.unknown()).sessionOrThrow()
                    .refreshToken();
        }
        return tokens;
    }
}
