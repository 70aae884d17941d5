package dev.latchkey.auth.jdbc;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.latchkey.auth.jdbc.internal.Database;
import dev.latchkey.auth.jdbc.internal.Dialect;
import dev.latchkey.auth.jdbc.internal.JdbcChallengeStore;
import dev.latchkey.auth.jdbc.internal.JdbcCredentialStore;
import dev.latchkey.auth.jdbc.internal.JdbcImportStore;
import dev.latchkey.auth.jdbc.internal.JdbcOtpCodeStore;
import dev.latchkey.auth.jdbc.internal.JdbcPasswordLookup;
import dev.latchkey.auth.jdbc.internal.JdbcRateLimitStore;
import dev.latchkey.auth.jdbc.internal.JdbcRefreshTokenStore;
import dev.latchkey.auth.jdbc.internal.JdbcMasterKeyStore;
import dev.latchkey.auth.jdbc.internal.JdbcSigningKeyStore;
import dev.latchkey.auth.jdbc.internal.JdbcUserStore;
import dev.latchkey.auth.jdbc.internal.SchemaMigrator;
import dev.latchkey.auth.jdbc.internal.Tables;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.ChallengeStore;
import dev.latchkey.auth.store.CredentialStore;
import dev.latchkey.auth.store.ImportStore;
import dev.latchkey.auth.store.OtpCodeStore;
import dev.latchkey.auth.store.RateLimitStore;
import dev.latchkey.auth.store.RefreshTokenStore;
import dev.latchkey.auth.store.SessionStanding;
import dev.latchkey.auth.store.MasterKeyStore;
import dev.latchkey.auth.store.SigningKeyStore;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredUser;
import dev.latchkey.auth.store.UserStore;

import org.jdbi.v3.core.Jdbi;

/**
 * Every Latchkey store over one SQL database: H2, PostgreSQL, or MariaDB/MySQL, detected from the connection.
 *
 * <p>{@link #create(DataSource)} applies the schema migrations it needs and uses tables named
 * {@code latchkey_*}; {@link #newBuilder(DataSource)} sets a table prefix or leaves the migrations to the host. The
 * host owns the {@link DataSource} (any pool that allows at least two connections at once) and closes it; this object
 * holds no other resource.
 *
 * <p>Instants are stored as epoch milliseconds, so they come back truncated to the millisecond. Every database
 * failure becomes {@link dev.latchkey.auth.AuthException} with
 * {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE}, its cause kept and no parameter value in its message.
 * Instances are immutable and thread-safe.
 */
public final class JdbcAuthStores implements AuthStores {
    private final Database database;
    private final JdbcUserStore users;
    private final JdbcRefreshTokenStore refreshTokens;
    private final JdbcPasswordLookup passwordLookup;
    private final OtpCodeStore otpCodes;
    private final RateLimitStore rateLimits;
    private final SigningKeyStore signingKeys;
    private final MasterKeyStore masterKeys;
    private final CredentialStore credentials;
    private final ChallengeStore challenges;
    private final ImportStore imports;

    private JdbcAuthStores(Database database, RateLimitStore rateLimits) {
        this.database = database;
        JdbcUserStore userStore = new JdbcUserStore(database);
        this.users = userStore;
        this.passwordLookup = new JdbcPasswordLookup(database, userStore);
        this.refreshTokens = new JdbcRefreshTokenStore(database);
        this.otpCodes = new JdbcOtpCodeStore(database);
        this.rateLimits = rateLimits != null ? rateLimits : new JdbcRateLimitStore(database);
        this.signingKeys = new JdbcSigningKeyStore(database);
        this.masterKeys = new JdbcMasterKeyStore(database);
        this.credentials = new JdbcCredentialStore(database);
        this.challenges = new JdbcChallengeStore(database);
        this.imports = new JdbcImportStore(database);
    }

    /**
     * Stores over {@code dataSource} with unprefixed tables, applying any pending migration first.
     *
     * @throws IllegalArgumentException when the database is not H2, PostgreSQL, MariaDB or MySQL
     * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE} when the
     *                                         database cannot be reached or a migration fails
     */
    public static JdbcAuthStores create(DataSource dataSource) {
        return newBuilder(dataSource).build();
    }

    /** A builder for stores over {@code dataSource}, which the host keeps owning. */
    public static Builder newBuilder(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new Builder(Jdbi.create(dataSource));
    }

