package dev.latchkey.auth.example;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.AuthEventListener;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.OtpProvider;
import dev.latchkey.auth.hash.LegacyHashFormats;
import dev.latchkey.auth.http.LatchkeyApi;
import dev.latchkey.auth.http.LogText;
import dev.latchkey.auth.jdbc.JdbcAuditLog;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.otp.MockOtpProvider;
import dev.latchkey.auth.totp.RecoveryCodeFactor;
import dev.latchkey.auth.totp.TotpFactor;
import dev.latchkey.auth.webauthn.PasskeyFactor;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The Latchkey example application: every flow of Latchkey over HTTP with Javalin, over a real database.
 *
 * <p>Run it with {@code java -jar examples/target/auth-example.jar}; {@link Settings} lists the environment variables.
 * Embedding and tests use {@link #start(Settings)} and {@link #close()}.
 */
public final class ExampleApp implements ExampleHost {
    /** Request bodies larger than this are refused with 413. */
    public static final int MAX_BODY_BYTES = LatchkeyApi.MAX_BODY_BYTES;
    /** The {@code aud} of access tokens. */
    public static final String AUDIENCE = Settings.AUDIENCE;
    /** The name in code messages. */
    public static final String APP_NAME = Settings.APP_NAME;

    static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(ExampleApp.class);
    /** How long the audit table keeps events. */
    private static final Duration AUDIT_RETENTION = Duration.ofDays(90);

    private final HikariDataSource dataSource;
    private final AuthService auth;
    private final JdbcAuditLog audit;
    private final MockOtpProvider mock;
    private final Javalin javalin;
    private final ScheduledExecutorService housekeeping;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ExampleApp(HikariDataSource dataSource, AuthService auth, JdbcAuditLog audit, MockOtpProvider mock,
                       Javalin javalin, ScheduledExecutorService housekeeping) {
        this.dataSource = dataSource;
        this.auth = auth;
        this.audit = audit;
        this.mock = mock;
        this.javalin = javalin;
        this.housekeeping = housekeeping;
    }

    /**
     * Starts the application with the process environment; a bad setting ends it with one line on stderr. With
     * {@code import} as the first argument, runs the command line importer instead ({@link ImportCommand}), and with
     * {@code rotate-keys} the master-key rewrite ({@link RotateKeysCommand}), and exits with its status.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(ImportCommand.NAME)) {
            System.exit(ImportCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv(),
                    System.out, System.err, System.console() != null));
        }
        if (args.length > 0 && args[0].equals(RotateKeysCommand.NAME)) {
            System.exit(RotateKeysCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv(),
                    System.out, System.err));
        }
        int status = launch(System.getenv(), System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Starts the application with {@code env} and a shutdown hook that closes it; returns 0, or 2 after printing
     * one line naming the bad setting (no stack trace) to {@code err}.
     */
    static int launch(Map<String, String> env, PrintStream err) {
        try {
            ExampleApp app = start(Settings.fromEnvironment(env));
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "latchkey-example-shutdown"));
            return 0;
        } catch (StartupException e) {
            err.println("latchkey-example: cannot start: " + e.getMessage());
            return 2;
        }
    }

    /**
     * Connects to the database (applying Latchkey's migrations), builds the {@link AuthService} and starts serving.
     *
     * @throws StartupException naming the setting at fault
     */
    public static ExampleApp start(Settings settings) {
        return start(settings, config -> { });
    }

    /**
     * As {@link #start(Settings)}, letting {@code configTweaks} change the {@link AuthConfig} before it is built (for
     * example a host's own limits, or a fast bcrypt cost in tests); {@link #codes(Settings)} is the app's own
     * one-time-code configuration to start a change from.
     */
    public static ExampleApp start(Settings settings, Consumer<AuthConfig.Builder> configTweaks) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(configTweaks, "configTweaks");
        boolean loopback = isLoopback(settings.host());
        if (settings.dbUrl().isEmpty()) {
            DataDirectory.create(settings.dataDir()); // owner-only before H2 creates its files in it
        }
        byte[] masterKey = AppDatabase.masterKey(settings);
        // The mock (and its public /dev/outbox) only while no real provider is configured: with one real channel, the
        // other is simply not offered, so a half-configured deployment never serves codes to anyone who asks. The
        // outbox is served on loopback only, unless AUTH_DEV_OUTBOX=true says to show codes to the network.
        MockOtpProvider mock = settings.smtp().isEmpty() && settings.twilio().isEmpty()
                ? MockOtpProvider.create() : null;
        MockOtpProvider outbox = mock != null && (loopback || settings.devOutbox()) ? mock : null;
        OtpProvider otp = CodeDelivery.provider(settings, mock);
        AuthConfig config = authConfig(settings, masterKey, configTweaks);
        HikariDataSource dataSource = AppDatabase.dataSource(settings);
        try {
            if (settings.dbUrl().isEmpty()) {
                DataDirectory.restrictFiles(settings.dataDir());
            }
            Jdbi jdbi = Jdbi.create(dataSource);
            JdbcAuthStores stores = AppDatabase.stores(jdbi, settings);
            CustomerStore customers = new CustomerStore(jdbi, settings.tablePrefix());
            try {
                customers.createTable(stores.dialectName());
            } catch (AuthException e) {
                throw new StartupException("AUTH_DB_URL: cannot create the customers table (" + AppDatabase.rootCause(e) + ")", e);
            }
            // Batched: the flows send the database only their own statements; a crash loses at most this delay.
            JdbcAuditLog audit = JdbcAuditLog.batched(stores, ExampleConfig.AUDIT_BATCH_DELAY);
            // TOTP first: it makes the second step required, and recovery codes are offered beside it.
            TotpFactor totp = TotpFactor.create(APP_NAME);
            RecoveryCodeFactor recovery = RecoveryCodeFactor.create();
            MetricsRoute metrics = new MetricsRoute();
            // Passkeys first: the strongest second step is offered first.
            PasskeyFactor passkeys = PasskeyFactor.create(settings.passkeys().config());
            AuthService auth = AppDatabase.build(serviceBuilder(config, stores).otpProvider(otp).factor(passkeys)
                    .factor(totp).factor(recovery)
                    .eventListener(AuthEventListener.logging())
                    .eventListener(audit)
                    .eventListener(metrics.metrics()).passwordHashTimer(metrics.metrics()));
            LatchkeyApi api = LatchkeyApi.newBuilder(auth).clock(config.clock()).realm(AUDIENCE)
                    .secondFactors(totp, recovery).passkeys(passkeys).outbox(outbox)
                    .databaseCheck(() -> AppDatabase.answers(dataSource)).onAccountDeleted(customers::deleteAll)
                    .build();
            Javalin javalin = javalin(objectMapper(), new JavalinApi(api), customers, outbox != null, metrics);
            try {
                javalin.start(settings.host(), settings.port());
            } catch (RuntimeException e) {
                throw new StartupException("PORT " + settings.port() + ": the HTTP server could not start on "
                        + settings.host() + " (" + AppDatabase.rootCause(e) + "); is the port already in use?", e);
            }
            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "latchkey-example-purge");
                t.setDaemon(true);
                return t;
            });
            ExampleApp app = new ExampleApp(dataSource, auth, audit, mock, javalin, housekeeping);
            housekeeping.scheduleAtFixedRate(app::purge, PURGE_EVERY.toMinutes(), PURGE_EVERY.toMinutes(),
                    TimeUnit.MINUTES);
            logStarted(settings, stores, otp, outbox != null, javalin.port());
            return app;
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** The port the server listens on (the chosen one when {@code PORT} was 0). */
    public int port() {
        return javalin.port();
    }

    /** The audit trail in the database (every {@link dev.latchkey.auth.AuthEvent}, kept 90 days). */
    public JdbcAuditLog auditLog() {
        return audit;
    }

    /** The service behind the routes, for hosts and tests that act on accounts directly (such as granting roles). */
    public AuthService authService() {
        return auth;
    }

    /** The mock provider's outbox, when at least one channel uses it. */
    public Optional<MockOtpProvider> mockOtpProvider() {
        return Optional.ofNullable(mock);
    }

    /** Stops serving, stops the hourly purge and closes the connection pool. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        housekeeping.shutdownNow();
        try {
            javalin.stop();
        } finally {
            try {
                audit.close();
            } finally {
                dataSource.close();
            }
        }
        log.info("stopped");
    }

    /** Deletes expired sessions, codes and counters; run hourly. */
    void purge() {
        try {
            int rows = auth.purgeExpired();
            int events = audit.purgeOlderThan(Clock.systemUTC().instant().minus(AUDIT_RETENTION));
            log.info("purged {} expired rows and {} audit events older than {}", rows, events, AUDIT_RETENTION);
        } catch (RuntimeException e) {
            log.warn("purging expired rows failed ({}); will retry in {}", AppDatabase.rootCause(e), PURGE_EVERY);
        }
    }

    private static Javalin javalin(ObjectMapper mapper, JavalinApi api, CustomerStore customers, boolean outbox,
                                   MetricsRoute metrics) {
        JettyErrors jettyErrors = new JettyErrors(api.problems());
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.http.defaultContentType = "application/json";
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.router.javaLangErrorHandler(api::internal);
            config.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
            config.requestLogger.http((ctx, ms) -> log.info("{} {} {} ({} ms)", ctx.method(),
                    LogText.escape(ctx.path()), ctx.statusCode(), Math.round(ms)));
            config.routes.before(ctx -> {
                ctx.header("Cache-Control", "no-store");
                ctx.header("X-Content-Type-Options", "nosniff");
            });
            new PageRoutes(outbox).addTo(config.routes); // pages at /, browser headers
            // auth-http's routes and the app's customers, the cross-site guard and the problem answers
            api.addTo(config.routes, new CustomerRoutes(api.http(), customers).routes());
            metrics.addTo(config.routes);
        });
    }

    /** The app's JSON mapper: duplicate keys and trailing tokens are errors. */
    static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /**
     * A service builder over {@code stores} that verifies every legacy password hash format the importer accepts:
     * {@code auth-core}'s bcrypt and PBKDF2 and {@code auth-hashes}' scrypt and Argon2.
     */
    static AuthService.Builder serviceBuilder(AuthConfig config, JdbcAuthStores stores) {
        return AuthService.newBuilder(config, stores).passwordHashFormats(LegacyHashFormats.all());
    }

    /** The app's one-time-code settings for these settings, still open for changes. */
    static CodeConfig.Builder codes(Settings settings) {
        return DeliverySettings.codes(settings);
    }

    /** The app's {@link AuthConfig} for these settings and master key, after {@code tweaks}. */
    static AuthConfig authConfig(Settings settings, byte[] masterKey, Consumer<AuthConfig.Builder> tweaks) {
        return ExampleConfig.authConfig(settings, masterKey, tweaks);
    }

    private static void logStarted(Settings settings, JdbcAuthStores stores, OtpProvider otp, boolean outbox,
                                   int port) {
        log.info("database: {} at {}{}", stores.dialectName(),
                Settings.maskUrl(settings.dbUrl().orElse("jdbc:h2:file:" + settings.dataDir().resolve("latchkey"))),
                settings.tablePrefix().isEmpty() ? "" : " (table prefix " + settings.tablePrefix() + ")");
        StartupWarnings.delivery(settings, outbox, log);
        log.info("second factors: passkeys, TOTP and recovery codes (codes by SMS or email beside them); AUTH_MFA_POLICY "
                + "{}, AUTH_REAUTH_MAX_AGE {} s", settings.mfa().policy(), settings.mfa().reauthMaxAge().toSeconds());
        log.info("passkeys: {}", settings.passkeys().config());
        log.info("Latchkey example listening on {} port {} (issuer {}, tokens {}); {}", settings.host(), port,
                settings.issuer(), settings.signingAlgorithm().jwsName(), otp);
    }

    /** Whether {@code host} (AUTH_HOST) is a loopback address; {@link StartupException} when it does not resolve. */
    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new StartupException("AUTH_HOST " + host + " is not an address or known host name", e);
        }
    }
}
