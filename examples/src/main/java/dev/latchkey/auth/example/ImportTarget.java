package dev.latchkey.auth.example;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.SigningAlgorithm;
import dev.latchkey.auth.jdbc.JdbcAuditLog;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.token.SigningConfig;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;

/**
 * The database the importer writes to: the app's, from the same settings, wired as the server wires it (the master
 * key, migrations, the legacy hash formats, the audit table). A dry run writes nothing there: it applies no migration
 * and generates no master key or signing key, and when the database has no current Latchkey schema yet, it checks the
 * records against an empty in-memory database instead.
 */
final class ImportTarget implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final AuthService auth;
    private final String description;
    private final String note;

    private ImportTarget(HikariDataSource dataSource, AuthService auth, String description, String note) {
        this.dataSource = dataSource;
        this.auth = auth;
        this.description = description;
        this.note = note;
    }

    /**
     * Connects for an import.
     *
     * @throws StartupException naming the setting at fault
     */
    static ImportTarget open(Settings settings, boolean dryRun) {
        return dryRun ? dryRun(settings) : forWriting(settings);
    }

    private static ImportTarget forWriting(Settings settings) {
        if (settings.dbUrl().isEmpty()) {
            DataDirectory.create(settings.dataDir());
        }
        AuthConfig config = ExampleApp.authConfig(settings, AppDatabase.masterKey(settings), b -> { });
        HikariDataSource dataSource = AppDatabase.dataSource(settings);
        try {
            if (settings.dbUrl().isEmpty()) {
                DataDirectory.restrictFiles(settings.dataDir());
            }
            JdbcAuthStores stores = AppDatabase.stores(Jdbi.create(dataSource), settings);
            AuthService auth = AppDatabase.build(ExampleApp.serviceBuilder(config, stores)
                    .eventListener(JdbcAuditLog.create(stores)));
            return new ImportTarget(dataSource, auth, describe(settings, stores), null);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static ImportTarget dryRun(Settings settings) {
        Path dataDir = settings.dataDir();
        byte[] key = settings.masterKey().orElseGet(() -> Files.exists(dataDir.resolve(MasterKeyFile.FILE_NAME))
                ? MasterKeyFile.loadOrCreate(dataDir) : randomKey());
        // HS256 for the dry run: its key is derived from the master key, so no signing key is created in the store.
        AuthConfig config = ExampleApp.authConfig(settings, key, b -> b.signing(SigningConfig.newBuilder()
                .algorithm(SigningAlgorithm.HS256).build()));
        if (settings.dbUrl().isEmpty()
                && !Files.exists(dataDir.resolve(DataDirectory.DATABASE_NAME + ".mv.db"))) {
            return inMemory(settings, config, "there is no database in AUTH_DATA_DIR yet");
        }
        HikariDataSource dataSource = AppDatabase.dataSource(settings);
        JdbcAuthStores stores;
        try {
            stores = AppDatabase.stores(Jdbi.create(dataSource), settings, false);
        } catch (IllegalStateException | AuthException e) {
            // A pending migration, or no schema table at all (an AuthException from the read that found none).
            dataSource.close();
            return inMemory(settings, config, "the database has no current Latchkey schema yet ("
                    + (e instanceof AuthException ? AppDatabase.rootCause(e) : e.getMessage()) + ")");
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new ImportTarget(dataSource, ExampleApp.serviceBuilder(config, stores).build(),
                describe(settings, stores), null);
    }

    private static ImportTarget inMemory(Settings settings, AuthConfig config, String why) {
        HikariDataSource dataSource = AppDatabase.dataSource(settings,
                "jdbc:h2:mem:latchkey-dry-run-" + UUID.randomUUID());
        try {
            JdbcAuthStores stores = AppDatabase.stores(Jdbi.create(dataSource), settings);
            return new ImportTarget(dataSource, ExampleApp.serviceBuilder(config, stores).build(),
                    "an empty in-memory database", why + ": checking against an empty in-memory database, so no "
                    + "record is found already present");
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static String describe(Settings settings, JdbcAuthStores stores) {
        return stores.dialectName() + " at " + Settings.maskUrl(AppDatabase.url(settings))
                + (settings.tablePrefix().isEmpty() ? "" : " (table prefix " + settings.tablePrefix() + ")");
    }

    private static byte[] randomKey() {
        byte[] key = new byte[Settings.MIN_MASTER_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    AuthService auth() {
        return auth;
    }

    /** Which database, for the importer's first line. */
    String description() {
        return description;
    }

    /** Why a dry run checks against an empty database, when it does. */
    Optional<String> note() {
        return Optional.ofNullable(note);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
