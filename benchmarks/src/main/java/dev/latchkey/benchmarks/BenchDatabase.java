package dev.latchkey.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.jdbc.JdbcAuthStores;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One database a benchmark runs against: H2 in file mode under a directory, or PostgreSQL with its own table prefix,
 * behind a small HikariCP pool, with Latchkey's stores over it and direct JDBC for bulk loading.
 *
 * <p>PostgreSQL comes from {@code LATCHKEY_BENCH_POSTGRES_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/latchkey_bench?user=postgres}).
 */
final class BenchDatabase implements AutoCloseable {
    static final String POSTGRES_URL_ENV = "LATCHKEY_BENCH_POSTGRES_URL";
    static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/latchkey_bench?user=postgres";

    /** Rows per JDBC batch when bulk loading. */
    private static final int BATCH = 5_000;

    private final String kind;
    private final String prefix;
    private final Path directory;
    private final boolean dropOnClose;
    private final HikariDataSource dataSource;
    private JdbcAuthStores stores;

    private BenchDatabase(String kind, String jdbcUrl, String prefix, Path directory, boolean dropOnClose) {
        this.kind = kind;
        this.prefix = prefix;
        this.directory = directory;
        this.dropOnClose = dropOnClose;
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(2);
        hikari.setPoolName("bench-" + kind);
        this.dataSource = new HikariDataSource(hikari);
    }

