package dev.latchkey.auth.example;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    private static final String KEY = Base64.getEncoder().encodeToString("example-app test master key, 32B".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    @Test
    void noVariables_giveTheDefaults() {
        Settings s = Settings.fromEnvironment(Map.of());

        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(s.dbUrl()).isEmpty();
        assertThat(s.masterKey()).isEmpty();
        assertThat(s.issuer()).isEqualTo("http://localhost:8080");
        assertThat(s.smtp()).isEmpty();
        assertThat(s.twilio()).isEmpty();
        assertThat(s.tablePrefix()).isEmpty();
        assertThat(s.mfa().policy()).isEqualTo(dev.latchkey.auth.factor.SecondFactorPolicy.optional());
        assertThat(s.mfa().reauthMaxAge()).isEqualTo(java.time.Duration.ofSeconds(600));
    }

    @Test
    void everyVariable_isRead() {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "9090");
        env.put("AUTH_DATA_DIR", "/tmp/latchkey-data");
        env.put("AUTH_DB_URL", "jdbc:postgresql://db/app");
        env.put("AUTH_DB_USER", "app");
        env.put("AUTH_DB_PASSWORD", "s3cret");
        env.put("AUTH_MASTER_KEY", KEY);
        env.put("AUTH_ISSUER", "https://auth.example.com");
        env.put("AUTH_SMTP_HOST", "smtp.example.com");
        env.put("AUTH_SMTP_PORT", "465");
        env.put("AUTH_SMTP_USERNAME", "apikey");
        env.put("AUTH_SMTP_PASSWORD", "smtp-secret");
        env.put("AUTH_SMTP_TLS", "smtps");
        env.put("AUTH_SMTP_FROM", "no-reply@example.com");
        env.put("AUTH_TWILIO_ACCOUNT_SID", "AC0123456789abcdef");
        env.put("AUTH_TWILIO_AUTH_TOKEN", "twilio-secret");
        env.put("AUTH_TWILIO_FROM", "+15005550006");
        env.put("AUTH_TWILIO_BASE_URL", "https://twilio.internal.example.com");
        env.put("AUTH_MFA_POLICY", "roles:admin,ops");
        env.put("AUTH_REAUTH_MAX_AGE", "300");

        Settings s = Settings.fromEnvironment(env);

        assertThat(s.port()).isEqualTo(9090);
        assertThat(s.dataDir()).isEqualTo(Path.of("/tmp/latchkey-data"));
        assertThat(s.dbUrl()).contains("jdbc:postgresql://db/app");
        assertThat(s.dbUser()).contains("app");
        assertThat(s.dbPassword()).contains("s3cret");
        assertThat(s.masterKey()).hasValueSatisfying(k -> assertThat(k).hasSize(32));
        assertThat(s.issuer()).isEqualTo("https://auth.example.com");
        Settings.Smtp smtp = s.smtp().orElseThrow();
        assertThat(smtp.host()).isEqualTo("smtp.example.com");
        assertThat(smtp.port()).contains(465);
        assertThat(smtp.tls()).isEqualTo(Settings.SmtpTls.SMTPS);
        assertThat(smtp.username()).contains("apikey");
        assertThat(smtp.password()).contains("smtp-secret");
        assertThat(smtp.from()).isEqualTo("no-reply@example.com");
        Settings.Twilio twilio = s.twilio().orElseThrow();
        assertThat(twilio.accountSid()).isEqualTo("AC0123456789abcdef");
        assertThat(twilio.authToken()).isEqualTo("twilio-secret");
        assertThat(twilio.from()).isEqualTo("+15005550006");
        assertThat(twilio.baseUrl()).isEqualTo(URI.create("https://twilio.internal.example.com"));
        assertThat(s.mfa().policy()).isEqualTo(dev.latchkey.auth.factor.SecondFactorPolicy.requiredForRoles(
                java.util.Set.of("admin", "ops")));
        assertThat(s.mfa().reauthMaxAge()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(s.toString()).doesNotContain("s3cret", "smtp-secret", "twilio-secret", KEY, "apikey");
    }

    @Test
    void twilioBaseUrl_defaultsToTwilio() {
        Settings s = Settings.fromEnvironment(Map.of("AUTH_TWILIO_ACCOUNT_SID", "AC1", "AUTH_TWILIO_AUTH_TOKEN", "t",
                "AUTH_TWILIO_FROM", "+15005550006"));

        assertThat(s.twilio().orElseThrow().baseUrl()).isEqualTo(URI.create("https://api.twilio.com"));
    }

    @Test
    void smtpTls_defaultsToStarttls_andAcceptsEachDocumentedValue() {
        Map<String, String> env = new HashMap<>(Map.of("AUTH_SMTP_HOST", "smtp.example.com", "AUTH_SMTP_FROM",
                "a@example.com"));
        assertThat(Settings.fromEnvironment(env).smtp().orElseThrow().tls()).isEqualTo(Settings.SmtpTls.STARTTLS);
        for (Settings.SmtpTls tls : Settings.SmtpTls.values()) {
            env.put("AUTH_SMTP_TLS", tls.name().toLowerCase(java.util.Locale.ROOT));
            assertThat(Settings.fromEnvironment(env).smtp().orElseThrow().tls()).isEqualTo(tls);
        }
    }

    @Test
    void refreshReuseGrace_isOffByDefault_andReadInSeconds_intoTheSessionConfig() {
        assertThat(Settings.fromEnvironment(Map.of()).sessions().refreshReuseGrace()).isZero();

        Settings s = Settings.fromEnvironment(Map.of("AUTH_REFRESH_REUSE_GRACE", "30"));

        assertThat(s.sessions().refreshReuseGrace()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(ExampleConfig.authConfig(s, Base64.getDecoder().decode(KEY), b -> { }).sessions()
                .refreshReuseGrace()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(Settings.fromEnvironment(Map.of("AUTH_REFRESH_REUSE_GRACE", "300")).sessions()
                .refreshReuseGrace()).isEqualTo(java.time.Duration.ofMinutes(5));
    }

    @Test
    void refreshReuseGrace_outOfRangeOrNotSeconds_namesIt() {
        for (String bad : new String[] {"-1", "301", "30s", "PT30S", "soon"}) {
            assertThat(assertFailsNaming(Map.of("AUTH_REFRESH_REUSE_GRACE", bad), "AUTH_REFRESH_REUSE_GRACE"))
                    .contains("0 (off, the default) to 300");
        }
    }

    @Test
    void mfaPolicy_acceptsEachDocumentedForm() {
        assertThat(Settings.fromEnvironment(Map.of("AUTH_MFA_POLICY", "optional")).mfa().policy())
                .isEqualTo(dev.latchkey.auth.factor.SecondFactorPolicy.optional());
        assertThat(Settings.fromEnvironment(Map.of("AUTH_MFA_POLICY", "Required")).mfa().policy())
                .isEqualTo(dev.latchkey.auth.factor.SecondFactorPolicy.required());
        assertThat(Settings.fromEnvironment(Map.of("AUTH_MFA_POLICY", "roles:admin")).mfa().policy())
                .hasToString("roles:admin");
    }

    @Test
    void mfaPolicy_thatIsNotDocumented_namesIt() {
        for (String bad : new String[] {"sometimes", "roles:", "roles:admin,", "roles:bad role", "required,admin"}) {
            assertFailsNaming(Map.of("AUTH_MFA_POLICY", bad), "AUTH_MFA_POLICY");
        }
    }

    @Test
    void passkeyLimits_areRead_andBadOnesNameTheirVariable() {
        var passkeys = Settings.fromEnvironment(Map.of(PasskeySettings.OPTIONS_PER_HOUR, "5",
                PasskeySettings.FAILURES_PER_HOUR, " 2 ")).passkeys().config();
        assertThat(passkeys.loginOptionsPerAddressPerHour()).isEqualTo(5);
        assertThat(passkeys.loginFailuresPerAddressPerHour()).isEqualTo(2);
        for (String variable : new String[] {PasskeySettings.OPTIONS_PER_HOUR, PasskeySettings.FAILURES_PER_HOUR}) {
            for (String bad : new String[] {"0", "-3", "1000001", "ten", "1.5", "99999999999"}) {
                assertThat(assertFailsNaming(Map.of(variable, bad), variable)).contains("1 to 1000000");
            }
        }
    }

    @Test
    void reauthMaxAge_outOfRangeOrNotSeconds_namesIt() {
        for (String bad : new String[] {"abc", "10m", "59", "86401", "-600", "1e3"}) {
            assertFailsNaming(Map.of("AUTH_REAUTH_MAX_AGE", bad), "AUTH_REAUTH_MAX_AGE");
        }
        assertThat(Settings.fromEnvironment(Map.of("AUTH_REAUTH_MAX_AGE", "60")).mfa().reauthMaxAge())
                .isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(Settings.fromEnvironment(Map.of("AUTH_REAUTH_MAX_AGE", "86400")).mfa().reauthMaxAge())
                .isEqualTo(java.time.Duration.ofHours(24));
    }

    @Test
    void port_thatIsNotANumber_namesPort() {
        assertFailsNaming(Map.of("PORT", "abc"), "PORT");
        assertFailsNaming(Map.of("PORT", "70000"), "PORT");
    }

    @Test
    void smtpTls_thatIsNotDocumented_namesIt() {
        assertFailsNaming(Map.of("AUTH_SMTP_HOST", "smtp.example.com", "AUTH_SMTP_FROM", "a@example.com",
                "AUTH_SMTP_TLS", "bogus"), "AUTH_SMTP_TLS");
    }

    @Test
    void smtpSettings_withoutAHost_nameTheHost() {
        assertFailsNaming(Map.of("AUTH_SMTP_FROM", "a@example.com"), "AUTH_SMTP_HOST");
    }

    @Test
    void smtpHost_withoutFrom_namesFrom() {
        assertFailsNaming(Map.of("AUTH_SMTP_HOST", "smtp.example.com"), "AUTH_SMTP_FROM");
    }

    @Test
    void smtpUsername_withoutPassword_namesThePassword() {
        assertFailsNaming(Map.of("AUTH_SMTP_HOST", "smtp.example.com", "AUTH_SMTP_FROM", "a@example.com",
                "AUTH_SMTP_USERNAME", "u"), "AUTH_SMTP_PASSWORD");
    }

    @Test
    void smtpPort_outOfRange_namesIt() {
        assertFailsNaming(Map.of("AUTH_SMTP_HOST", "smtp.example.com", "AUTH_SMTP_FROM", "a@example.com",
                "AUTH_SMTP_PORT", "0"), "AUTH_SMTP_PORT");
    }

    @Test
    void masterKey_tooShort_namesItWithoutShowingIt() {
        String shortKey = Base64.getEncoder().encodeToString("sixteen byte key".getBytes());

        String message = assertFailsNaming(Map.of("AUTH_MASTER_KEY", shortKey), "AUTH_MASTER_KEY");

        assertThat(message).contains("16 bytes").doesNotContain(shortKey);
    }

    @Test
    void masterKey_thatIsNotBase64_namesItWithoutShowingIt() {
        String message = assertFailsNaming(Map.of("AUTH_MASTER_KEY", "not base64 at all!!"), "AUTH_MASTER_KEY");

        assertThat(message).doesNotContain("not base64 at all");
    }

    @Test
    void masterKey_inUrlSafeBase64WithoutPadding_isAccepted() {
        byte[] key = new byte[33];
        key[0] = (byte) 0xfb;
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(key);

        assertThat(Settings.fromEnvironment(Map.of("AUTH_MASTER_KEY", urlSafe)).masterKey()).hasValue(key);
    }

    @Test
    void dbUrl_thatIsNotJdbc_namesIt() {
        assertFailsNaming(Map.of("AUTH_DB_URL", "postgres://db/app"), "AUTH_DB_URL");
    }

    @Test
    void issuer_thatIsABrokenUrl_namesIt() {
        assertFailsNaming(Map.of("AUTH_ISSUER", "https://exa mple.com"), "AUTH_ISSUER");
    }

    @Test
    void twilio_withoutAToken_namesTheToken() {
        assertFailsNaming(Map.of("AUTH_TWILIO_ACCOUNT_SID", "AC1", "AUTH_TWILIO_FROM", "+15005550006"),
                "AUTH_TWILIO_AUTH_TOKEN");
    }

    @Test
    void twilio_withoutAnAccount_namesTheAccount() {
        assertFailsNaming(Map.of("AUTH_TWILIO_AUTH_TOKEN", "secret-token"), "AUTH_TWILIO_ACCOUNT_SID");
    }

    @Test
    void tablePrefix_mustBeASafeIdentifier() {
        Settings s = Settings.fromEnvironment(Map.of());

        assertThat(s.withTablePrefix("e2e_").tablePrefix()).isEqualTo("e2e_");
        assertThatThrownBy(() -> s.withTablePrefix("x; drop table"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String assertFailsNaming(Map<String, String> env, String variable) {
        StartupException e = org.junit.jupiter.api.Assertions.assertThrows(StartupException.class,
                () -> Settings.fromEnvironment(env));
        assertThat(e.getMessage()).startsWith(variable).doesNotContain("\n");
        return e.getMessage();
    }
}
