package dev.latchkey.auth;

import dev.latchkey.auth.accounts.AccountConfig;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.password.LoginLimits;
import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.session.SessionConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthConfigTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static AuthConfig.Builder valid() {
        return AuthConfig.newBuilder().issuer("https://example.test").audience("api").accessTokenKey(KEY).passwordPepper(KEY);
    }

    @Test
    void defaults_areTheDocumentedOnes() {
        AuthConfig config = valid().build();
        assertThat(config.sessions().accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.sessions().refreshTokenIdleTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(config.sessions().refreshTokenAbsoluteTtl()).isEqualTo(Duration.ofDays(90));
        assertThat(config.passwords().bcryptCost()).isEqualTo(11);
        assertThat(config.passwords().minLength()).isEqualTo(8);
        assertThat(config.passwords().maxLength()).isEqualTo(128);
        assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.accounts().defaultRoles()).containsExactly("user");
        assertThat(config.appName()).isEqualTo("api");
    }

    @Test
    void clientId_defaultsToTheAudience_andCanBeSet() {
        assertThat(valid().build().clientId()).isEqualTo("api");
        assertThat(valid().clientId("web-app").build().clientId()).isEqualTo("web-app");
    }

    @Test
    void blankClientId_failsNamingIt() {
        assertThatThrownBy(() -> valid().clientId(" ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId");
    }

    @Test
    void build_isPure_buildingTwiceAfterAChangeGivesWhatWasSet() {
        byte[] master = "a master key of at least 32 bytes!!".getBytes(StandardCharsets.US_ASCII);
        AuthConfig.Builder builder = AuthConfig.newBuilder().issuer("i").audience("first").masterKey(master);
        AuthConfig first = builder.build();
        AuthConfig second = builder.audience("second").passwordPepper(KEY).build();
        assertThat(first.appName()).isEqualTo("first");
        assertThat(second.appName()).isEqualTo("second");
        assertThat(second.keys().pepper()).isEqualTo(KEY);
        assertThat(second.keys().codeKey()).isEqualTo(first.keys().codeKey()); // still derived from the master key
        AuthConfig third = AuthConfig.newBuilder().issuer("i").audience("a").accessTokenKey(KEY).passwordPepper(KEY)
                .build();
        AuthConfig fourth = AuthConfig.newBuilder().issuer("i").audience("a").accessTokenKey(KEY)
                .passwordPepper(master).build();
        assertThat(fourth.keys().codeKey()).isNotEqualTo(third.keys().codeKey()); // derived from the new pepper
        assertThat(first.keys().accessTokenKeyId()).isEqualTo(builder.build().keys().accessTokenKeyId());
    }

    @Test
    void topicBuild_isPure() {
        PasswordConfig.Builder b = PasswordConfig.newBuilder().bcryptCost(12);
        PasswordConfig first = b.build();
        PasswordConfig second = b.minLength(10).build();
        assertThat(first.minLength()).isEqualTo(8);
        assertThat(second.minLength()).isEqualTo(10);
        assertThat(second.bcryptCost()).isEqualTo(12);
    }

    @Test
    void accessTokenKeyShorterThan256Bits_failsAtBuild() {
        assertThatThrownBy(() -> valid().accessTokenKey(new byte[31]).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accessTokenKey");
    }

    @Test
    void shortPepper_failsAtBuild() {
        assertThatThrownBy(() -> valid().passwordPepper(new byte[16]).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("passwordPepper");
    }

    @Test
    void allZeroMasterKey_failsAtBuild() {
        assertThatThrownBy(() -> AuthConfig.newBuilder().issuer("i").audience("a").masterKey(new byte[32]).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("masterKey");
    }

    @Test
    void missingIssuer_failsNamingIt() {
        assertThatThrownBy(() -> AuthConfig.newBuilder().audience("api").accessTokenKey(KEY).passwordPepper(KEY).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issuer");
    }

    @Test
    void bcryptCostBelowTen_failsUnlessTheTestOnlySettingIsUsed() {
        assertThatThrownBy(() -> PasswordConfig.newBuilder().bcryptCost(9).build())
                .hasMessageContaining("bcryptCost").hasMessageContaining("insecureBcryptCostForTests");
        assertThat(PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build().bcryptCost()).isEqualTo(4);
        assertThatThrownBy(() -> PasswordConfig.newBuilder().insecureBcryptCostForTests(10).build())
                .hasMessageContaining("4 to 9");
    }

    @Test
    void clockSkewOverSixtySeconds_fails() {
        assertThatThrownBy(() -> valid().clockSkew(Duration.ofSeconds(61)).build()).hasMessageContaining("clockSkew");
    }

    @Test
    void absoluteLifetimeShorterThanIdle_fails() {
        assertThatThrownBy(() -> SessionConfig.newBuilder().refreshTokenIdleTtl(Duration.ofDays(30))
                .refreshTokenAbsoluteTtl(Duration.ofDays(7)).build())
                .hasMessageContaining("refreshTokenAbsoluteTtl");
    }

    @Test
    void passwordMaxBelowSixtyFour_fails() {
        assertThatThrownBy(() -> PasswordConfig.newBuilder().maxLength(63).build()).hasMessageContaining("maxLength");
    }

    @Test
    void unknownPhoneRegion_fails() {
        assertThatThrownBy(() -> AccountConfig.newBuilder().defaultPhoneRegion("XX").build())
                .hasMessageContaining("defaultPhoneRegion");
    }

    @Test
    void lockoutNotAboveDelay_fails() {
        assertThatThrownBy(() -> LoginLimits.newBuilder().failuresBeforeDelay(50).failuresBeforeLockout(40).build())
                .hasMessageContaining("failuresBeforeLockout");
    }

    @Test
    void deviceTokenLimitsOutOfRange_fail() {
        assertThatThrownBy(() -> LoginLimits.newBuilder().failuresPerDeviceToken(2).build())
                .hasMessageContaining("failuresPerDeviceToken");
        assertThatThrownBy(() -> LoginLimits.newBuilder().deviceTokenTtl(Duration.ofDays(401)).build())
                .hasMessageContaining("deviceTokenTtl");
    }

    @Test
    void codeLengthOutsideSixToTen_fails() {
        assertThatThrownBy(() -> CodeConfig.newBuilder().length(5).build()).hasMessageContaining("length");
    }

    @Test
    void masterKey_derivesDistinctSecretsThatAgreeAcrossInstances() {
        byte[] master = "a master key of at least 32 bytes!!".getBytes(StandardCharsets.US_ASCII);
        AuthConfig a = AuthConfig.newBuilder().issuer("i").audience("a").masterKey(master).build();
        AuthConfig b = AuthConfig.newBuilder().issuer("i").audience("a").masterKey(master.clone()).build();
        assertThat(a.keys().accessTokenKey()).isEqualTo(b.keys().accessTokenKey());
        assertThat(a.keys().pepper()).isEqualTo(b.keys().pepper());
        assertThat(a.keys().accessTokenKey()).isNotEqualTo(a.keys().pepper());
        assertThat(a.keys().codeKey()).isNotEqualTo(a.keys().pepper()).isNotEqualTo(a.keys().accessTokenKey());
    }

    @Test
    void toString_showsNoSecret() {
        AuthConfig config = valid().build();
        assertThat(config.toString()).doesNotContain("0123456789abcdef").contains("****");
        assertThat(config.keys().toString()).doesNotContain("0123456789abcdef");
    }
}
