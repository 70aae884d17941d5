package dev.latchkey.auth;

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
        assertThat(config.accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.refreshTokenIdleTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(config.refreshTokenAbsoluteTtl()).isEqualTo(Duration.ofDays(90));
        assertThat(config.bcryptCost()).isEqualTo(11);
        assertThat(config.passwordMinLength()).isEqualTo(8);
        assertThat(config.passwordMaxLength()).isEqualTo(128);
        assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.defaultRoles()).containsExactly("user");
        assertThat(config.appName()).isEqualTo("api");
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
    void missingIssuer_failsNamingIt() {
        assertThatThrownBy(() -> AuthConfig.newBuilder().audience("api").accessTokenKey(KEY).passwordPepper(KEY).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issuer");
    }

    @Test
    void bcryptCostBelowTen_failsUnlessTheTestOnlySettingIsUsed() {
        assertThatThrownBy(() -> valid().bcryptCost(9).build()).hasMessageContaining("bcryptCost");
        assertThat(valid().insecureBcryptCostForTests(4).build().bcryptCost()).isEqualTo(4);
        assertThatThrownBy(() -> valid().insecureBcryptCostForTests(10).build()).hasMessageContaining("4 to 9");
    }

    @Test
    void clockSkewOverSixtySeconds_fails() {
        assertThatThrownBy(() -> valid().clockSkew(Duration.ofSeconds(61)).build()).hasMessageContaining("clockSkew");
    }

    @Test
    void absoluteLifetimeShorterThanIdle_fails() {
        assertThatThrownBy(() -> valid().refreshTokenIdleTtl(Duration.ofDays(30)).refreshTokenAbsoluteTtl(Duration.ofDays(7)).build())
                .hasMessageContaining("refreshTokenAbsoluteTtl");
    }

    @Test
    void passwordMaxBelowSixtyFour_fails() {
        assertThatThrownBy(() -> valid().passwordMaxLength(63).build()).hasMessageContaining("passwordMaxLength");
    }

    @Test
    void unknownPhoneRegion_fails() {
        assertThatThrownBy(() -> valid().defaultPhoneRegion("XX").build()).hasMessageContaining("defaultPhoneRegion");
    }

    @Test
    void masterKey_derivesDistinctSecretsThatAgreeAcrossInstances() {
        byte[] master = "a master key of at least 32 bytes!!".getBytes(StandardCharsets.US_ASCII);
        AuthConfig a = AuthConfig.newBuilder().issuer("i").audience("a").masterKey(master).build();
        AuthConfig b = AuthConfig.newBuilder().issuer("i").audience("a").masterKey(master.clone()).build();
        assertThat(a.accessTokenKey()).isEqualTo(b.accessTokenKey());
        assertThat(a.passwordPepper()).isEqualTo(b.passwordPepper());
        assertThat(a.accessTokenKey()).isNotEqualTo(a.passwordPepper());
        assertThat(a.codeKey()).isNotEqualTo(a.passwordPepper()).isNotEqualTo(a.accessTokenKey());
    }

    @Test
    void toString_showsNoSecret() {
        AuthConfig config = valid().build();
        assertThat(config.toString()).doesNotContain("0123456789abcdef").contains("****");
    }
}
