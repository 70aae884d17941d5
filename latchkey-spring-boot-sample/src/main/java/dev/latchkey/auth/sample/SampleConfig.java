package dev.latchkey.auth.sample;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.OtpProvider;
import dev.latchkey.auth.example.CodeDelivery;
import dev.latchkey.auth.example.CustomerRoutes;
import dev.latchkey.auth.example.CustomerStore;
import dev.latchkey.auth.example.ExampleConfig;
import dev.latchkey.auth.example.Settings;
import dev.latchkey.auth.example.StartupException;
import dev.latchkey.auth.example.StartupWarnings;
import dev.latchkey.auth.http.LatchkeyApi;
import dev.latchkey.auth.http.Route;
import dev.latchkey.auth.jdbc.JdbcAuditLog;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.otp.MockOtpProvider;
import dev.latchkey.auth.totp.RecoveryCodeFactor;
import dev.latchkey.auth.totp.TotpFactor;
import dev.latchkey.auth.webauthn.PasskeyFactor;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import javax.sql.DataSource;
import java.util.List;
import java.util.function.Consumer;

/**
 * The sample's beans, each one the starter would otherwise make from {@code latchkey.*}, made here from the
 * {@code AUTH_*} {@link Settings} as the Javalin example makes them.
 */
@Configuration(proxyBeanMethods = false)
public class SampleConfig {
    private static final Logger log = LoggerFactory.getLogger(SampleApplication.class);

    /** The changes a launcher makes to the {@link AuthConfig} (tests: a fast bcrypt cost, a clock). */
    public record Tweaks(Consumer<AuthConfig.Builder> apply) {
    }

    /**
     * The example's configuration: issuer, audience, master key (AUTH_MASTER_KEY, else the data directory's file with
     * the Javalin example's warning).
     */
    @Bean
    public AuthConfig latchkeyAuthConfig(Settings settings, Tweaks tweaks) {
        byte[] masterKey = StartupWarnings.masterKey(settings, log);
        return ExampleConfig.authConfig(settings, masterKey, tweaks.apply());
    }

    /**
     * The mock while neither SMTP nor Twilio is set, else SMTP and Twilio, as in the Javalin example, with its log
     * lines: the mock's boxed warning comes from here, since this bean replaces the starter's provider (and its
     * warning, which names {@code latchkey.delivery.*} rather than the {@code AUTH_*} variables).
     */
    @Bean
    public OtpProvider latchkeyOtpProvider(Settings settings) {
        OtpProvider provider = CodeDelivery.provider(settings, SampleApplication.mock(settings)
                ? MockOtpProvider.create() : null);
        StartupWarnings.delivery(settings, SampleApplication.outbox(settings), log);
        return provider;
    }

    /** Passkeys from {@code AUTH_PASSKEY_*}, offered first. */
    @Bean
    @Order(1)
    public PasskeyFactor latchkeyPasskeyFactor(Settings settings) {
        return PasskeyFactor.create(settings.passkeys().config());
    }

    /** TOTP. */
    @Bean
    @Order(2)
    public TotpFactor latchkeyTotpFactor() {
        return TotpFactor.create(Settings.APP_NAME);
    }

    /** Recovery codes beside TOTP. */
    @Bean
    @Order(3)
    public RecoveryCodeFactor latchkeyRecoveryCodeFactor() {
        return RecoveryCodeFactor.create();
    }

    /**
     * The audit trail in the database, an event listener of the service, written in batches as the Javalin example's
     * (Spring closes it on shutdown, writing what it queued).
     */
    @Bean
    public JdbcAuditLog sampleAuditLog(JdbcAuthStores stores) {
        return JdbcAuditLog.batched(stores, ExampleConfig.AUDIT_BATCH_DELAY);
    }

    /** The app's customers table. */
    @Bean
    public CustomerStore sampleCustomers(DataSource dataSource, Settings settings, JdbcAuthStores stores) {
        CustomerStore customers = new CustomerStore(Jdbi.create(dataSource), settings.tablePrefix());
        try {
            customers.createTable(stores.dialectName());
        } catch (AuthException e) {
            throw new StartupException("AUTH_DB_URL: cannot create the customers table (" + e.getMessage() + ")", e);
        }
        return customers;
    }

    /** The API, as the Javalin example builds it: second factors, passkeys, the outbox, customers deleted too. */
    @Bean
    public LatchkeyApi latchkeyApi(AuthService auth, AuthConfig config, OtpProvider otp, Settings settings,
                                   TotpFactor totp, RecoveryCodeFactor recovery, PasskeyFactor passkeys,
                                   JdbcAuthStores stores, CustomerStore customers) {
        MockOtpProvider outbox = otp instanceof MockOtpProvider mock && SampleApplication.outbox(settings) ? mock : null;
        return LatchkeyApi.newBuilder(auth).clock(config.clock()).realm(Settings.AUDIENCE)
                .secondFactors(totp, recovery).passkeys(passkeys).outbox(outbox)
                .databaseCheck(() -> {
                    stores.users().findById("00000000-0000-0000-0000-000000000000");
                    return true;
                })
                .onAccountDeleted(customers::deleteAll)
                .build();
    }

    /** {@code GET /api/customers}. */
    @Bean
    public Route sampleListCustomers(LatchkeyApi api, CustomerStore customers) {
        return customerRoutes(api, customers).get(0);
    }

    /** {@code POST /api/customers}. */
    @Bean
    public Route sampleCreateCustomer(LatchkeyApi api, CustomerStore customers) {
        return customerRoutes(api, customers).get(1);
    }

    private static List<Route> customerRoutes(LatchkeyApi api, CustomerStore customers) {
        return new CustomerRoutes(api.http(), customers).routes();
    }
}