    /**
     * A builder for stores over the host's own {@code jdbi}. Every store call then goes through it, so a store call
     * made inside the host's {@code jdbi.inTransaction(...)} on the same thread joins that transaction.
     */
    public static Builder newBuilder(Jdbi jdbi) {
        Objects.requireNonNull(jdbi, "jdbi");
        return new Builder(jdbi);
    }

    @Override
    public UserStore users() {
        return users;
    }

    @Override
    public RefreshTokenStore refreshTokens() {
        return refreshTokens;
    }

    @Override
    public OtpCodeStore otpCodes() {
        return otpCodes;
    }

    @Override
    public RateLimitStore rateLimits() {
        return rateLimits;
    }

    /**
     * The credentials of every factor, in {@code latchkey_credentials}: password hashes (type {@code password}) and
     * whatever the factor modules keep. Never purged; deleted with their account.
     */
    @Override
    public CredentialStore credentials() {
        return credentials;
    }

    /** Single-use challenges, by hash, in {@code latchkey_challenges}; purged once expired or consumed. */
    @Override
    public ChallengeStore challenges() {
        return challenges;
    }

    /**
     * The shared access-token signing keys, in {@code latchkey_signing_keys}: what lets every instance over this
     * database sign and verify with the same generated keys. Private keys are stored only encrypted by the service.
     */
    @Override
    public Optional<SigningKeyStore> signingKeys() {
        return Optional.of(signingKeys);
    }

    /** Always present: the master-key registry (migration V10), written outside any transaction. */
    @Override
    public Optional<MasterKeyStore> masterKeys() {
        return Optional.of(masterKeys);
    }

    /**
     * External ids (the {@code external_id} column of {@code latchkey_users}), batch look-ups and batch inserts for
     * {@code AuthService.imports()}.
     */
    /**
     * {@inheritDoc} On PostgreSQL one statement (the credential inserted from the account insert's {@code RETURNING}),
     * so no transaction of its own; elsewhere both inserts in one transaction.
     */
    @Override
    public void insertAccount(StoredUser user, StoredCredential credential) {
        if (!users.insertWithCredential(user, credential)) {
            AuthStores.super.insertAccount(user, credential);
        }
    }

    /** The session and its account's standing in one statement (a join), for the online access-token check. */
    @Override
    public Optional<SessionStanding> sessionStanding(String sessionId) {
        return refreshTokens.sessionStanding(sessionId);
    }

    /** The account and its password credential in one statement (a join). */
    @Override
    public Optional<UserAndPassword> findForPasswordLogin(Contact.Kind kind, String normalized) {
        return passwordLookup.find(kind, normalized);
    }

    @Override
    public Optional<ImportStore> imports() {
        return Optional.of(imports);
    }