    /** A fresh, empty database of this kind ({@code h2} or {@code postgresql}), removed on close. */
    static BenchDatabase fresh(String kind) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        return open(kind, "b" + id + "_", true);
    }

    /**
     * A database of this kind kept between JVMs under {@code name} (an H2 file in the temp directory, or tables with
     * that prefix on PostgreSQL), so that several forks can share one large data set.
     */
    static BenchDatabase persistent(String kind, String name) {
        return open(kind, name + "_", false);
    }

    /** Removes a data set made by {@link #persistent}: its tables, and on H2 its files. */
    static void dropPersistent(String kind, String name) {
        BenchDatabase db = open(kind, name + "_", false);
        db.reset();
        db.dataSource.close();
        if (db.directory != null) {
            deleteTree(db.directory);
        }
    }

    private static BenchDatabase open(String kind, String prefix, boolean dropOnClose) {
        switch (kind) {
            case "h2": {
                Path dir = Path.of(System.getProperty("java.io.tmpdir"), "latchkey-bench", prefix);
                try {
                    Files.createDirectories(dir);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
                return new BenchDatabase(kind, url, "", dir, dropOnClose);
            }
            case "postgresql":
                return new BenchDatabase(kind, postgresUrl(), prefix, null, dropOnClose);
            default:
                throw new IllegalArgumentException("unknown database kind: " + kind);
        }
    }

    static String postgresUrl() {
        String url = System.getenv(POSTGRES_URL_ENV);
        return url == null || url.isBlank() ? DEFAULT_POSTGRES_URL : url;
    }

    /** Whether PostgreSQL answers at {@link #postgresUrl()}; the reason when it does not. */
    static String postgresProblem() {
        try (Connection c = DriverManager.getConnection(postgresUrl())) {
            c.createStatement().execute("SELECT 1");
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    String kind() {
        return kind;
    }

    String table(String name) {
        return prefix + name;
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    /** Latchkey's stores over this database (migrating it the first time). */
    synchronized JdbcAuthStores stores() {
        if (stores == null) {
            JdbcAuthStores.Builder builder = JdbcAuthStores.newBuilder(dataSource);
            if (!prefix.isEmpty()) {
                builder.tablePrefix(prefix);
            }
            stores = builder.build();
        }
        return stores;
    }

    /**
     * Drops every table Latchkey and the harness made (every table of this prefix on PostgreSQL, everything in the H2
     * file), so the next {@link #stores()} starts empty.
     */
    synchronized void reset() {
        stores = null;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (kind.equals("h2")) {
                s.execute("DROP ALL OBJECTS");
                return;
            }
            List<String> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND left(tablename, ?) = ?")) {
                ps.setInt(1, prefix.length());
                ps.setString(2, prefix);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            for (String t : tables) {
                s.execute("DROP TABLE IF EXISTS " + t + " CASCADE");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not reset the benchmark database", e);
        }
    }

    /** Creates the one-row table of the bare {@code UPDATE} reference. */
    void createCounter() {
        execute("CREATE TABLE IF NOT EXISTS " + table("bench_counter") + " (id INT PRIMARY KEY, n BIGINT NOT NULL)");
        execute("DELETE FROM " + table("bench_counter"));
        execute("INSERT INTO " + table("bench_counter") + " (id, n) VALUES (1, 0)");
    }

    /** One single-row {@code UPDATE} round trip on a pooled connection in auto-commit, as a store call makes. */
    int bareUpdate() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE " + table("bench_counter") + " SET n = n + 1 WHERE id = ?")) {
            ps.setInt(1, 1);
            return ps.executeUpdate();
        }
    }

    void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("benchmark SQL failed: " + sql, e);
        }
    }

    long count(String tableName) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table(tableName))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count " + tableName, e);
        }
    }

    /** The harness's own key-value note in this database, or null (used to resume a persistent data set). */
    String state() {
        execute("CREATE TABLE IF NOT EXISTS " + table("bench_state") + " (k VARCHAR(32) PRIMARY KEY, v VARCHAR(200))");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT v FROM " + table("bench_state") + " WHERE k = 'stage'")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the benchmark state", e);
        }
    }

    void state(String value) {
        state();
        execute("DELETE FROM " + table("bench_state") + " WHERE k = 'stage'");
        execute("INSERT INTO " + table("bench_state") + " (k, v) VALUES ('stage', '" + value + "')");
    }

    boolean exists(String email) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table("latchkey_users") + " WHERE email = ?")) {
            ps.setString(1, email);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look an account up", e);
        }
    }

    /** The password hash stored for this email, as written by the service. */
    String passwordHashOf(String email) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT c.secret FROM " + table("latchkey_users") + " u JOIN "
                     + table("latchkey_credentials") + " c ON c.user_id = u.id AND c.type = 'password' "
                     + "WHERE u.email = ?")) {
            ps.setString(1, email);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no account " + email);
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read a password hash", e);
        }
    }

    /**
     * Inserts active, verified accounts {@code from} to {@code from + count - 1} straight into the users table, with
     * the columns {@code JdbcUserStore} writes, and their password credentials with one precomputed hash for all.
     */
    void bulkInsertUsers(int from, int count, String passwordHash) {
        String users = "INSERT INTO " + table("latchkey_users") + " (id, email, email_verified, phone, phone_verified, "
                + "status, roles, profile, created_at, updated_at, tokens_valid_from, version) "
                + "VALUES (?, ?, TRUE, ?, TRUE, 'ACTIVE', '[\"user\"]', '{}', ?, ?, NULL, 0)";
        long now = System.currentTimeMillis();
        batch(users, from, count, (ps, i) -> {
            ps.setString(1, Accounts.userId(i));
            ps.setString(2, Accounts.email(i));
            ps.setString(3, Accounts.phone(i));
            ps.setLong(4, now);
            ps.setLong(5, now);
        });
        String credentials = "INSERT INTO " + table("latchkey_credentials") + " (id, user_id, type, secret, data, "
                + "counter, created_at) VALUES (?, ?, 'password', ?, 'bcrypt-hmac-sha384', 0, ?)";
        batch(credentials, from, count, (ps, i) -> {
            ps.setString(1, "pwd-" + Accounts.userId(i));
            ps.setString(2, Accounts.userId(i));
            ps.setString(3, passwordHash);
            ps.setLong(4, now);
        });
    }

    /**
     * Inserts {@code count} sessions that ended long ago, each with one expired refresh token, spread over accounts
     * {@code 0..users-1}, and {@code count} expired one-time codes: what {@code purgeExpired} exists to remove.
     */
    void bulkInsertExpired(int count, int users) {
        long ago = System.currentTimeMillis() - 100L * 24 * 3600 * 1000;
        batch("INSERT INTO " + table("latchkey_sessions") + " (id, user_id, created_at, absolute_expires_at, "
                + "revoked_at, client_address, user_agent) VALUES (?, ?, ?, ?, NULL, NULL, NULL)", 0, count,
                (ps, i) -> {
                    ps.setString(1, "expired-session-" + i);
                    ps.setString(2, Accounts.userId(i % users));
                    ps.setLong(3, ago);
                    ps.setLong(4, ago + 3600_000L);
                });
        batch("INSERT INTO " + table("latchkey_refresh_tokens") + " (token_hash, session_id, issued_at, expires_at, "
                + "used_at) VALUES (?, ?, ?, ?, NULL)", 0, count, (ps, i) -> {
                    ps.setString(1, String.format(Locale.ROOT, "expired-token-%043d", i));
                    ps.setString(2, "expired-session-" + i);
                    ps.setLong(3, ago);
                    ps.setLong(4, ago + 1800_000L);
                });
        batch("INSERT INTO " + table("latchkey_otp_codes") + " (id, purpose, destination, code_hash, subject, "
                + "created_at, expires_at, attempts, consumed_at) VALUES (?, 'LOGIN', ?, ?, NULL, ?, ?, 0, NULL)",
                0, count, (ps, i) -> {
                    ps.setString(1, "expired-code-" + i);
                    ps.setString(2, Accounts.phone(i % users));
                    ps.setString(3, String.format(Locale.ROOT, "expired-code-hash-%039d", i));
                    ps.setLong(4, ago);
                    ps.setLong(5, ago + 300_000L);
                });
    }

    private interface RowBinder {
        void bind(PreparedStatement ps, int i) throws SQLException;
    }

    /** A connection for bulk loading; on PostgreSQL with batched inserts rewritten into multi-row statements. */
    private Connection loadingConnection() throws SQLException {
        if (kind.equals("postgresql")) {
            String url = postgresUrl();
            return DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
        }
        return dataSource.getConnection();
    }

    private void batch(String sql, int from, int count, RowBinder binder) {
        try (Connection c = loadingConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int pending = 0;
                for (int i = from; i < from + count; i++) {
                    binder.bind(ps, i);
                    ps.addBatch();
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        c.commit();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                    c.commit();
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("bulk insert failed: " + sql, e);
        }
    }

    @Override
    public void close() {
        if (dropOnClose) {
            if (directory == null) {
                reset();
            }
        }
        dataSource.close();
        if (dropOnClose && directory != null) {
            deleteTree(directory);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
