package dev.latchkey.auth.example;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.jdbc.JdbcAuditLog;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.keys.KeyReferences;
import dev.latchkey.auth.keys.MasterKeyForgetRefused;
import dev.latchkey.auth.keys.MasterKeyRewrite;
import dev.latchkey.auth.keys.MasterKeyStatus;
import dev.latchkey.auth.totp.RecoveryCodeFactor;
import dev.latchkey.auth.totp.TotpFactor;
import org.jdbi.v3.core.Jdbi;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * {@code java -jar auth-example.jar rotate-keys [--status | --forget KEYID]}: with the app's {@code AUTH_*} settings
 * (the new key in {@code AUTH_MASTER_KEY}, the old ones in {@code AUTH_PREVIOUS_MASTER_KEYS}), rewrites under the
 * current master key every value the service can rewrite by itself (signing keys, TOTP secrets), then prints, per
 * master key id, what still refers to it and whether it can be removed; {@code --status} only prints (though, as
 * every instance does when it starts, it re-encrypts the signing keys it loads); {@code --forget KEYID} rewrites
 * nothing and removes an old key from the database's registry ({@code MasterKeys.forget}) once nothing refers to it,
 * a rewrite retired it and the access-token and code lifetimes have passed since, else prints why not. Key ids only,
 * never a key. Exit status: {@value #OK} when done, {@value #FAILED} when some values could not be rewritten (under a
 * key this instance lacks, or altered) or a key could not be forgotten yet, {@value #USAGE} for a usage error or a
 * bad setting (a master key that does not match the database's), {@value #STOPPED} when the database failed.
 */
final class RotateKeysCommand {
    /** The first argument that selects the command. */
    static final String NAME = "rotate-keys";
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int STOPPED = 3;
    static final String USAGE_TEXT = "usage: java -jar auth-example.jar rotate-keys [--status | --forget KEYID]\n"
            + "  Rewrites signing keys and TOTP secrets under AUTH_MASTER_KEY, then reports what still refers to each "
            + "key of AUTH_PREVIOUS_MASTER_KEYS.\n"
            + "  --status        only report, rewrite nothing\n"
            + "  --forget KEYID  remove an old key from the database's registry once nothing refers to it and the "
            + "token and code lifetimes have passed since a rewrite retired it (then drop it from "
            + "AUTH_PREVIOUS_MASTER_KEYS)";
    private static final String PREFIX = "latchkey-example rotate-keys: ";

    private RotateKeysCommand() {
    }

    /** Runs the command with these arguments (after {@code rotate-keys}) and environment; returns the exit status. */
    static int run(String[] argv, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(argv, env, UnaryOperator.identity(), out, err);
    }

    /** As {@link #run(String[], Map, PrintStream, PrintStream)}, {@code adjust} changing the settings. */
    static int run(String[] argv, Map<String, String> env, UnaryOperator<Settings> adjust, PrintStream out,
                   PrintStream err) {
        return run(argv, env, adjust, b -> { }, out, err);
    }

    /** As {@link #run(String[], Map, UnaryOperator, PrintStream, PrintStream)}, {@code tweaks} changing the config. */
    static int run(String[] argv, Map<String, String> env, UnaryOperator<Settings> adjust,
                   Consumer<AuthConfig.Builder> tweaks, PrintStream out, PrintStream err) {
        Objects.requireNonNull(argv, "argv");
        boolean statusOnly = false;
        String forget = null;
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            switch (arg) {
                case "--status" -> statusOnly = true;
                case "--forget" -> {
                    if (i + 1 == argv.length || argv[i + 1].startsWith("-")) {
                        err.println(PREFIX + "--forget needs a key id (as the status prints it)");
                        err.println(USAGE_TEXT);
                        return USAGE;
                    }
                    forget = argv[++i];
                }
                case "--help", "-h" -> {
                    out.println(USAGE_TEXT);
                    return OK;
                }
                default -> {
                    err.println(PREFIX + "unknown argument " + arg);
                    err.println(USAGE_TEXT);
                    return USAGE;
                }
            }
        }
        if (statusOnly && forget != null) {
            err.println(PREFIX + "--status and --forget do not go together");
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            Settings settings = adjust.apply(Settings.fromEnvironment(env));
            AuthConfig config = ExampleApp.authConfig(settings, AppDatabase.masterKey(settings), tweaks);
            try (HikariDataSource dataSource = AppDatabase.dataSource(settings)) {
                JdbcAuthStores stores = AppDatabase.stores(Jdbi.create(dataSource), settings);
                // The server's factors: their encrypted secrets are rewritten and their hashes counted.
                AuthService auth = AppDatabase.build(ExampleApp.serviceBuilder(config, stores)
                        .factor(TotpFactor.create(ExampleApp.APP_NAME)).factor(RecoveryCodeFactor.create())
                        .eventListener(JdbcAuditLog.create(stores)));
                if (statusOnly) {
                    print(out, auth.keys().status());
                    return OK;
                }
                if (forget != null) {
                    return forget(auth, forget, out, err);
                }
                MasterKeyRewrite rewrite = auth.keys().rewrite();
                out.println("rewritten under the current master key: " + describe(rewrite.rewritten()));
                if (!rewrite.failed().isEmpty()) {
                    out.println("could not rewrite: " + describe(rewrite.failed())
                            + " (under a master key this instance lacks, or altered in the database)");
                }
                print(out, rewrite.status());
                return rewrite.failed().isEmpty() ? OK : FAILED;
            }
        } catch (StartupException e) {
            err.println(PREFIX + "cannot start: " + e.getMessage());
            return USAGE;
        } catch (AuthException e) {
            err.println(PREFIX + "stopped: the database failed (" + AppDatabase.rootCause(e) + "); running the "
                    + "command again resumes");
            return STOPPED;
        }
    }

    /** Forgets one key, or prints why it stays. */
    private static int forget(AuthService auth, String keyId, PrintStream out, PrintStream err) {
        try {
            MasterKeyStatus status = auth.keys().forget(keyId);
            out.println("master key " + keyId + " is forgotten by the database; drop it from AUTH_PREVIOUS_MASTER_KEYS "
                    + "on every instance");
            print(out, status);
            return OK;
        } catch (MasterKeyForgetRefused e) {
            err.println(PREFIX + "not forgotten (" + e.reason().name().toLowerCase(java.util.Locale.ROOT) + "): "
                    + e.getMessage());
            return FAILED;
        }
    }

    /** One line per key: what refers to it, and what removing it would cost. */
    static void print(PrintStream out, MasterKeyStatus status) {
        out.println("current master key: " + status.currentKeyId());
        for (KeyReferences k : status.keys()) {
            String role = k.current() ? "current" : k.configured() ? "previous" : "not configured";
            if (k.removable()) {
                out.println("master key " + k.keyId() + " (" + role + "): nothing refers to it; remove it from "
                        + "AUTH_PREVIOUS_MASTER_KEYS");
            } else {
                out.println("master key " + k.keyId() + " (" + role + "): " + describe(k.references())
                        + (k.current() || k.ownerOnly().isEmpty() ? "" : "; " + String.join(", ",
                        new java.util.TreeSet<>(k.ownerOnly())) + ": rewritten only at their owner's next use; "
                        + "removing the key now makes those users reset their password or get new recovery codes"));
            }
        }
    }

    private static String describe(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "nothing";
        }
        StringBuilder text = new StringBuilder();
        new java.util.TreeMap<>(counts).forEach((kind, n) -> text.append(text.length() == 0 ? "" : ", ").append(kind).append(' ').append(n));
        return text.toString();
    }
}