    /**
     * Runs {@code work} in one database transaction that every store call it makes on this thread joins. A nested
     * call joins the outer transaction. An exception thrown by {@code work} rolls back and propagates unchanged; a
     * failure to begin or commit is {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE}.
     */
    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        return database.inTransaction(work);
    }

    /**
     * Deletes everything that ended before {@code cutOff}: sessions past their absolute expiry, revoked, or idle
     * past every token's expiry (with their tokens); expired or consumed one-time codes and challenges; expired
     * rate-limit counters and holds. Credentials are never purged.
     *
     * <p>Deletes run in batches of {@link Builder#purgeBatchSize(int)} rows, each its own statement, so a large purge
     * never locks much at once. Call it from a scheduled job, for example hourly with {@code cutOff} = now; a later
     * cut-off keeps rows longer for auditing.
     *
     * @return how many sessions, codes, challenges and counters were deleted in total (tokens deleted with their
     *         session are not counted)
     */
    public int purgeExpired(Instant cutOff) {
        Objects.requireNonNull(cutOff, "cutOff");
        return refreshTokens.purgeExpired(cutOff)
                + otpCodes.purgeExpired(cutOff)
                + challenges.purgeExpired(cutOff)
                + rateLimits.purgeExpired(cutOff);
    }

    /** The detected database dialect: {@code h2}, {@code postgresql} or {@code mariadb} (also for MySQL). */
    public String dialectName() {
        return database.dialect().id();
    }

    /** The database behind these stores, for other JDBC components of this package (such as the audit log). */
    Database database() {
        return database;
    }

    /** The table prefix, empty by default. */
    public String tablePrefix() {
        return database.tables().prefix();
    }

    /** The schema version this library needs, and applies unless {@link Builder#skipMigrations()} is set. */
    public static int schemaVersion() {
        return SchemaMigrator.latestVersion();
    }

    /** Configures and builds {@link JdbcAuthStores}; every setting has a safe default. */
    public static final class Builder {
        private static final Pattern TABLE_PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,19}");
        private static final int MAX_PURGE_BATCH_SIZE = 100_000;

        private final Jdbi jdbi;
        private String tablePrefix = "";
        private boolean runMigrations = true;
        private int purgeBatchSize = 1000;
        private RateLimitStore rateLimits;

        private Builder(Jdbi jdbi) {
            this.jdbi = jdbi;
        }

        /**
         * Puts {@code prefix} in front of every table name, for example {@code auth_} gives
         * {@code auth_latchkey_users}. Default: empty.
         *
         * <p>It must match {@code [a-z][a-z0-9_]{0,19}} (or be empty): it becomes part of SQL identifiers.
         *
         * @throws IllegalArgumentException when it does not
         */
        public Builder tablePrefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (!prefix.isEmpty() && !TABLE_PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("tablePrefix must be empty or match [a-z][a-z0-9_]{0,19}");
            }
            this.tablePrefix = prefix;
            return this;
        }

        /**
         * Leaves the schema to the host's own migration tool, for example when the application's database user may
         * not create or alter tables: {@link #build()} then only checks that every migration is recorded in
         * {@code <prefix>latchkey_schema_version}, and that no recorded checksum differs from the shipped script's,
         * and fails fast naming the script otherwise. It writes nothing. Default: Latchkey applies pending
         * migrations at {@link #build()}.
         */
        public Builder skipMigrations() {
            this.runMigrations = false;
            return this;
        }

        /**
         * The most rows one purge statement deletes; {@link JdbcAuthStores#purgeExpired(Instant)} repeats until none
         * are left. Rarely needed. Default: 1000.
         *
         * @throws IllegalArgumentException unless it is between 1 and 100000
         */
        public Builder purgeBatchSize(int rows) {
            if (rows < 1 || rows > MAX_PURGE_BATCH_SIZE) {
                throw new IllegalArgumentException("purgeBatchSize must be between 1 and " + MAX_PURGE_BATCH_SIZE);
            }
            this.purgeBatchSize = rows;
            return this;
        }

        /**
         * Keeps rate-limit counters in {@code store} instead of the {@code latchkey_rate_limits} table, for example
         * {@link dev.latchkey.auth.store.InMemoryRateLimitStore} in an application that runs as one instance. With
         * several instances keep the default: only a shared store makes limits add up across them.
         */
        public Builder rateLimits(RateLimitStore store) {
            this.rateLimits = Objects.requireNonNull(store, "rateLimits");
            return this;
        }

        /**
         * Connects, detects the dialect, and applies pending migrations (or, after {@link #skipMigrations()}, checks
         * that none is pending).
         *
         * @throws IllegalArgumentException        when the database is not H2, PostgreSQL, MariaDB or MySQL
         * @throws IllegalStateException           after {@link #skipMigrations()}, when the schema lacks a migration;
         *                                         when a migration script applied earlier has changed since (its
         *                                         recorded SHA-256 differs), naming the script; and when the data
         *                                         source gives no second connection while one is in use (a pool of
         *                                         one connection: Latchkey needs at least two at once)
         * @throws dev.latchkey.auth.AuthException {@link dev.latchkey.auth.AuthErrorCode#STORE_UNAVAILABLE} when the
         *                                         database cannot be reached or a migration fails
         */
        public JdbcAuthStores build() {
            Dialect dialect = Database.detectDialect(jdbi);
            Database database = new Database(jdbi, dialect, Tables.withPrefix(tablePrefix), purgeBatchSize);
            database.requireSecondConnection();
            database.learnIsolation();
            SchemaMigrator migrator = new SchemaMigrator(database, Clock.systemUTC());
            if (runMigrations) {
                migrator.migrate();
            } else {
                migrator.verify();
            }
            return new JdbcAuthStores(database, rateLimits);
        }
    }
}
