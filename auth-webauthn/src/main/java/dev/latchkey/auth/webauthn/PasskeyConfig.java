package dev.latchkey.auth.webauthn;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The relying party a {@link PasskeyFactor} speaks for: its RP id (the domain passkeys are bound to), the name
 * authenticators show, the origins ceremonies may come from, and what it asks of authenticators. Immutable; made with
 * {@link #newBuilder(String, String)}, whose {@code build()} names a bad value in an {@link IllegalArgumentException}.
 *
 * <p>Fixed, not settable: the algorithms offered are ES256, EdDSA and RS256 (COSE -7, -8, -257) in that order;
 * attestation is {@code none} (no attestation statement is trusted or required; direct attestation checked against
 * the FIDO Metadata Service is out of scope); a ceremony's challenge is 32 random bytes, single use, valid for
 * {@link #timeoutMillis()} (5 minutes).
 *
 * <p>Limits of the unauthenticated sign-in routes, per client address, as sliding windows every instance shares:
 * {@link #loginOptionsPerAddressPerHour()} (default {@value #DEFAULT_LOGIN_OPTIONS_PER_ADDRESS_PER_HOUR}) and
 * {@link #loginFailuresPerAddressPerHour()} (default {@value #DEFAULT_LOGIN_FAILURES_PER_ADDRESS_PER_HOUR}), each 1 to
 * {@value #MAX_PER_ADDRESS_PER_HOUR}.
 */
public final class PasskeyConfig {
    /** The default of {@link #loginOptionsPerAddressPerHour()}. */
    public static final int DEFAULT_LOGIN_OPTIONS_PER_ADDRESS_PER_HOUR = 300;
    /** The default of {@link #loginFailuresPerAddressPerHour()}. */
    public static final int DEFAULT_LOGIN_FAILURES_PER_ADDRESS_PER_HOUR = 30;
    /** The largest value either per-address limit may have. */
    public static final int MAX_PER_ADDRESS_PER_HOUR = 1_000_000;

    private static final Pattern DOMAIN = Pattern.compile(
            "^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$");
    private static final Pattern ANDROID = Pattern.compile("^android:apk-key-hash:[A-Za-z0-9_-]{20,100}$");
    private static final long TIMEOUT_MILLIS = 300_000;

    private final String rpId;
    private final String rpName;
    private final List<String> origins;
    private final UserVerification userVerification;
    private final ResidentKey residentKey;
    private final int loginOptionsPerAddressPerHour;
    private final int loginFailuresPerAddressPerHour;

    private PasskeyConfig(Builder b) {
        this.rpId = b.rpId;
        this.rpName = b.rpName;
        this.origins = List.copyOf(b.origins);
        this.userVerification = b.userVerification;
        this.residentKey = b.residentKey;
        this.loginOptionsPerAddressPerHour = b.loginOptionsPerAddressPerHour;
        this.loginFailuresPerAddressPerHour = b.loginFailuresPerAddressPerHour;
    }

    /**
     * A builder for the relying party {@code rpId} (a domain such as {@code example.com} or {@code localhost}, no
     * scheme or port), named {@code rpName} in authenticators' prompts. Its origin defaults to
     * {@code https://<rpId>} ({@code http://localhost} for {@code localhost}).
     */
    public static Builder newBuilder(String rpId, String rpName) {
        return new Builder(rpId, rpName);
    }

    /** The RP id: the domain passkeys are scoped to; assertions must carry its SHA-256. */
    public String rpId() {
        return rpId;
    }

    /** The name authenticators show for the relying party. */
    public String rpName() {
        return rpName;
    }

    /**
     * The origins a ceremony's client data may name, exactly: web origins ({@code https://example.com},
     * {@code http://localhost:8080}) on the RP id or below it, and Android apps' {@code android:apk-key-hash:...}.
     */
    public List<String> origins() {
        return origins;
    }

    /** What ceremonies ask of user verification; default {@link UserVerification#PREFERRED}. */
    public UserVerification userVerification() {
        return userVerification;
    }

    /** Whether registrations ask for a discoverable credential; default {@link ResidentKey#PREFERRED}. */
    public ResidentKey residentKey() {
        return residentKey;
    }

    /**
     * Login options (usernameless or named) one client address may ask for in any hour, each a stored challenge;
     * past it, {@code too_many_attempts} with the time to retry. Default
     * {@value #DEFAULT_LOGIN_OPTIONS_PER_ADDRESS_PER_HOUR}.
     */
    public int loginOptionsPerAddressPerHour() {
        return loginOptionsPerAddressPerHour;
    }

    /**
     * Refused passkey logins one client address may make in any hour; past it, every passkey login from the address
     * (even a good one) is {@code too_many_attempts} with the time to retry. Default
     * {@value #DEFAULT_LOGIN_FAILURES_PER_ADDRESS_PER_HOUR}.
     */
    public int loginFailuresPerAddressPerHour() {
        return loginFailuresPerAddressPerHour;
    }

    /** How long a ceremony's challenge lives, in milliseconds, as the options' {@code timeout}: 300000. */
    public long timeoutMillis() {
        return TIMEOUT_MILLIS;
    }

    @Override
    public String toString() {
        return "PasskeyConfig[rpId=" + rpId + ", rpName=" + rpName + ", origins=" + origins + ", userVerification="
                + userVerification.value() + ", residentKey=" + residentKey.value() + ", loginOptionsPerAddressPerHour="
                + loginOptionsPerAddressPerHour + ", loginFailuresPerAddressPerHour=" + loginFailuresPerAddressPerHour
                + "]";
    }

    /** Builds a {@link PasskeyConfig}; every setter replaces the earlier value. */
    public static final class Builder {
        private final String rpId;
        private final String rpName;
        private final List<String> origins = new ArrayList<>();
        private UserVerification userVerification = UserVerification.PREFERRED;
        private ResidentKey residentKey = ResidentKey.PREFERRED;
        private int loginOptionsPerAddressPerHour = DEFAULT_LOGIN_OPTIONS_PER_ADDRESS_PER_HOUR;
        private int loginFailuresPerAddressPerHour = DEFAULT_LOGIN_FAILURES_PER_ADDRESS_PER_HOUR;

        private Builder(String rpId, String rpName) {
            this.rpId = Objects.requireNonNull(rpId, "rpId");
            this.rpName = Objects.requireNonNull(rpName, "rpName");
        }

        /** Replaces the allowed origins with these (at least one). */
        public Builder origins(List<String> allowed) {
            Objects.requireNonNull(allowed, "origins");
            origins.clear();
            allowed.forEach(o -> origins.add(Objects.requireNonNull(o, "origin")));
            return this;
        }

        /** Sets what ceremonies ask of user verification. */
        public Builder userVerification(UserVerification value) {
            this.userVerification = Objects.requireNonNull(value, "userVerification");
            return this;
        }

        /** Sets whether registrations ask for a discoverable credential. */
        public Builder residentKey(ResidentKey value) {
            this.residentKey = Objects.requireNonNull(value, "residentKey");
            return this;
        }

        /** Sets the login options one client address may ask for in any hour (1 to 1,000,000). */
        public Builder loginOptionsPerAddressPerHour(int value) {
            this.loginOptionsPerAddressPerHour = value;
            return this;
        }

        /** Sets the refused passkey logins one client address may make in any hour (1 to 1,000,000). */
        public Builder loginFailuresPerAddressPerHour(int value) {
            this.loginFailuresPerAddressPerHour = value;
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException naming {@code rpId}, {@code rpName}, {@code origins},
         *                                  {@code loginOptionsPerAddressPerHour} or
         *                                  {@code loginFailuresPerAddressPerHour} when one is invalid
         */
        public PasskeyConfig build() {
            if (!DOMAIN.matcher(rpId).matches()) {
                throw new IllegalArgumentException("rpId must be a lower-case domain without scheme or port, e.g. "
                        + "example.com");
            }
            if (rpName.isBlank() || rpName.length() > 100 || rpName.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("rpName must be 1-100 characters without control characters");
            }
            if (origins.isEmpty()) {
                origins.add(("localhost".equals(rpId) ? "http://" : "https://") + rpId);
            }
            for (String origin : origins) {
                checkOrigin(origin, rpId);
            }
            checkLimit("loginOptionsPerAddressPerHour", loginOptionsPerAddressPerHour);
            checkLimit("loginFailuresPerAddressPerHour", loginFailuresPerAddressPerHour);
            return new PasskeyConfig(this);
        }

        private static void checkLimit(String name, int value) {
            if (value < 1 || value > MAX_PER_ADDRESS_PER_HOUR) {
                throw new IllegalArgumentException(name + " must be 1 to " + MAX_PER_ADDRESS_PER_HOUR + ", not " + value);
            }
        }

        private static void checkOrigin(String origin, String rpId) {
            if (ANDROID.matcher(origin).matches()) {
                return;
            }
            URI uri;
            try {
                uri = new URI(origin);
            } catch (Exception e) {
                throw new IllegalArgumentException("origins: '" + origin + "' is not an origin");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            String host = uri.getHost() == null ? "" : uri.getHost();
            boolean local = "localhost".equals(host) || "127.0.0.1".equals(host);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (!bare || !(scheme.equals("https") || (scheme.equals("http") && local))
                    || !host.equals(host.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("origins: '" + origin + "' must be https://host[:port] (http only "
                        + "for localhost), or android:apk-key-hash:...");
            }
            if (!host.equals(rpId) && !host.endsWith("." + rpId)) {
                throw new IllegalArgumentException("origins: '" + origin + "' is not on the RP id " + rpId);
            }
        }
    }
}
