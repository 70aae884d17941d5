package dev.latchkey.auth.spring;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthEventListener;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.OtpProvider;
import dev.latchkey.auth.factor.Factor;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.password.PasswordHashFormat;
import dev.latchkey.auth.password.PasswordHashTimer;
import dev.latchkey.auth.password.PasswordHashing;
import dev.latchkey.auth.spring.internal.AuthConfigFactory;
import dev.latchkey.auth.spring.internal.CodeDeliveryFactory;
import dev.latchkey.auth.spring.properties.LatchkeyProperties;
import dev.latchkey.auth.store.AuthStores;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition;

import javax.sql.DataSource;
import java.util.List;

/**
 * Latchkey for a Spring Boot application: the {@link AuthService} over the application's {@link DataSource}
 * ({@link JdbcAuthStores}, Latchkey's migrations applied at start-up unless {@code latchkey.migrations.enabled=false}),
 * configured by {@code latchkey.*} ({@link LatchkeyProperties}), with code delivery from
 * {@code latchkey.delivery.*} and a scheduled purge and key-set refresh ({@code latchkey.housekeeping.*}).
 *
 * <p>On when there is a {@link DataSource} bean, or an {@link AuthStores} bean of the host's own. Every bean backs off
 * when the host declares one of its type: {@link AuthConfig}, {@link AuthStores}, {@link OtpProvider},
 * {@link AuthService}. Beans of these types are picked up: {@link AuthEventListener} (besides the audit log lines of
 * {@link AuthEventListener#logging()}), {@link Factor}, {@link PasswordHashing}, {@link PasswordHashFormat},
 * {@link PasswordHashTimer} and {@link LatchkeyConfigCustomizer}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({AuthService.class, JdbcAuthStores.class})
@Conditional(LatchkeyAutoConfiguration.OnStorage.class)
@EnableConfigurationProperties(LatchkeyProperties.class)
public class LatchkeyAutoConfiguration {
    /** The configuration the properties describe, after every {@link LatchkeyConfigCustomizer}. */
    @Bean
    @ConditionalOnMissingBean
    public AuthConfig latchkeyAuthConfig(LatchkeyProperties properties,
                                         ObjectProvider<LatchkeyConfigCustomizer> customizers) {
        AuthConfig.Builder builder = AuthConfigFactory.builder(properties);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return AuthConfigFactory.build(builder);
    }

    /** Latchkey's tables in the application's database, migrated at start-up unless turned off. */
    @Bean
    @ConditionalOnMissingBean(AuthStores.class)
    @ConditionalOnBean(DataSource.class)
    public JdbcAuthStores latchkeyAuthStores(DataSource dataSource, LatchkeyProperties properties) {
        JdbcAuthStores.Builder builder = JdbcAuthStores.newBuilder(dataSource);
        String prefix = properties.getDatabase().getTablePrefix();
        try {
            if (prefix != null && !prefix.isEmpty()) {
                builder.tablePrefix(prefix);
            }
        } catch (IllegalArgumentException e) {
            throw new LatchkeyPropertyException("latchkey.database.table-prefix", e.getMessage(), e);
        }
        if (!properties.getMigrations().isEnabled()) {
            builder.skipMigrations();
        }
        try {
            return builder.build();
        } catch (IllegalStateException e) {
            throw new LatchkeyPropertyException("latchkey.migrations.enabled", "is false, and " + e.getMessage(), e);
        } catch (AuthException e) {
            if (!properties.getMigrations().isEnabled()) {
                throw new LatchkeyPropertyException("latchkey.migrations.enabled", "is false, and Latchkey's tables "
                        + "are not in the DataSource (" + e.getMessage() + "): apply the migrations or turn them on",
                        e);
            }
            throw new IllegalStateException("Latchkey cannot set up its tables in the DataSource: " + e.getMessage(),
                    e);
        }
    }

    /** Code delivery from {@code latchkey.delivery.*}: SMTP, Twilio, or the mock. */
    @Bean
    @ConditionalOnMissingBean
    public OtpProvider latchkeyOtpProvider(LatchkeyProperties properties, AuthConfig config) {
        return CodeDeliveryFactory.provider(properties.getDelivery(), config.appName());
    }

    /** The service, over the stores, with the host's listeners, factors and hash formats. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(AuthStores.class)
    public AuthService latchkeyAuthService(AuthConfig config, AuthStores stores, OtpProvider otpProvider,
                                           ObjectProvider<AuthEventListener> listeners,
                                           ObjectProvider<Factor> factors,
                                           ObjectProvider<PasswordHashing> hashings,
                                           ObjectProvider<PasswordHashFormat> formats,
                                           ObjectProvider<PasswordHashTimer> timers) {
        AuthService.Builder builder = AuthService.newBuilder(config, stores).otpProvider(otpProvider)
                .eventListener(AuthEventListener.logging());
        listeners.orderedStream().forEach(builder::eventListener);
        factors.orderedStream().forEach(builder::factor);
        hashings.orderedStream().forEach(builder::passwordHashing);
        formats.orderedStream().forEach(builder::passwordHashFormat);
        List<PasswordHashTimer> timerList = timers.orderedStream().toList();
        if (!timerList.isEmpty()) {
            builder.passwordHashTimer((algorithm, operation, elapsed) -> timerList.forEach(t -> t.record(algorithm,
                    operation, elapsed)));
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("hashAlgorithm")) {
                throw new LatchkeyPropertyException("latchkey.passwords.hash-algorithm", e.getMessage()
                        .substring("hashAlgorithm".length()).trim(), e);
            }
            throw e;
        }
    }

    /** The scheduled purge and key-set refresh of this instance. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(AuthService.class)
    public LatchkeyHousekeeping latchkeyHousekeeping(AuthService auth, LatchkeyProperties properties) {
        return new LatchkeyHousekeeping(auth, properties.getHousekeeping());
    }

    /** A {@link DataSource} to put the stores on, or the host's own stores. */
    static final class OnStorage extends AnyNestedCondition {
        OnStorage() {
            super(ConfigurationCondition.ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(DataSource.class)
        static final class DataSourceBean {
        }

        @ConditionalOnBean(AuthStores.class)
        static final class StoresBean {
        }
    }
}
