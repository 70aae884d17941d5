package dev.latchkey.auth;

import dev.latchkey.auth.accounts.Accounts;
import dev.latchkey.auth.accounts.internal.DefaultAccounts;
import dev.latchkey.auth.code.LoginCodes;
import dev.latchkey.auth.code.internal.CodeFactor;
import dev.latchkey.auth.contact.Contacts;
import dev.latchkey.auth.contact.internal.DefaultContacts;
import dev.latchkey.auth.factor.Factor;
import dev.latchkey.auth.factor.KeyedCredentials;
import dev.latchkey.auth.factor.SecondSteps;
import dev.latchkey.auth.factor.StepUp;
import dev.latchkey.auth.internal.AccessTokenCodec;
import dev.latchkey.auth.internal.BcryptPasswordHasher;
import dev.latchkey.auth.internal.CodeEngine;
import dev.latchkey.auth.internal.CommonPasswords;
import dev.latchkey.auth.internal.Core;
import dev.latchkey.auth.internal.DeviceTokens;
import dev.latchkey.auth.internal.Events;
import dev.latchkey.auth.internal.FactorRuntime;
import dev.latchkey.auth.internal.Keyring;
import dev.latchkey.auth.internal.LoginFlow;
import dev.latchkey.auth.internal.LoginThrottle;
import dev.latchkey.auth.internal.PasswordHasher;
import dev.latchkey.auth.internal.PasswordPolicy;
import dev.latchkey.auth.internal.PepperedHashing;
import dev.latchkey.auth.internal.Reauthentication;
import dev.latchkey.auth.imports.UserImports;
import dev.latchkey.auth.imports.internal.DefaultUserImports;
import dev.latchkey.auth.keys.MasterKeys;
import dev.latchkey.auth.keys.internal.DefaultMasterKeys;
import dev.latchkey.auth.keys.internal.MasterKeyRegistry;
import dev.latchkey.auth.keys.internal.ReferenceCounts;
import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.password.PasswordHashFormat;
import dev.latchkey.auth.password.PasswordHashTimer;
import dev.latchkey.auth.password.PasswordHashing;
import dev.latchkey.auth.password.internal.PasswordHashes;
import dev.latchkey.auth.internal.Secrets;
import dev.latchkey.auth.password.internal.TimedPasswordHasher;
import dev.latchkey.auth.internal.SessionIssuer;
import dev.latchkey.auth.internal.SlidingWindows;
import dev.latchkey.auth.password.Passwords;
import dev.latchkey.auth.password.internal.PasswordCheck;
import dev.latchkey.auth.password.internal.PasswordFactor;
import dev.latchkey.auth.registration.Registrations;
import dev.latchkey.auth.registration.internal.DefaultRegistrations;
import dev.latchkey.auth.session.Sessions;
import dev.latchkey.auth.session.internal.DefaultSessions;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.token.AccessTokens;
import dev.latchkey.auth.token.internal.DefaultAccessTokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Accounts, passwords, codes, sessions and tokens for one application, over the host's own stores: the one entry point.
 * Each area is reached from here: {@link #accounts()}, {@link #registrations()}, {@link #passwords()},
 * {@link #loginCodes()}, {@link #contacts()}, {@link #secondSteps()}, {@link #stepUp()}, {@link #sessions()},
 * {@link #tokens()}, {@link #imports()}, {@link #keys()}.
 *
 * <p>Build one per application with {@link #newBuilder(AuthConfig, AuthStores)}; it is thread-safe, and several
 * instances (in one process or many) over the same stores and configuration behave as one. Every method throws
 * {@link AuthException} with a stable {@link AuthErrorCode} for bad input and expected failures, and
 * {@link AuthErrorCode#STORE_UNAVAILABLE} when the database fails. A null argument is a {@link NullPointerException}
 * naming it, except a token string from a client (access token, refresh token, challenge): null or blank, it is
 * {@link AuthErrorCode#INVALID_TOKEN}, and {@code sessions().logout} ignores it.
 */
public final class AuthService {
    private final Accounts accounts;
    private final Registrations registrations;
    private final Passwords passwords;
    private final LoginCodes loginCodes;
    private final Contacts contacts;
    private final SecondSteps secondSteps;
    private final StepUp stepUp;
    private final Sessions sessions;
    private final UserImports imports;
    private final MasterKeys keys;
    private final DefaultAccessTokens tokens;
    private final AuthStores stores;
    private final Core core;

    private AuthService(Builder b) {
        AuthConfig config = b.config;
        this.stores = b.stores;
        Events events = new Events(b.listeners.isEmpty() ? List.of(AuthEventListener.logging()) : b.listeners,
                config.clock());
        SlidingWindows windows = new SlidingWindows(Objects.requireNonNull(stores.rateLimits(),
                "stores.rateLimits()"));
        List<KeyedCredentials> keyed = b.factors.stream().flatMap(f -> f.keyedCredentials().stream()).toList();
        ReferenceCounts references = new ReferenceCounts(stores, keyed);
        Keyring keyring = MasterKeyRegistry.check(config.keyring(), stores.masterKeys(), references,
                () -> DefaultMasterKeys.firstKey(stores, config.keyring(), keyed), config.clock());
        CodeEngine codes = new CodeEngine(config.codes(), config.clock(), config.appName(), keyring,
                Objects.requireNonNull(stores.otpCodes(), "stores.otpCodes()"), windows, b.otpProvider, events);
        this.core = new Core(config, keyring, stores, events, codes, windows, AuthService::mint);
        this.tokens = new DefaultAccessTokens(core, config.signing().keys().stream().map(SigningKey::jwsKey).toList());
        SessionIssuer issuer = new SessionIssuer(core, tokens.codec());
        PasswordHashes hashes = passwordHashes(config, b);
        PasswordPolicy policy = new PasswordPolicy(config.passwords().minLength(), config.passwords().maxLength(),
                CommonPasswords.load());
        DeviceTokens devices = new DeviceTokens(keyring.all().stream().map(k -> k.derive("device-token")).toList(),
                config.loginLimits().deviceTokenTtl());
        PasswordCheck check = new PasswordCheck(core, hashes,
                b.passwordUpgrades != null ? b.passwordUpgrades : PasswordCheck.backgroundUpgrades(), policy,
                new LoginThrottle(config.loginLimits(), windows), devices);
        PasswordFactor password = new PasswordFactor(core, check);
        CodeFactor code = new CodeFactor(core);
        // Factors from other modules come first: second-step options are offered in this order, strongest first.
        List<Factor> factors = new ArrayList<>(b.factors);
        factors.addAll(List.of(password, code));
        LoginFlow flow = new LoginFlow(core, issuer, factors, password, check::issueDeviceToken);
        password.useFlow(flow);
        code.useFlow(flow);
        FactorRuntime runtime = new FactorRuntime(core, flow);
        for (Factor f : factors) {
            f.bind(runtime);
        }
        this.passwords = password;
        this.loginCodes = code;
        this.secondSteps = flow;
        this.stepUp = new Reauthentication(core, flow, issuer, password, code, check::verifyCurrent);
        this.accounts = new DefaultAccounts(core, check);
        this.registrations = new DefaultRegistrations(core, check, code, flow);
        this.contacts = new DefaultContacts(core);
        this.sessions = new DefaultSessions(core, issuer);
        this.imports = new DefaultUserImports(core, check, hashes);
        DefaultMasterKeys masterKeys = new DefaultMasterKeys(stores, keyring, references, config.clock(),
                unstoredLifetime(config));
        this.keys = masterKeys;
        if (!keyring.previousIds().isEmpty()) {
            masterKeys.log(masterKeys.status());
        }
    }

    /** The longest a value made under a master key lives without being stored and counted, plus the clock skew. */
    private static Duration unstoredLifetime(AuthConfig config) {
        Duration codes = config.codes().ttl().compareTo(config.codes().loginTtl()) >= 0 ? config.codes().ttl()
                : config.codes().loginTtl();
        Duration tokens = config.sessions().accessTokenTtl();
        return (codes.compareTo(tokens) >= 0 ? codes : tokens).plus(config.clockSkew());
    }

    /**
     * The own hashers (bcrypt, and one per registered {@link PasswordHashing}) under the pepper of every configured
     * master key, the configured one of them under the current key for new hashes, and the legacy formats.
     */
    private static PasswordHashes passwordHashes(AuthConfig config, Builder b) {
        String format = config.passwords().hashAlgorithm().equals(PasswordConfig.BCRYPT) ? BcryptPasswordHasher.FORMAT
                : PepperedHashing.formatOf(config.passwords().hashAlgorithm());
        Map<String, List<PasswordHasher>> byKey = new LinkedHashMap<>();
        PasswordHasher current = null;
        for (Secrets.Keys keys : config.keyring().all()) {
            Map<String, PasswordHasher> own = new LinkedHashMap<>();
            PasswordHasher bcrypt = new BcryptPasswordHasher(keys.pepper(), config.passwords().bcryptCost());
            own.put(bcrypt.format(), bcrypt);
            for (PasswordHashing h : b.hashings.values()) {
                PasswordHasher hasher = new PepperedHashing(h, keys.pepper());
                own.put(hasher.format(), hasher);
            }
            if (keys == config.keys() && b.passwordHasher != null) {
                own.put(b.passwordHasher.format(), b.passwordHasher);
            }
            if (b.hashTimer != null) {
                own.replaceAll((name, hasher) -> new TimedPasswordHasher(hasher, b.hashTimer));
            }
            if (keys == config.keys()) {
                current = own.get(format);
            }
            byKey.put(keys.keyId(), List.copyOf(own.values()));
        }
        return new PasswordHashes(config.keys().keyId(), current, byKey, b.formats);
    }

    private static VerifiedAccessToken mint(AccessTokenCodec.Claims c) {
        return new VerifiedAccessToken(c.subject(), c.sessionId(), c.roles(), c.amr(), c.authTime(), c.issuedAt(),
                c.expiresAt(), c.tokenId());
    }

    /** A builder for a service with this configuration over these stores. */
    public static Builder newBuilder(AuthConfig config, AuthStores stores) {
        return new Builder(config, stores);
    }

    /** Accounts: direct registration, lookup, profile, roles, enabling, deletion. */
    public Accounts accounts() {
        return accounts;
    }

    /** Self-service registration proved by a code. */
    public Registrations registrations() {
        return registrations;
    }

    /** The password factor: login, change, reset. */
    public Passwords passwords() {
        return passwords;
    }

    /** The one-time-code factor: passwordless login. */
    public LoginCodes loginCodes() {
        return loginCodes;
    }

    /** Proving and changing emails and phones. */
    public Contacts contacts() {
        return contacts;
    }

    /** The second step of a login. */
    public SecondSteps secondSteps() {
        return secondSteps;
    }

    /** Step-up: how recent authentication must be for sensitive operations, and re-authentication. */
    public StepUp stepUp() {
        return stepUp;
    }

    /** Refresh, logout, and the user's sessions. */
    public Sessions sessions() {
        return sessions;
    }

    /** Importing existing users with their password hashes, and how many of those hashes remain. */
    public UserImports imports() {
        return imports;
    }

    /**
     * Master-key rotation: which stored values refer to which master key, the rewrite of those the service can
     * rewrite by itself, and when an old key can be removed.
     */
    public MasterKeys keys() {
        return keys;
    }

    /** Access-token verification, JWKS and key rotation. */
    public AccessTokens tokens() {
        return tokens;
    }

    /**
     * Deletes expired sessions, tokens, codes, challenges, counters and retired signing keys; returns how many rows
     * went. Schedule it, e.g. hourly.
     */
    public int purgeExpired() {
        var now = core.now();
        return stores.refreshTokens().purgeExpired(now) + stores.otpCodes().purgeExpired(now)
                + stores.challenges().purgeExpired(now) + stores.rateLimits().purgeExpired(now)
                + tokens.purgeExpired();
    }

    @Override
    public String toString() {
        return "AuthService[" + core.config() + "]";
    }

    /** Builds an {@link AuthService}. */
    public static final class Builder {
        private static final Pattern FACTOR_ID = Pattern.compile("^[a-z0-9_-]{1,32}$");

        private final AuthConfig config;
        private final AuthStores stores;
        private OtpProvider otpProvider;
        private final List<AuthEventListener> listeners = new ArrayList<>();
        private final List<Factor> factors = new ArrayList<>();
        private PasswordHasher passwordHasher;
        private Executor passwordUpgrades;
        private PasswordHashTimer hashTimer;
        private final List<PasswordHashFormat> formats = new ArrayList<>();
        private final Map<String, PasswordHashing> hashings = new LinkedHashMap<>();

        private Builder(AuthConfig config, AuthStores stores) {
            this.config = Objects.requireNonNull(config, "config");
            this.stores = Objects.requireNonNull(stores, "stores");
        }

        /**
         * The provider that delivers codes (see {@code auth-otp}); without one, every code flow answers
         * {@link AuthErrorCode#DELIVERY_FAILED} with reason {@code unsupported_channel}.
         */
        public Builder otpProvider(OtpProvider provider) {
            this.otpProvider = Objects.requireNonNull(provider, "otpProvider");
            return this;
        }

        /**
         * Adds a listener for audit events; call once per listener. With none, events are logged by
         * {@link AuthEventListener#logging()}; to keep that as well, add it explicitly.
         */
        public Builder eventListener(AuthEventListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds a factor from another module (TOTP, passkeys, one of the host's own). Its {@link Factor#bind} is called
         * when the service is built; ids must be unique ({@code password} and {@code code} are built in).
         */
        public Builder factor(Factor factor) {
            Objects.requireNonNull(factor, "factor");
            if (factor.id() == null || !FACTOR_ID.matcher(factor.id()).matches()) {
                throw new IllegalArgumentException("factor ids are 1-32 of a-z 0-9 _ -");
            }
            factors.add(factor);
            return this;
        }

        /**
         * Adds a legacy password hash format that imported hashes may have (scrypt and Argon2 from
         * {@code auth-hashes}' {@code LegacyHashFormats.all()}, or one of the host's own); call once per format. One
         * with the id of a built-in format replaces it.
         */
        public Builder passwordHashFormat(PasswordHashFormat format) {
            Objects.requireNonNull(format, "format");
            if (format.id() == null || !PasswordHashes.FORMAT_ID.matcher(format.id()).matches()
                    || format.id().endsWith(PepperedHashing.SUFFIX)) {
                throw new IllegalArgumentException("password hash format ids are 1-32 of a-z 0-9 - and never end in "
                        + PepperedHashing.SUFFIX);
            }
            formats.add(format);
            return this;
        }

        /** {@link #passwordHashFormat} for each of {@code formats}. */
        public Builder passwordHashFormats(Collection<? extends PasswordHashFormat> formats) {
            Objects.requireNonNull(formats, "formats").forEach(this::passwordHashFormat);
            return this;
        }

        /**
         * Adds an algorithm for Latchkey's own password hashes (Argon2id from {@code auth-hashes}); new hashes use it
         * when {@link PasswordConfig#hashAlgorithm()} names it, and its hashes verify whatever that names. One per id.
         */
        public Builder passwordHashing(PasswordHashing hashing) {
            Objects.requireNonNull(hashing, "hashing");
            if (hashing.id() == null || !hashing.id().matches("[a-z0-9]{1,24}")
                    || hashing.id().equals(PasswordConfig.BCRYPT)) {
                throw new IllegalArgumentException("password hashing ids are 1-24 of a-z 0-9, and bcrypt is built in");
            }
            hashings.put(hashing.id(), hashing);
            return this;
        }

        /** Tells {@code timer} how long each password hash and check takes ({@code auth-metrics} records it). */
        public Builder passwordHashTimer(PasswordHashTimer timer) {
            this.hashTimer = Objects.requireNonNull(timer, "passwordHashTimer");
            return this;
        }

        /** Runs legacy-hash upgrades on this executor; for tests that wait for none ({@code Runnable::run}). */
        Builder passwordUpgrades(Executor executor) {
            this.passwordUpgrades = Objects.requireNonNull(executor, "passwordUpgrades");
            return this;
        }

        /** Replaces the password hasher; for this module's tests that count hashing work. */
        Builder passwordHasher(PasswordHasher hasher) {
            this.passwordHasher = Objects.requireNonNull(hasher, "passwordHasher");
            return this;
        }

        /**
         * The service. Computes a dummy password hash at the configured cost, so it takes a moment.
         *
         * @throws IllegalArgumentException when {@link PasswordConfig#hashAlgorithm()} names no registered algorithm
         * @throws IllegalStateException    when the master keys do not match the database's key registry
         *                                  ({@link AuthStores#masterKeys()}): a mismatched master key, or an old key
         *                                  removed while stored values still refer to it; the message names key ids
         */
        public AuthService build() {
            String algorithm = config.passwords().hashAlgorithm();
            if (!algorithm.equals(PasswordConfig.BCRYPT) && !hashings.containsKey(algorithm)) {
                throw new IllegalArgumentException("hashAlgorithm " + algorithm + " needs its PasswordHashing "
                        + "registered with passwordHashing(...) (argon2id: auth-hashes' Argon2idHashing)");
            }
            Set<String> ids = new HashSet<>(Set.of("password", "code"));
            for (Factor f : factors) {
                if (!ids.add(f.id())) {
                    throw new IllegalArgumentException("two factors have the id " + f.id());
                }
            }
            return new AuthService(this);
        }
    }
}
