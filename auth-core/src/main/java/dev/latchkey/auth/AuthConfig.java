package dev.latchkey.auth;

import dev.latchkey.auth.internal.AccessTokenCodec;
import dev.latchkey.auth.internal.ContactNormalizer;
import dev.latchkey.auth.internal.Secrets;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything an {@link AuthService} is configured with: issuer, keys, lifetimes, password rules.
 *
 * <p>Immutable; made by {@link #newBuilder()}, whose {@link Builder#build()} rejects missing, contradictory or unsafe
 * values with an {@link IllegalArgumentException} naming the setting. Defaults are secure; loosening one needs a method
 * whose name says what it gives up ({@link Builder#insecureBcryptCostForTests(int)}).
 *
 * <p>Several instances of one application must share the same issuer, audience and secrets so that tokens and
 * password hashes made by one are accepted by the others.
 */
public final class AuthConfig {
    static final Pattern ROLE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$");

    private final String issuer;
    private final String audience;
    private final String appName;
    private final byte[] accessTokenKey;
    private final String accessTokenKeyId;
    private final byte[] passwordPepper;
    private final byte[] codeKey;
    private final Duration accessTokenTtl;
    private final Duration refreshTokenIdleTtl;
    private final Duration refreshTokenAbsoluteTtl;
    private final int bcryptCost;
    private final int passwordMinLength;
    private final int passwordMaxLength;
    private final String defaultPhoneRegion;
    private final Set<String> defaultRoles;
    private final Clock clock;
    private final Duration clockSkew;
    private final int otpCodeLength;
    private final Duration otpCodeTtl;
    private final Duration otpLoginCodeTtl;
    private final int otpMaxAttemptsPerCode;
    private final int otpFailuresPerDestinationPerHour;
    private final Duration otpSendCooldown;
    private final int otpSendsPerDestinationPerHour;
    private final boolean otpLoginCreatesAccounts;
    private final boolean loginCodesByEmailAllowed;
    private final OtpTemplates otpTemplates;
    private final int loginFailuresBeforeDelay;
    private final Duration loginFailureWindow;
    private final int loginFailuresBeforeLockout;
    private final Duration maxLoginDelay;
    private final int loginFailuresPerAddress;
    private final int otpSendsPerAddressPerHour;
    private final SigningAlgorithm signingAlgorithm;
    private final List<SigningKey> signingKeys;
    private final byte[] signingKeyEncryptionKey;
    private final Duration signingKeyRotationPeriod;
    private final Duration signingKeyPublishLead;
    private final Duration signingKeyRefreshInterval;

    private AuthConfig(Builder b) {
        this.issuer = b.issuer;
        this.audience = b.audience;
        this.appName = b.appName;
        this.accessTokenKey = b.accessTokenKey;
        this.accessTokenKeyId = b.accessTokenKeyId;
        this.passwordPepper = b.passwordPepper;
        this.codeKey = b.codeKey;
        this.accessTokenTtl = b.accessTokenTtl;
        this.refreshTokenIdleTtl = b.refreshTokenIdleTtl;
        this.refreshTokenAbsoluteTtl = b.refreshTokenAbsoluteTtl;
        this.bcryptCost = b.bcryptCost;
        this.passwordMinLength = b.passwordMinLength;
        this.passwordMaxLength = b.passwordMaxLength;
        this.defaultPhoneRegion = b.defaultPhoneRegion;
        this.defaultRoles = Set.copyOf(b.defaultRoles);
        this.clock = b.clock;
        this.clockSkew = b.clockSkew;
        this.otpCodeLength = b.otpCodeLength;
        this.otpCodeTtl = b.otpCodeTtl;
        this.otpLoginCodeTtl = b.otpLoginCodeTtl;
        this.otpMaxAttemptsPerCode = b.otpMaxAttemptsPerCode;
        this.otpFailuresPerDestinationPerHour = b.otpFailuresPerDestinationPerHour;
        this.otpSendCooldown = b.otpSendCooldown;
        this.otpSendsPerDestinationPerHour = b.otpSendsPerDestinationPerHour;
        this.otpLoginCreatesAccounts = b.otpLoginCreatesAccounts;
        this.loginCodesByEmailAllowed = b.loginCodesByEmailAllowed;
        this.otpTemplates = b.otpTemplates;
        this.loginFailuresBeforeDelay = b.loginFailuresBeforeDelay;
        this.loginFailureWindow = b.loginFailureWindow;
        this.loginFailuresBeforeLockout = b.loginFailuresBeforeLockout;
        this.maxLoginDelay = b.maxLoginDelay;
        this.loginFailuresPerAddress = b.loginFailuresPerAddress;
        this.otpSendsPerAddressPerHour = b.otpSendsPerAddressPerHour;
        this.signingAlgorithm = b.signingAlgorithm;
        this.signingKeys = List.copyOf(b.signingKeys);
        this.signingKeyEncryptionKey = b.signingKeyEncryptionKey;
        this.signingKeyRotationPeriod = b.signingKeyRotationPeriod;
        this.signingKeyPublishLead = b.signingKeyPublishLead;
        this.signingKeyRefreshInterval = b.signingKeyRefreshInterval;
    }

    /** A builder with every default set and no secrets. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The {@code iss} of every access token; required. */
    public String issuer() {
        return issuer;
    }

    /** The {@code aud} of every access token; required. */
    public String audience() {
        return audience;
    }

    /** The application's name in messages and as a forbidden password word; defaults to the audience. */
    public String appName() {
        return appName;
    }

    /** The {@code kid} written in access tokens; derived from the key unless set. */
    public String accessTokenKeyId() {
        return accessTokenKeyId;
    }

    /** Access-token lifetime; default 15 minutes, from 1 minute to 24 hours. */
    public Duration accessTokenTtl() {
        return accessTokenTtl;
    }

    /** How long an unused refresh token lives; default 30 days. */
    public Duration refreshTokenIdleTtl() {
        return refreshTokenIdleTtl;
    }

    /** How long a session lives however often it is refreshed; default 90 days, at least the idle lifetime. */
    public Duration refreshTokenAbsoluteTtl() {
        return refreshTokenAbsoluteTtl;
    }

    /** bcrypt cost factor; default 11, at least 10. */
    public int bcryptCost() {
        return bcryptCost;
    }

    /** Minimum password length in Unicode code points; default 8, at least 8. */
    public int passwordMinLength() {
        return passwordMinLength;
    }

    /** Maximum password length in Unicode code points; default 128, from 64 to 1024. */
    public int passwordMaxLength() {
        return passwordMaxLength;
    }

    /** ISO 3166 region for phone numbers typed without {@code +}; default none (international form required). */
    public Optional<String> defaultPhoneRegion() {
        return Optional.ofNullable(defaultPhoneRegion);
    }

    /** Roles every new account gets; default {@code user}. */
    public Set<String> defaultRoles() {
        return defaultRoles;
    }

    /** The clock every expiry is measured with; default {@link Clock#systemUTC()}. */
    public Clock clock() {
        return clock;
    }

    /** Tolerance for {@code exp}, {@code iat} and {@code nbf}; default 60 seconds, at most 60 seconds. */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** Digits in a one-time code; default 6, from 6 to 10. */
    public int otpCodeLength() {
        return otpCodeLength;
    }

    /** How long a verification, reset or contact-change code works; default 5 minutes, at most 60 minutes. */
    public Duration otpCodeTtl() {
        return otpCodeTtl;
    }

    /** How long a login code works; default 5 minutes, at most 10 minutes (NIST SP 800-63B). */
    public Duration otpLoginCodeTtl() {
        return otpLoginCodeTtl;
    }

    /** Wrong tries before a code stops working; default 5, from 1 to 10. */
    public int otpMaxAttemptsPerCode() {
        return otpMaxAttemptsPerCode;
    }

    /** Wrong codes per destination per hour, across resends, before it is locked; default 10. */
    public int otpFailuresPerDestinationPerHour() {
        return otpFailuresPerDestinationPerHour;
    }

    /** Minimum time between two codes sent to one destination; default 30 seconds. */
    public Duration otpSendCooldown() {
        return otpSendCooldown;
    }

    /** Codes sent to one destination per hour; default 5. */
    public int otpSendsPerDestinationPerHour() {
        return otpSendsPerDestinationPerHour;
    }

    /** Whether the first login by code to an unknown phone or email creates an account; default false. */
    public boolean otpLoginCreatesAccounts() {
        return otpLoginCreatesAccounts;
    }

    /** Whether login codes may go by email (below NIST AAL2; see the README); default false. */
    public boolean loginCodesByEmailAllowed() {
        return loginCodesByEmailAllowed;
    }

    /** The texts of code messages; default {@link OtpTemplates#defaults()}. */
    public OtpTemplates otpTemplates() {
        return otpTemplates;
    }

    /** Failed logins per account within {@link #loginFailureWindow()} before growing delays start; default 10. */
    public int loginFailuresBeforeDelay() {
        return loginFailuresBeforeDelay;
    }

    /** The sliding window failed logins are counted in, per account and per address; default 15 minutes. */
    public Duration loginFailureWindow() {
        return loginFailureWindow;
    }

    /** Consecutive failed logins that lock an account until a password reset; default 100 (NIST SP 800-63B). */
    public int loginFailuresBeforeLockout() {
        return loginFailuresBeforeLockout;
    }

    /** The longest delay between password checks for one account; default 15 minutes. */
    public Duration maxLoginDelay() {
        return maxLoginDelay;
    }

    /** Failed logins per client address within {@link #loginFailureWindow()}; default 100, high enough for an office
     * behind one NAT. */
    public int loginFailuresPerAddress() {
        return loginFailuresPerAddress;
    }

    /** Codes sent per client address per hour, against SMS toll fraud; default 30. */
    public int otpSendsPerAddressPerHour() {
        return otpSendsPerAddressPerHour;
    }

    /**
     * The algorithm access tokens are signed with; default {@link SigningAlgorithm#HS256} under the access-token key.
     * With {@link Builder#signingKeys(List)} it is the first key's.
     */
    public SigningAlgorithm signingAlgorithm() {
        return signingAlgorithm;
    }

    /** How often a stored signing key is replaced by a new one; default 30 days. */
    public Duration signingKeyRotationPeriod() {
        return signingKeyRotationPeriod;
    }

    /** How long a new stored signing key is published in the JWKS before it signs; default 1 hour. */
    public Duration signingKeyPublishLead() {
        return signingKeyPublishLead;
    }

    /** How often an instance reads the shared key set again; default 5 minutes. */
    public Duration signingKeyRefreshInterval() {
        return signingKeyRefreshInterval;
    }

    List<SigningKey> signingKeys() {
        return signingKeys;
    }

    byte[] signingKeyEncryptionKey() {
        return signingKeyEncryptionKey == null ? null : signingKeyEncryptionKey.clone();
    }

    byte[] accessTokenKey() {
        return accessTokenKey.clone();
    }

    byte[] passwordPepper() {
        return passwordPepper.clone();
    }

    byte[] codeKey() {
        return codeKey.clone();
    }

    /** Names the settings and leaves every secret out. */
    @Override
    public String toString() {
        return "AuthConfig[issuer=" + issuer + ", audience=" + audience + ", accessTokenTtl=" + accessTokenTtl
                + ", refreshTokenIdleTtl=" + refreshTokenIdleTtl + ", refreshTokenAbsoluteTtl="
                + refreshTokenAbsoluteTtl + ", bcryptCost=" + bcryptCost + ", signingAlgorithm=" + signingAlgorithm.jwsName()
                + ", secrets=****]";
    }

    /** Builds an {@link AuthConfig}. Not thread-safe; {@link #build()} may be called more than once. */
    public static final class Builder {
        private static final int MIN_SECRET_BYTES = 32;

        private String issuer;
        private String audience;
        private String appName;
        private byte[] accessTokenKey;
        private String accessTokenKeyId;
        private byte[] passwordPepper;
        private byte[] codeKey;
        private Duration accessTokenTtl = Duration.ofMinutes(15);
        private Duration refreshTokenIdleTtl = Duration.ofDays(30);
        private Duration refreshTokenAbsoluteTtl = Duration.ofDays(90);
        private int bcryptCost = 11;
        private boolean lowBcryptCostAllowed;
        private int passwordMinLength = 8;
        private int passwordMaxLength = 128;
        private String defaultPhoneRegion;
        private Set<String> defaultRoles = Set.of("user");
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = Duration.ofSeconds(60);
        private int otpCodeLength = 6;
        private Duration otpCodeTtl = Duration.ofMinutes(5);
        private Duration otpLoginCodeTtl = Duration.ofMinutes(5);
        private int otpMaxAttemptsPerCode = 5;
        private int otpFailuresPerDestinationPerHour = 10;
        private Duration otpSendCooldown = Duration.ofSeconds(30);
        private int otpSendsPerDestinationPerHour = 5;
        private boolean otpLoginCreatesAccounts;
        private boolean loginCodesByEmailAllowed;
        private OtpTemplates otpTemplates = OtpTemplates.defaults();
        private int loginFailuresBeforeDelay = 10;
        private Duration loginFailureWindow = Duration.ofMinutes(15);
        private int loginFailuresBeforeLockout = 100;
        private Duration maxLoginDelay = Duration.ofMinutes(15);
        private int loginFailuresPerAddress = 100;
        private int otpSendsPerAddressPerHour = 30;
        private SigningAlgorithm signingAlgorithm;
        private List<SigningKey> signingKeys = List.of();
        private byte[] signingKeyEncryptionKey;
        private Duration signingKeyRotationPeriod = Duration.ofDays(30);
        private Duration signingKeyPublishLead = Duration.ofHours(1);
        private Duration signingKeyRefreshInterval = Duration.ofMinutes(5);

        private Builder() {
        }

        /** The token issuer, usually the application's base URL; required. */
        public Builder issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /** The token audience, the API the tokens are for; required. */
        public Builder audience(String audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /** The application's name, used in code messages and refused inside passwords; defaults to the audience. */
        public Builder appName(String appName) {
            this.appName = Objects.requireNonNull(appName, "appName");
            return this;
        }

        /**
         * Derives every secret from one master key of at least 32 random bytes with HKDF-SHA-256: the access-token
         * HMAC key, the password pepper, the one-time-code key and the signing-key encryption key. Instances given the
         * same master key agree on all four. Secrets set explicitly (before or after) take precedence.
         */
        public Builder masterKey(byte[] masterKey) {
            Objects.requireNonNull(masterKey, "masterKey");
            if (masterKey.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("masterKey must be at least 32 bytes, got " + masterKey.length);
            }
            if (accessTokenKey == null) {
                accessTokenKey = Secrets.hkdfSha256(masterKey, "latchkey/access-token-hmac", 32);
            }
            if (passwordPepper == null) {
                passwordPepper = Secrets.hkdfSha256(masterKey, "latchkey/password-pepper", 32);
            }
            if (codeKey == null) {
                codeKey = Secrets.hkdfSha256(masterKey, "latchkey/otp-code-hmac", 32);
            }
            if (signingKeyEncryptionKey == null) {
                signingKeyEncryptionKey = Secrets.hkdfSha256(masterKey, "latchkey/signing-key-encryption", 32);
            }
            return this;
        }

        /** The HS256 key for access tokens: at least 32 random bytes (RFC 8725 3.5); required unless a master key is. */
        public Builder accessTokenKey(byte[] key) {
            this.accessTokenKey = Objects.requireNonNull(key, "accessTokenKey").clone();
            return this;
        }

        /** The {@code kid} header of access tokens; default derived from the key. */
        public Builder accessTokenKeyId(String keyId) {
            this.accessTokenKeyId = Objects.requireNonNull(keyId, "accessTokenKeyId");
            return this;
        }

        /** The password pepper: at least 32 random bytes, kept out of the database; required unless a master key is. */
        public Builder passwordPepper(byte[] pepper) {
            this.passwordPepper = Objects.requireNonNull(pepper, "passwordPepper").clone();
            return this;
        }

        /** The key one-time codes are hashed under: at least 32 random bytes; defaults to one derived from the pepper. */
        public Builder codeKey(byte[] key) {
            this.codeKey = Objects.requireNonNull(key, "codeKey").clone();
            return this;
        }

        /** Access-token lifetime; default 15 minutes. */
        public Builder accessTokenTtl(Duration ttl) {
            this.accessTokenTtl = Objects.requireNonNull(ttl, "accessTokenTtl");
            return this;
        }

        /** Idle lifetime of a refresh token; default 30 days. */
        public Builder refreshTokenIdleTtl(Duration ttl) {
            this.refreshTokenIdleTtl = Objects.requireNonNull(ttl, "refreshTokenIdleTtl");
            return this;
        }

        /** Absolute lifetime of a session; default 90 days. */
        public Builder refreshTokenAbsoluteTtl(Duration ttl) {
            this.refreshTokenAbsoluteTtl = Objects.requireNonNull(ttl, "refreshTokenAbsoluteTtl");
            return this;
        }

        /** bcrypt cost, from 10 to 20; default 11. */
        public Builder bcryptCost(int cost) {
            this.bcryptCost = cost;
            this.lowBcryptCostAllowed = false;
            return this;
        }

        /**
         * Allows a bcrypt cost from 4 to 9, which makes stolen hashes cheap to crack. For fast test suites only;
         * never in production.
         */
        public Builder insecureBcryptCostForTests(int cost) {
            this.bcryptCost = cost;
            this.lowBcryptCostAllowed = true;
            return this;
        }

        /** Minimum password length in code points; default 8, never below 8. */
        public Builder passwordMinLength(int length) {
            this.passwordMinLength = length;
            return this;
        }

        /** Maximum password length in code points; default 128, from 64 to 1024. */
        public Builder passwordMaxLength(int length) {
            this.passwordMaxLength = length;
            return this;
        }

        /** ISO 3166 region (e.g. {@code US}) for phone numbers typed without {@code +}; default none. */
        public Builder defaultPhoneRegion(String region) {
            this.defaultPhoneRegion = Objects.requireNonNull(region, "defaultPhoneRegion");
            return this;
        }

        /** Roles every new account gets; default {@code user}. */
        public Builder defaultRoles(Set<String> roles) {
            this.defaultRoles = new LinkedHashSet<>(Objects.requireNonNull(roles, "defaultRoles"));
            return this;
        }

        /** The clock; default {@link Clock#systemUTC()}. Tests pass a clock they move. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Clock skew tolerated when checking tokens; default and maximum 60 seconds. */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = Objects.requireNonNull(skew, "clockSkew");
            return this;
        }

        /** Digits in a one-time code; default 6, from 6 to 10. */
        public Builder otpCodeLength(int digits) {
            this.otpCodeLength = digits;
            return this;
        }

        /** Lifetime of verification, reset and contact-change codes; default 5 minutes, from 1 to 60 minutes. */
        public Builder otpCodeTtl(Duration ttl) {
            this.otpCodeTtl = Objects.requireNonNull(ttl, "otpCodeTtl");
            return this;
        }

        /** Lifetime of login codes; default 5 minutes, from 1 to 10 minutes. */
        public Builder otpLoginCodeTtl(Duration ttl) {
            this.otpLoginCodeTtl = Objects.requireNonNull(ttl, "otpLoginCodeTtl");
            return this;
        }

        /** Wrong tries before a code stops working; default 5, from 1 to 10. */
        public Builder otpMaxAttemptsPerCode(int attempts) {
            this.otpMaxAttemptsPerCode = attempts;
            return this;
        }

        /** Wrong codes per destination per hour across resends; default 10, from 1 to 100. */
        public Builder otpFailuresPerDestinationPerHour(int failures) {
            this.otpFailuresPerDestinationPerHour = failures;
            return this;
        }

        /** Minimum time between two codes to one destination; default 30 seconds, from 1 second to 10 minutes. */
        public Builder otpSendCooldown(Duration cooldown) {
            this.otpSendCooldown = Objects.requireNonNull(cooldown, "otpSendCooldown");
            return this;
        }

        /** Codes sent to one destination per hour; default 5, from 1 to 100. */
        public Builder otpSendsPerDestinationPerHour(int sends) {
            this.otpSendsPerDestinationPerHour = sends;
            return this;
        }

        /**
         * Whether a first login by code creates an account for an unknown phone or email (as seed services do);
         * default false, in which case an unknown destination gets no code and the same answer.
         */
        public Builder otpLoginCreatesAccounts(boolean create) {
            this.otpLoginCreatesAccounts = create;
            return this;
        }

        /**
         * Lets login codes go by email. Email is not an out-of-band authenticator under NIST SP 800-63B (anyone who
         * can read the mailbox can log in), so this gives up AAL2 for password-less convenience; default off.
         */
        public Builder allowLoginCodesByEmail() {
            this.loginCodesByEmailAllowed = true;
            return this;
        }

        /** The texts of code messages; default {@link OtpTemplates#defaults()}. */
        public Builder otpTemplates(OtpTemplates templates) {
            this.otpTemplates = Objects.requireNonNull(templates, "otpTemplates");
            return this;
        }

        /** Failed logins per account within the window before growing delays; default 10, from 3 to 100. */
        public Builder loginFailuresBeforeDelay(int failures) {
            this.loginFailuresBeforeDelay = failures;
            return this;
        }

        /** The sliding window failed logins are counted in; default 15 minutes, from 1 minute to 24 hours. */
        public Builder loginFailureWindow(Duration window) {
            this.loginFailureWindow = Objects.requireNonNull(window, "loginFailureWindow");
            return this;
        }

        /** Consecutive failed logins that lock an account until a reset; default 100, from 10 to 1000. */
        public Builder loginFailuresBeforeLockout(int failures) {
            this.loginFailuresBeforeLockout = failures;
            return this;
        }

        /** The longest delay between password checks for one account; default 15 minutes, from 1 s to 1 hour. */
        public Builder maxLoginDelay(Duration delay) {
            this.maxLoginDelay = Objects.requireNonNull(delay, "maxLoginDelay");
            return this;
        }

        /** Failed logins per client address within the window; default 100, from 10 to 100,000. */
        public Builder loginFailuresPerAddress(int failures) {
            this.loginFailuresPerAddress = failures;
            return this;
        }

        /** Codes sent per client address per hour; default 30, from 1 to 10,000. */
        public Builder otpSendsPerAddressPerHour(int sends) {
            this.otpSendsPerAddressPerHour = sends;
            return this;
        }

        /**
         * Signs access tokens with {@code algorithm}. Default {@link SigningAlgorithm#HS256} with the access-token key,
         * which only services holding that secret can verify.
         *
         * <p>An asymmetric algorithm ({@link SigningAlgorithm#RS256}, recommended, {@link SigningAlgorithm#ES256} or
         * {@link SigningAlgorithm#EDDSA}) without {@link #signingKeys(List)} makes the service generate its keys and
         * keep them in the stores' {@link dev.latchkey.auth.store.SigningKeyStore} ({@code JdbcAuthStores} has one),
         * private keys encrypted under the {@link #signingKeyEncryptionKey(byte[])}; every instance over the same
         * database and master key shares them, and {@link AuthService#publicJwks()} publishes the public keys.
         * Switching from HS256 invalidates outstanding access tokens; clients get new ones with their refresh tokens.
         * Switching between asymmetric algorithms publishes a key in the new algorithm at the next reread of the key
         * set; it signs after the publish lead, and keys already stored keep their own algorithm until they retire.
         */
        public Builder signingAlgorithm(SigningAlgorithm algorithm) {
            this.signingAlgorithm = Objects.requireNonNull(algorithm, "signingAlgorithm");
            return this;
        }

        /**
         * Signs access tokens with generated keys shared through the stores, with the default asymmetric algorithm,
         * {@link SigningAlgorithm#RS256}: the same as {@code signingAlgorithm(SigningAlgorithm.RS256)}.
         *
         * <p>RS256 because verification, which runs on every request, is where the cost is: on JDK 17 it verifies
         * an order of magnitude faster than ES256 or EdDSA, while its slower signing (about 1.5 ms) is paid once per
         * login or refresh. Every JWT library and resource server verifies it without extra dependencies.
         */
        public Builder asymmetricSigning() {
            return signingAlgorithm(SigningAlgorithm.RS256);
        }

        /**
         * Signs with keys the host supplies instead of generated ones: the first signs, the others only verify (keep a
         * replaced key here until its tokens have expired). The algorithm is the first key's. Default none.
         */
        public Builder signingKeys(List<SigningKey> keys) {
            Objects.requireNonNull(keys, "signingKeys");
            List<SigningKey> copy = new ArrayList<>();
            for (SigningKey key : keys) {
                copy.add(Objects.requireNonNull(key, "signingKeys has a null key"));
            }
            this.signingKeys = List.copyOf(copy);
            return this;
        }

        /**
         * The AES-256 key (exactly 32 random bytes) that encrypts generated private signing keys in the store; derived
         * from the master key unless set. Required for generated asymmetric keys.
         */
        public Builder signingKeyEncryptionKey(byte[] key) {
            this.signingKeyEncryptionKey = Objects.requireNonNull(key, "signingKeyEncryptionKey").clone();
            return this;
        }

        /** How often generated signing keys rotate; default 30 days, from 1 hour to 365 days. */
        public Builder signingKeyRotationPeriod(Duration period) {
            this.signingKeyRotationPeriod = Objects.requireNonNull(period, "signingKeyRotationPeriod");
            return this;
        }

        /**
         * How long a new generated key is in the JWKS before it signs, so that every instance and every verifier's
         * JWKS cache has it first; default 1 hour, at least the refresh interval and less than the rotation period.
         * Serve the JWKS with a {@code Cache-Control} max-age no longer than this minus the refresh interval.
         */
        public Builder signingKeyPublishLead(Duration lead) {
            this.signingKeyPublishLead = Objects.requireNonNull(lead, "signingKeyPublishLead");
            return this;
        }

        /** How often each instance reads the shared key set again; default 5 minutes, from 1 second to 1 hour. */
        public Builder signingKeyRefreshInterval(Duration interval) {
            this.signingKeyRefreshInterval = Objects.requireNonNull(interval, "signingKeyRefreshInterval");
            return this;
        }

        /** The configuration, or an {@link IllegalArgumentException} naming the first bad setting. */
        public AuthConfig build() {
            require(issuer != null && !issuer.isBlank(), "issuer is required");
            require(audience != null && !audience.isBlank(), "audience is required");
            if (appName == null) {
                appName = audience;
            }
            require(accessTokenKey != null, "accessTokenKey (or masterKey) is required");
            require(accessTokenKey.length >= MIN_SECRET_BYTES,
                    "accessTokenKey must be at least 32 bytes (256 bits), got " + accessTokenKey.length);
            require(passwordPepper != null, "passwordPepper (or masterKey) is required");
            require(passwordPepper.length >= MIN_SECRET_BYTES,
                    "passwordPepper must be at least 32 bytes, got " + passwordPepper.length);
            if (codeKey == null) {
                codeKey = Secrets.hkdfSha256(passwordPepper, "latchkey/otp-code-hmac", 32);
            }
            require(codeKey.length >= MIN_SECRET_BYTES, "codeKey must be at least 32 bytes, got " + codeKey.length);
            if (accessTokenKeyId == null) {
                accessTokenKeyId = AccessTokenCodec.deriveKeyId(accessTokenKey);
            }
            require(accessTokenKeyId.matches("^[A-Za-z0-9_.-]{1,64}$"),
                    "accessTokenKeyId must be 1-64 characters of A-Z a-z 0-9 _ . -");
            require(between(accessTokenTtl, Duration.ofMinutes(1), Duration.ofHours(24)),
                    "accessTokenTtl must be from 1 minute to 24 hours");
            require(between(refreshTokenIdleTtl, Duration.ofMinutes(5), Duration.ofDays(365)),
                    "refreshTokenIdleTtl must be from 5 minutes to 365 days");
            require(between(refreshTokenAbsoluteTtl, refreshTokenIdleTtl, Duration.ofDays(3650)),
                    "refreshTokenAbsoluteTtl must be at least refreshTokenIdleTtl and at most 3650 days");
            if (lowBcryptCostAllowed) {
                require(bcryptCost >= 4 && bcryptCost <= 9,
                        "insecureBcryptCostForTests must be from 4 to 9; use bcryptCost for 10 and above");
            } else {
                require(bcryptCost >= 10 && bcryptCost <= 20, "bcryptCost must be from 10 to 20");
            }
            require(passwordMinLength >= 8, "passwordMinLength must be at least 8");
            require(passwordMaxLength >= 64 && passwordMaxLength <= 1024, "passwordMaxLength must be from 64 to 1024");
            require(passwordMinLength <= passwordMaxLength, "passwordMinLength must not exceed passwordMaxLength");
            require(defaultPhoneRegion == null || ContactNormalizer.isKnownRegion(defaultPhoneRegion),
                    "defaultPhoneRegion is not a known ISO 3166 region: " + defaultPhoneRegion);
            for (String role : defaultRoles) {
                require(role != null && ROLE.matcher(role).matches(), "defaultRoles has an invalid role name");
            }
            require(!clockSkew.isNegative() && clockSkew.compareTo(Duration.ofSeconds(60)) <= 0,
                    "clockSkew must be from 0 to 60 seconds");
            require(otpCodeLength >= 6 && otpCodeLength <= 10, "otpCodeLength must be from 6 to 10");
            require(between(otpCodeTtl, Duration.ofMinutes(1), Duration.ofMinutes(60)),
                    "otpCodeTtl must be from 1 to 60 minutes");
            require(between(otpLoginCodeTtl, Duration.ofMinutes(1), Duration.ofMinutes(10)),
                    "otpLoginCodeTtl must be from 1 to 10 minutes");
            require(otpMaxAttemptsPerCode >= 1 && otpMaxAttemptsPerCode <= 10,
                    "otpMaxAttemptsPerCode must be from 1 to 10");
            require(otpFailuresPerDestinationPerHour >= 1 && otpFailuresPerDestinationPerHour <= 100,
                    "otpFailuresPerDestinationPerHour must be from 1 to 100");
            require(between(otpSendCooldown, Duration.ofSeconds(1), Duration.ofMinutes(10)),
                    "otpSendCooldown must be from 1 second to 10 minutes");
            require(otpSendsPerDestinationPerHour >= 1 && otpSendsPerDestinationPerHour <= 100,
                    "otpSendsPerDestinationPerHour must be from 1 to 100");
            require(loginFailuresBeforeDelay >= 3 && loginFailuresBeforeDelay <= 100,
                    "loginFailuresBeforeDelay must be from 3 to 100");
            require(between(loginFailureWindow, Duration.ofMinutes(1), Duration.ofHours(24)),
                    "loginFailureWindow must be from 1 minute to 24 hours");
            require(loginFailuresBeforeLockout >= 10 && loginFailuresBeforeLockout <= 1000
                            && loginFailuresBeforeLockout > loginFailuresBeforeDelay,
                    "loginFailuresBeforeLockout must be from 10 to 1000 and above loginFailuresBeforeDelay");
            require(between(maxLoginDelay, Duration.ofSeconds(1), Duration.ofHours(1)),
                    "maxLoginDelay must be from 1 second to 1 hour");
            require(loginFailuresPerAddress >= 10 && loginFailuresPerAddress <= 100_000,
                    "loginFailuresPerAddress must be from 10 to 100000");
            require(otpSendsPerAddressPerHour >= 1 && otpSendsPerAddressPerHour <= 10_000,
                    "otpSendsPerAddressPerHour must be from 1 to 10000");
            if (!signingKeys.isEmpty()) {
                SigningAlgorithm first = signingKeys.get(0).algorithm();
                require(signingAlgorithm == null || signingAlgorithm == first,
                        "signingAlgorithm " + signingAlgorithm + " differs from the first signing key's " + first);
                require(signingKeys.get(0).canSign(), "signingKeys: the first key must have its private key");
                require(signingKeys.stream().map(SigningKey::keyId).distinct().count() == signingKeys.size(),
                        "signingKeys: every key needs its own kid");
                signingAlgorithm = first;
            } else if (signingAlgorithm == null) {
                signingAlgorithm = SigningAlgorithm.HS256;
            }
            if (signingAlgorithm.isAsymmetric() && signingKeys.isEmpty()) {
                require(signingKeyEncryptionKey != null,
                        "signingKeyEncryptionKey (or masterKey) is required for generated " + signingAlgorithm + " keys");
                require(signingKeyEncryptionKey.length == 32,
                        "signingKeyEncryptionKey must be exactly 32 bytes, got " + signingKeyEncryptionKey.length);
            }
            require(between(signingKeyRefreshInterval, Duration.ofSeconds(1), Duration.ofHours(1)),
                    "signingKeyRefreshInterval must be from 1 second to 1 hour");
            require(between(signingKeyRotationPeriod, Duration.ofHours(1), Duration.ofDays(365)),
                    "signingKeyRotationPeriod must be from 1 hour to 365 days");
            require(signingKeyPublishLead.compareTo(signingKeyRefreshInterval) >= 0
                            && signingKeyPublishLead.compareTo(signingKeyRotationPeriod) < 0,
                    "signingKeyPublishLead must be at least signingKeyRefreshInterval and less than "
                            + "signingKeyRotationPeriod");
            if (issuer.startsWith("http")) {
                require(isUri(issuer), "issuer looks like a URL but is not a valid one");
            }
            return new AuthConfig(this);
        }

        private static boolean between(Duration d, Duration min, Duration max) {
            return d.compareTo(min) >= 0 && d.compareTo(max) <= 0;
        }

        private static boolean isUri(String s) {
            try {
                URI.create(s);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
