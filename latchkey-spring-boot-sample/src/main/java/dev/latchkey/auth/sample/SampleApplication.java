package dev.latchkey.auth.sample;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.example.DataDirectory;
import dev.latchkey.auth.example.Settings;
import dev.latchkey.auth.example.StartupException;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Latchkey example application on Spring Boot: {@code latchkey-spring-boot-starter} with
 * {@code latchkey.web.enabled=true}, configured by the same {@code AUTH_*} environment variables as the Javalin
 * example ({@link Settings}), with the same customers resource and, in mock mode, {@code /dev/outbox}.
 *
 * <p>Run it with {@code java -jar latchkey-spring-boot-sample/target/latchkey-spring-boot-sample-*.jar}.
 */
@SpringBootApplication
public class SampleApplication {
    /** Starts the application with the process environment; a bad setting ends it with one line on stderr. */
    public static void main(String[] args) {
        int status = launch(System.getenv(), System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Starts the application with {@code env}; returns 0, or 2 after printing one line naming the bad setting to
     * {@code err}, as the Javalin example does. Failures inside Spring's start-up name their variable too: a
     * {@link StartupException} a bean threw (a corrupt master-key file, say), a port in use ({@code PORT}), a database
     * that does not answer ({@code AUTH_DB_URL}, its password masked). Anything else is rethrown as Spring reported it.
     */
    static int launch(Map<String, String> env, PrintStream err) {
        Settings settings;
        try {
            settings = Settings.fromEnvironment(env);
        } catch (StartupException e) {
            err.println("latchkey-spring-boot-sample: cannot start: " + e.getMessage());
            return 2;
        }
        try {
            start(settings, config -> { });
            return 0;
        } catch (RuntimeException e) {
            String line = SampleStartupFailure.describe(e, settings);
            if (line == null) {
                throw e;
            }
            err.println("latchkey-spring-boot-sample: cannot start: " + line);
            return 2;
        }
    }

    /**
     * Starts serving for {@code settings}, {@code configTweaks} changing the {@link AuthConfig} before it is built.
     *
     * @throws StartupException naming the setting at fault
     */
    public static SampleHost start(Settings settings, Consumer<AuthConfig.Builder> configTweaks) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(configTweaks, "configTweaks");
        if (settings.dbUrl().isEmpty()) {
            DataDirectory.create(settings.dataDir()); // owner-only before H2 creates its files in it
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
                .properties(properties(settings))
                .initializers(ctx -> {
                    ctx.getBeanFactory().registerSingleton("sampleSettings", settings);
                    ctx.getBeanFactory().registerSingleton("sampleConfigTweaks", new SampleConfig.Tweaks(configTweaks));
                })
                .run();
        return new SampleHost(context);
    }

    /** Spring's and the starter's properties for {@code settings}. */
    static Map<String, Object> properties(Settings settings) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.main.banner-mode", "off");
        p.put("server.port", settings.port());
        p.put("server.address", settings.host());
        p.put("spring.datasource.url", settings.dbUrl().orElse("jdbc:h2:file:" + settings.dataDir().resolve("latchkey")));
        settings.dbUser().ifPresent(u -> p.put("spring.datasource.username", u));
        settings.dbPassword().ifPresent(pw -> p.put("spring.datasource.password", pw));
        // The Javalin example's pool: at most 10 connections, 2 kept idle (Boot keeps all 10 open), and a request fails
        // within seconds while the database is down.
        p.put("spring.datasource.hikari.maximum-pool-size", "10");
        p.put("spring.datasource.hikari.minimum-idle", "2");
        p.put("spring.datasource.hikari.connection-timeout", "3000");
        p.put("spring.datasource.hikari.validation-timeout", "1000");
        p.put("latchkey.database.table-prefix", settings.tablePrefix());
        p.put("latchkey.web.enabled", "true");
        p.put("latchkey.web.realm", Settings.AUDIENCE);
        p.put("latchkey.web.groups.outbox", outbox(settings));
        p.put("server.tomcat.max-http-form-post-size", "64KB");
        return p;
    }

    /** Whether {@code /dev/outbox} is served: mock delivery, and loopback or {@code AUTH_DEV_OUTBOX=true}. */
    static boolean outbox(Settings settings) {
        return mock(settings) && (settings.devOutbox() || isLoopback(settings.host()));
    }

    /** Whether codes go to the in-memory mock: neither SMTP nor Twilio is configured. */
    static boolean mock(Settings settings) {
        return settings.smtp().isEmpty() && settings.twilio().isEmpty();
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new StartupException("AUTH_HOST " + host + " is not an address or known host name", e);
        }
    }
}
