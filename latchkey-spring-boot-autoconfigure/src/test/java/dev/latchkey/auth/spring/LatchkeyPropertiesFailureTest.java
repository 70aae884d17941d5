package dev.latchkey.auth.spring;

import dev.latchkey.auth.spring.internal.LatchkeyPropertyFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A missing or invalid {@code latchkey.*} property stops start-up, and the failure names it. */
class LatchkeyPropertiesFailureTest {
    @Test
    void aMissingIssuer_failsNamingIt() {
        assertFailsNaming(Contexts.bare().withUserConfiguration(Contexts.H2.class).withPropertyValues(
                "latchkey.audience=test-api", "latchkey.master-key=" + Contexts.MASTER_KEY), "latchkey.issuer");
    }

    @Test
    void aMissingAudience_failsNamingIt() {
        assertFailsNaming(Contexts.bare().withUserConfiguration(Contexts.H2.class).withPropertyValues(
                "latchkey.issuer=https://auth.example.test", "latchkey.master-key=" + Contexts.MASTER_KEY),
                "latchkey.audience");
    }

    @Test
    void aMissingMasterKey_failsNamingIt_andTheEnvironmentVariable() {
        LatchkeyPropertyException e = assertFailsNaming(Contexts.bare().withUserConfiguration(Contexts.H2.class)
                .withPropertyValues("latchkey.issuer=https://auth.example.test", "latchkey.audience=test-api"),
                "latchkey.master-key");
        assertThat(e.reason()).contains("LATCHKEY_MASTER_KEY");
    }

    @Test
    void aMasterKeyThatIsNotBase64_failsNamingIt_withoutItsValue() {
        String bad = "this is not base64 but it is long enough!!";
        LatchkeyPropertyException e = assertFailsNaming(with("latchkey.master-key=" + bad), "latchkey.master-key");
        assertThat(e.getMessage()).doesNotContain(bad).doesNotContain("not base64 but");
    }

    @Test
    void aShortMasterKey_failsNamingIt() {
        assertFailsNaming(with("latchkey.master-key=c2hvcnQ="), "latchkey.master-key");
    }

    @Test
    void anOutOfRangeRotationPeriod_failsNamingIt() {
        assertFailsNaming(with("latchkey.signing.rotation-period=10m"), "latchkey.signing.rotation-period");
    }

    @Test
    void aRefreshReuseGraceOverFiveMinutes_failsNamingIt() {
        LatchkeyPropertyException e = assertFailsNaming(with("latchkey.sessions.refresh-reuse-grace=10m"),
                "latchkey.sessions.refresh-reuse-grace");
        assertThat(e.reason()).contains("5 minutes");
    }

    @Test
    void aRefreshReuseGraceThatIsNotADuration_failsInSpringsBinding_namingIt() {
        Contexts.withDatabase().withPropertyValues("latchkey.sessions.refresh-reuse-grace=soon").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("latchkey.sessions.refresh-reuse-grace");
        });
    }

    @Test
    void aTooShortCode_failsNamingIt() {
        assertFailsNaming(with("latchkey.codes.length=4"), "latchkey.codes.length");
    }

    @Test
    void aCheapBcryptCost_failsNamingIt() {
        assertFailsNaming(with("latchkey.passwords.bcrypt-cost=4"), "latchkey.passwords.bcrypt-cost");
    }

    @Test
    void anUnknownSecondFactorPolicy_failsNamingIt() {
        assertFailsNaming(with("latchkey.second-factors.policy=sometimes"), "latchkey.second-factors.policy");
    }

    @Test
    void anUnregisteredHashAlgorithm_failsNamingIt() {
        assertFailsNaming(with("latchkey.passwords.hash-algorithm=scrypt"), "latchkey.passwords.hash-algorithm");
    }

    @Test
    void argon2id_withoutAuthHashes_failsNamingTheAlgorithm() {
        assertFailsNaming(with("latchkey.passwords.hash-algorithm=argon2id").withClassLoader(
                new org.springframework.boot.test.context.FilteredClassLoader(
                        dev.latchkey.auth.hash.LegacyHashFormats.class)), "latchkey.passwords.hash-algorithm");
    }

    @Test
    void anSmtpHostWithoutASender_failsNamingTheSender() {
        assertFailsNaming(with("latchkey.delivery.smtp.host=smtp.example.test"), "latchkey.delivery.smtp.from");
    }

    @Test
    void aTwilioAccountWithoutAToken_failsNamingTheToken() {
        assertFailsNaming(with("latchkey.delivery.twilio.account-sid=AC0123456789abcdef0123456789abcdef",
                "latchkey.delivery.twilio.from=+15005550006"), "latchkey.delivery.twilio.auth-token");
    }

    @Test
    void aNonPositivePurgeInterval_failsNamingIt() {
        assertFailsNaming(with("latchkey.housekeeping.purge-interval=0s"), "latchkey.housekeeping.purge-interval");
    }

    @Test
    void migrationsTurnedOff_onAnEmptyDatabase_failsNamingTheSwitch() {
        assertFailsNaming(with("latchkey.migrations.enabled=false"), "latchkey.migrations.enabled");
    }

    @Test
    void aValueOfTheWrongType_failsInSpringsBinding_namingIt() {
        Contexts.withDatabase().withPropertyValues("latchkey.codes.length=six").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("latchkey.codes.length");
        });
    }

    @Test
    void theFailureAnalysis_namesThePropertyAndWhatToDo() {
        Contexts.withDatabase().withPropertyValues("latchkey.codes.length=4").run(context -> {
            FailureAnalysis analysis = new LatchkeyPropertyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("'latchkey.codes.length'");
            assertThat(analysis.getAction()).contains("latchkey.codes.length");
        });
    }

    private static ApplicationContextRunner with(String... properties) {
        return Contexts.withDatabase().withPropertyValues(properties);
    }

    private static LatchkeyPropertyException assertFailsNaming(ApplicationContextRunner runner, String property) {
        LatchkeyPropertyException[] found = new LatchkeyPropertyException[1];
        runner.run(context -> {
            assertThat(context).hasFailed();
            Throwable t = context.getStartupFailure();
            while (t != null && !(t instanceof LatchkeyPropertyException)) {
                t = t.getCause();
            }
            assertThat(t).as("a LatchkeyPropertyException in %s", messages(context.getStartupFailure()))
                    .isInstanceOf(LatchkeyPropertyException.class);
            found[0] = (LatchkeyPropertyException) t;
            assertThat(found[0].property()).isEqualTo(property);
            assertThat(found[0].getMessage()).startsWith(property + ": ");
            assertThat(messages(context.getStartupFailure())).doesNotContain(Contexts.MASTER_KEY);
        });
        return found[0];
    }

    private static String messages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c).append(" | ");
            Arrays.stream(c.getSuppressed()).forEach(s -> b.append(s).append(" | "));
        }
        return b.toString();
    }
}
