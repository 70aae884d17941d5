package dev.latchkey.auth;

import dev.latchkey.auth.accounts.AccountConfig;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.internal.Checks;
import dev.latchkey.auth.internal.Keyring;
import dev.latchkey.auth.internal.Secrets;
import dev.latchkey.auth.password.LoginLimits;
import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.factor.SecondFactorConfig;
import dev.latchkey.auth.session.SessionConfig;
import dev.latchkey.auth.token.SigningConfig;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything an {@link AuthService} is configured with: the essentials here (issuer, audience, secrets, clock), and one
 * small immutable configuration per topic ({@link PasswordConfig}, {@link LoginLimits}, {@link CodeConfig},
 * {@link SessionConfig}, {@link SigningConfig}, {@link AccountConfig},
 * {@link SecondFactorConfig}), each with its defaults.
 *
 * <p>Made by {@link #newBuilder()}, whose {@link Builder#build()} rejects missing, contradictory or unsafe values with
 * an {@link IllegalArgumentException} naming the setting, and never changes the builder: building twice gives two
 * equal configurations, and a value changed in between is what the second one has. Secrets are derived from the
 * master key with HKDF-SHA-256 at build time, so instances with the same master key agree. Previous master keys
 * ({@link Builder#previousMasterKeys}) derive the same secrets for reading only: what was hashed, encrypted or signed
 * under them still verifies and decrypts while a rotation runs (see {@code AuthService.keys()}).
 */
public final class AuthConfig {
    private static final int MIN_SECRET_BYTES = 32;

    private final String issuer;
    private final String audience;
    private final String clientId;
    private final String appName;
    private final Clock clock;
    private final Duration clockSkew;
    private final AccountConfig accounts;
    private final PasswordConfig passwords;
    private final LoginLimits loginLimits;
    private final CodeConfig codes;
    private final SessionConfig sessions;
    private final SecondFactorConfig secondFactors;
    private final SigningConfig signing;
    private final Keyring keyring;

    private AuthConfig(Builder b, Keyring keyring) {
        this.issuer = b.issuer;
        this.audience = b.audience;
        this.clientId = b.clientId != null ? b.clientId : b.audience;
        this.appName = b.appName != null ? b.appName : b.audience;
        this.clock = b.clock;
        this.clockSkew = b.clockSkew;
        this.accounts = b.accounts;
        this.passwords = b.passwords;
        this.loginLimits = b.loginLimits;
        this.codes = b.codes;
        this.sessions = b.sessions;
        this.secondFactors = b.secondFactors;
        this.signing = b.signing;
        this.keyring = keyring;
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

    /**
     * The {@code client_id} of every access token (RFC 9068 2.2, which requires it): the OAuth client the tokens are
     * issued to, here the application itself; defaults to the audience.
     */
    public String clientId() {
        return clientId;
    }

    /** The application's name in messages and as a forbidden password word; defaults to the audience. */
    public String appName() {
        return appName;
    }

    /** The clock every expiry is measured with; default {@link Clock#systemUTC()}. */
    public Clock clock() {
        return clock;
    }

    /** Tolerance for {@code exp}, {@code iat} and {@code nbf}: 0 to 60 seconds, default 60 seconds. */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** Defaults of new accounts. */
    public AccountConfig accounts() {
        return accounts;
    }

    /** Password hashing and rules. */
    public PasswordConfig passwords() {
        return passwords;
    }

    /** Brute-force limits on password checks. */
    public LoginLimits loginLimits() {
        return loginLimits;
    }

    /** One-time codes. */
    public CodeConfig codes() {
        return codes;
    }

    /** Token and session lifetimes. */
    public SessionConfig sessions() {
        return sessions;
    }

    /** Who must have a second factor, and how recent authentication must be for sensitive operations. */
    public SecondFactorConfig secondFactors() {
        return secondFactors;
    }

    /** Access-token signing keys. */
    public SigningConfig signing() {
        return signing;
    }

    /** The derived secrets of the current master key; for the service's builder only. */
    Secrets.Keys keys() {
        return keyring.current();
    }

    /** The derived secrets of every configured master key; for the service's builder only. */
    Keyring keyring() {
        return keyring;
    }

    @Override
    public String toString() {
        return "AuthConfig[issuer=" + issuer + ", audience=" + audience + ", clientId=" + clientId + ", " + passwords
                + ", " + sessions + ", " + secondFactors + ", " + signing + ", secrets=****]";
    }

    /** Builds an {@link AuthConfig}. */
    public static final class Builder {
        private String issuer;
        private String audience;
        private String clientId;
        private String appName;
        private byte[] masterKey;
        private List<byte[]> previousMasterKeys = List.of();
        private byte[] accessTokenKey;
        private byte[] passwordPepper;
        private byte[] codeKey;
        private byte[] keyEncryptionKey;
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = Duration.ofSeconds(60);
        private AccountConfig accounts = AccountConfig.defaults();
        private PasswordConfig passwords = PasswordConfig.defaults();
        private LoginLimits loginLimits = LoginLimits.defaults();
        private CodeConfig codes = CodeConfig.defaults();
        private SessionConfig sessions = SessionConfig.defaults();
        private SecondFactorConfig secondFactors = SecondFactorConfig.defaults();
        private SigningConfig signing = SigningConfig.defaults();

        private Builder() {
        }

        /** The {@code iss} claim; a URL or any non-blank string. */
        public Builder issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /** The {@code aud} claim. */
        public Builder audience(String audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /**
         * The {@code client_id} claim (RFC 9068), which resource servers such as Spring Security's
         * {@code JwtValidators.createAtJwtValidator()} check; defaults to the audience.
         */
        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /** The name used in messages; defaults to the audience. */
        public Builder appName(String appName) {
            this.appName = Objects.requireNonNull(appName, "appName");
            return this;
        }

        /**
         * At least 32 random bytes from which every secret not set on its own is derived (HKDF-SHA-256): the HS256
         * token key, the password pepper, the code key and the key-encryption key. Not all zero.
         */
        public Builder masterKey(byte[] masterKey) {
            this.masterKey = Objects.requireNonNull(masterKey, "masterKey").clone();
            return this;
        }

        /**
         * Master keys that were current before (replacing any given earlier): every secret is derived from each of
         * them as from {@link #masterKey}, and used only to verify and decrypt what was made under it; what such a
         * value protects is rewritten under the current key when it is used, or by {@code AuthService.keys()
         * .rewrite()}. Each is at least 32 bytes, not all zero, not the master key; not with secrets set one by one
         * or {@code SigningConfig.hmacKeyId} ({@link #build()} refuses it). Default none.
         */
        public Builder previousMasterKeys(byte[]... keys) {
            Objects.requireNonNull(keys, "previousMasterKeys");
            List<byte[]> copies = new ArrayList<>();
            for (byte[] key : keys) {
                copies.add(Objects.requireNonNull(key, "previousMasterKeys[]").clone());
            }
            this.previousMasterKeys = List.copyOf(copies);
            return this;
        }

        /** The HS256 access-token key, at least 32 bytes; derived from the master key unless set. */
        public Builder accessTokenKey(byte[] key) {
            this.accessTokenKey = Objects.requireNonNull(key, "accessTokenKey").clone();
            return this;
        }

        /** The password pepper, at least 32 bytes, kept out of the database; derived from the master key unless set. */
        public Builder passwordPepper(byte[] pepper) {
            this.passwordPepper = Objects.requireNonNull(pepper, "passwordPepper").clone();
            return this;
        }

        /** The key of the one-time-code HMAC; derived from the master key (or else the pepper) unless set. */
        public Builder codeKey(byte[] key) {
            this.codeKey = Objects.requireNonNull(key, "codeKey").clone();
            return this;
        }

        /**
         * The 32-byte AES-256-GCM key that encrypts private signing keys and reversible factor secrets at rest;
         * derived from the master key unless set.
         */
        public Builder keyEncryptionKey(byte[] key) {
            this.keyEncryptionKey = Objects.requireNonNull(key, "keyEncryptionKey").clone();
            return this;
        }

        /** The clock; tests pass one they move by hand. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Tolerance for token times, 0 to 60 seconds. */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = Objects.requireNonNull(skew, "clockSkew");
            return this;
        }

        /** Defaults of new accounts. */
        public Builder accounts(AccountConfig accounts) {
            this.accounts = Objects.requireNonNull(accounts, "accounts");
            return this;
        }

        /** Password hashing and rules. */
        public Builder passwords(PasswordConfig passwords) {
            this.passwords = Objects.requireNonNull(passwords, "passwords");
            return this;
        }

        /** Brute-force limits. */
        public Builder loginLimits(LoginLimits limits) {
            this.loginLimits = Objects.requireNonNull(limits, "loginLimits");
            return this;
        }

        /** One-time codes. */
        public Builder codes(CodeConfig codes) {
            this.codes = Objects.requireNonNull(codes, "codes");
            return this;
        }

        /** Token and session lifetimes. */
        public Builder sessions(SessionConfig sessions) {
            this.sessions = Objects.requireNonNull(sessions, "sessions");
            return this;
        }

        /** The second-factor policy and step-up. */
        public Builder secondFactors(SecondFactorConfig secondFactors) {
            this.secondFactors = Objects.requireNonNull(secondFactors, "secondFactors");
            return this;
        }

        /** Access-token signing. */
        public Builder signing(SigningConfig signing) {
            this.signing = Objects.requireNonNull(signing, "signing");
            return this;
        }

        /** The configuration. Pure: the builder is left as it was. */
        public AuthConfig build() {
            Checks.require(issuer != null && !issuer.isBlank(), "issuer is required");
            Checks.require(audience != null && !audience.isBlank(), "audience is required");
            Checks.require(clientId == null || !clientId.isBlank(), "clientId must not be blank");
            if (issuer.startsWith("http")) {
                Checks.require(isUri(issuer), "issuer looks like a URL but is not a valid one");
            }
            if (masterKey != null) {
                Checks.require(masterKey.length >= MIN_SECRET_BYTES,
                        "masterKey must be at least 32 bytes, got " + masterKey.length);
                Checks.require(!allZero(masterKey), "masterKey is all zero bytes: generate it with SecureRandom");
            }
            byte[] tokenKey = orDerived(accessTokenKey, masterKey, "latchkey/access-token-hmac");
            byte[] pepper = orDerived(passwordPepper, masterKey, "latchkey/password-pepper");
            Checks.require(tokenKey != null, "accessTokenKey (or masterKey) is required");
            Checks.require(tokenKey.length >= MIN_SECRET_BYTES,
                    "accessTokenKey must be at least 32 bytes (256 bits), got " + tokenKey.length);
            Checks.require(pepper != null, "passwordPepper (or masterKey) is required");
            Checks.require(pepper.length >= MIN_SECRET_BYTES,
                    "passwordPepper must be at least 32 bytes, got " + pepper.length);
            byte[] codes = codeKey != null ? codeKey
                    : Secrets.hkdfSha256(masterKey != null ? masterKey : pepper, "latchkey/otp-code-hmac", 32);
            Checks.require(codes.length >= MIN_SECRET_BYTES, "codeKey must be at least 32 bytes, got " + codes.length);
            byte[] kek = orDerived(keyEncryptionKey, masterKey, "latchkey/signing-key-encryption");
            Checks.require(kek == null || kek.length == 32,
                    "keyEncryptionKey must be exactly 32 bytes, got " + (kek == null ? 0 : kek.length));
            if (signing.algorithm().isAsymmetric() && signing.keys().isEmpty()) {
                Checks.require(kek != null, "keyEncryptionKey (or masterKey) is required for generated "
                        + signing.algorithm() + " keys");
            }
            Checks.require(!clockSkew.isNegative() && clockSkew.compareTo(Duration.ofSeconds(60)) <= 0,
                    "clockSkew must be from 0 to 60 seconds");
            String kid = signing.hmacKeyId().orElseGet(() -> Secrets.deriveKeyId(tokenKey));
            Secrets.Keys current = new Secrets.Keys(Secrets.masterKeyId(tokenKey, pepper, codes, kek), tokenKey, kid,
                    pepper, codes, kek);
            List<Secrets.Keys> previous = new ArrayList<>();
            List<String> explicit = Checks.given(List.of("accessTokenKey", "passwordPepper", "codeKey",
                    "keyEncryptionKey", "SigningConfig.hmacKeyId"), accessTokenKey, passwordPepper, codeKey,
                    keyEncryptionKey, signing.hmacKeyId().orElse(null));
            Checks.require(previousMasterKeys.isEmpty() || explicit.isEmpty(), "previousMasterKeys cannot be combined "
                    + "with " + explicit + ": rotate with masterKey alone, every secret derived from it");
            for (int i = 0; i < previousMasterKeys.size(); i++) {
                byte[] old = previousMasterKeys.get(i);
                Checks.require(old.length >= MIN_SECRET_BYTES,
                        "previousMasterKeys[" + i + "] must be at least 32 bytes, got " + old.length);
                Checks.require(!allZero(old), "previousMasterKeys[" + i + "] is all zero bytes");
                Checks.require(masterKey == null || !Arrays.equals(old, masterKey),
                        "previousMasterKeys[" + i + "] is the current masterKey");
                previous.add(Secrets.derivedFrom(old));
            }
            return new AuthConfig(this, Keyring.of(current, previous));
        }


        private static byte[] orDerived(byte[] explicit, byte[] master, String label) {
            if (explicit != null) {
                return explicit.clone();
            }
            return master == null ? null : Secrets.hkdfSha256(master, label, 32);
        }

        private static boolean allZero(byte[] key) {
            byte[] zero = new byte[key.length];
            return Arrays.equals(key, zero);
        }

        private static boolean isUri(String s) {
            try {
                URI.create(s);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
