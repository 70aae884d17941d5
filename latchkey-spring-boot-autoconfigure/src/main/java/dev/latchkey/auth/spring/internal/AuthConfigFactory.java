package dev.latchkey.auth.spring.internal;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.accounts.AccountConfig;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.factor.SecondFactorConfig;
import dev.latchkey.auth.factor.SecondFactorPolicy;
import dev.latchkey.auth.password.LoginLimits;
import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.session.SessionConfig;
import dev.latchkey.auth.spring.LatchkeyPropertyException;
import dev.latchkey.auth.spring.properties.AccountProperties;
import dev.latchkey.auth.spring.properties.CodeProperties;
import dev.latchkey.auth.spring.properties.LatchkeyProperties;
import dev.latchkey.auth.spring.properties.LoginLimitProperties;
import dev.latchkey.auth.spring.properties.PasswordProperties;
import dev.latchkey.auth.spring.properties.SessionProperties;
import dev.latchkey.auth.spring.properties.SigningProperties;
import dev.latchkey.auth.token.SigningConfig;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns {@link LatchkeyProperties} into an {@link AuthConfig.Builder}. Each topic's configuration is built on its own,
 * so a refusal (an {@link IllegalArgumentException} whose message starts with the builder's setting name) becomes a
 * {@link LatchkeyPropertyException} naming the property, e.g. {@code latchkey.signing.rotation-period}.
 */
public final class AuthConfigFactory {
    /** The top-level builder settings that are not named after a property. */
    private static final Map<String, String> TOP_LEVEL = Map.of("accessTokenKey", "master-key", "passwordPepper",
            "master-key", "codeKey", "master-key", "keyEncryptionKey", "master-key");

    private AuthConfigFactory() {
    }

    /** The builder these properties describe; host customizers may change it before it is built. */
    public static AuthConfig.Builder builder(LatchkeyProperties p) {
        require(p.getIssuer(), "latchkey.issuer", "is required: the iss of every access token, e.g. "
                + "https://auth.example.com");
        require(p.getAudience(), "latchkey.audience", "is required: the aud of every access token (your API's name)");
        require(p.getMasterKey(), "latchkey.master-key", "is required (or the environment variable "
                + "LATCHKEY_MASTER_KEY): base64 of at least 32 random bytes, e.g. from 'openssl rand -base64 32'");
        AuthConfig.Builder b = AuthConfig.newBuilder()
                .issuer(p.getIssuer())
                .audience(p.getAudience())
                .masterKey(masterKey(p.getMasterKey()))
                .clockSkew(p.getClockSkew())
                .passwords(topic("passwords", () -> passwords(p.getPasswords())))
                .loginLimits(topic("login-limits", () -> loginLimits(p.getLoginLimits())))
                .codes(topic("codes", () -> codes(p.getCodes())))
                .sessions(topic("sessions", () -> sessions(p.getSessions())))
                .signing(topic("signing", () -> signing(p.getSigning())))
                .accounts(topic("accounts", () -> accounts(p.getAccounts())))
                .secondFactors(topic("second-factors", () -> SecondFactorConfig.newBuilder()
                        .policy(policy(p.getSecondFactors().getPolicy()))
                        .reauthenticationMaxAge(p.getSecondFactors().getReauthenticationMaxAge()).build()));
        if (p.getClientId() != null) {
            b.clientId(p.getClientId());
        }
        if (p.getAppName() != null) {
            b.appName(p.getAppName());
        }
        return b;
    }

    /** Builds {@code builder}, naming the property behind a refusal. */
    public static AuthConfig build(AuthConfig.Builder builder) {
        return topic("", builder::build);
    }

    private static PasswordConfig passwords(PasswordProperties p) {
        return PasswordConfig.newBuilder().hashAlgorithm(p.getHashAlgorithm()).bcryptCost(p.getBcryptCost())
                .minLength(p.getMinLength()).maxLength(p.getMaxLength()).build();
    }

    private static LoginLimits loginLimits(LoginLimitProperties p) {
        return LoginLimits.newBuilder().failuresBeforeDelay(p.getFailuresBeforeDelay())
                .failureWindow(p.getFailureWindow()).maxDelay(p.getMaxDelay())
                .failuresBeforeLockout(p.getFailuresBeforeLockout()).failuresPerAddress(p.getFailuresPerAddress())
                .failuresPerDeviceToken(p.getFailuresPerDeviceToken()).deviceTokenTtl(p.getDeviceTokenTtl()).build();
    }

    private static CodeConfig codes(CodeProperties p) {
        CodeConfig.Builder b = CodeConfig.newBuilder().length(p.getLength()).ttl(p.getTtl()).loginTtl(p.getLoginTtl())
                .maxAttemptsPerCode(p.getMaxAttemptsPerCode())
                .failuresPerDestinationPerHour(p.getFailuresPerDestinationPerHour())
                .failuresPerAddressPerHour(p.getFailuresPerAddressPerHour()).sendCooldown(p.getSendCooldown())
                .sendsPerDestinationPerHour(p.getSendsPerDestinationPerHour())
                .sendsPerAddressPerHour(p.getSendsPerAddressPerHour())
                .changeSendsPerAccountPerHour(p.getChangeSendsPerAccountPerHour())
                .loginCreatesAccounts(p.isLoginCreatesAccounts());
        if (p.isAllowLoginCodesByEmail()) {
            b.allowLoginCodesByEmail();
        }
        return b.build();
    }

    private static SessionConfig sessions(SessionProperties p) {
        return SessionConfig.newBuilder().accessTokenTtl(p.getAccessTokenTtl())
                .refreshTokenIdleTtl(p.getRefreshTokenIdleTtl()).refreshTokenAbsoluteTtl(p.getRefreshTokenAbsoluteTtl())
                .refreshReuseGrace(p.getRefreshReuseGrace()).build();
    }

    private static SigningConfig signing(SigningProperties p) {
        return SigningConfig.newBuilder().algorithm(p.getAlgorithm()).rotationPeriod(p.getRotationPeriod())
                .publishLead(p.getPublishLead()).refreshInterval(p.getRefreshInterval()).build();
    }

    private static AccountConfig accounts(AccountProperties p) {
        AccountConfig.Builder b = AccountConfig.newBuilder().defaultRoles(p.getDefaultRoles());
        if (p.getDefaultPhoneRegion() != null) {
            b.defaultPhoneRegion(p.getDefaultPhoneRegion());
        }
        return b.build();
    }

    private static SecondFactorPolicy policy(String text) {
        try {
            return SecondFactorPolicy.parse(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw new LatchkeyPropertyException("latchkey.second-factors.policy", "must be optional, required or "
                    + "roles:NAME,... (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] masterKey(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            // The decoder's message may quote a character of the key: it is left out.
            throw new LatchkeyPropertyException("latchkey.master-key", "is not base64 (standard alphabet, with "
                    + "padding): generate one with 'openssl rand -base64 32'", null);
        }
    }

    private static void require(String value, String property, String reason) {
        if (value == null || value.isBlank()) {
            throw new LatchkeyPropertyException(property, reason, null);
        }
    }

    /** Runs a topic's {@code build()}, turning a refusal into the exception naming {@code latchkey.<topic>.<name>}. */
    private static <T> T topic(String topic, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            String message = e.getMessage() == null ? "is invalid" : e.getMessage();
            String setting = message.split("[\\s:(]", 2)[0];
            String name = topic.isEmpty() ? TOP_LEVEL.getOrDefault(setting, kebab(setting)) : kebab(setting);
            String property = "latchkey." + (topic.isEmpty() ? "" : topic + ".") + name;
            String reason = message.startsWith(setting) ? message.substring(setting.length()).trim() : message;
            throw new LatchkeyPropertyException(property, reason.isEmpty() ? "is invalid" : reason, e);
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
