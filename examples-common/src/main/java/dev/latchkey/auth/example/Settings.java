package dev.latchkey.auth.example;

import dev.latchkey.auth.SigningAlgorithm;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The example application's settings, read from environment variables.
 *
 * <p>{@link #fromEnvironment(Map)} takes the variables as a map (the process environment in production, a test's own
 * map in tests), checks every value and throws {@link StartupException} naming the first bad variable. Unset and blank
 * variables take their defaults. Immutable; {@link #toString()} masks every secret.
 */
public final class Settings {
    /** The {@code aud} of access tokens, on either host. */
    public static final String AUDIENCE = "latchkey-example";
    /** The name in code messages and authenticator apps, on either host. */
    public static final String APP_NAME = "Latchkey Example";
    /** Smallest accepted master key, in bytes (the same floor as {@code AuthConfig.masterKey}). */
    static final int MIN_MASTER_KEY_BYTES = 32;

    private static final Pattern TABLE_PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,19}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:%_-]{1,253}");

    /** How the SMTP connection is protected ({@code AUTH_SMTP_TLS}). */
    public enum SmtpTls {
        /** Clear text ({@code none}); only for a relay on the same host or a trusted network. */
        NONE,
        /** STARTTLS, required ({@code starttls}); the default. */
        STARTTLS,
        /** TLS from the first byte ({@code smtps}). */
        SMTPS
    }

    /** SMTP delivery of email codes; present when {@code AUTH_SMTP_HOST} is set. */
    public record Smtp(String host, Optional<Integer> port, SmtpTls tls, Optional<String> username,
                       Optional<String> password, String from) {
        /** Everything but the password. */
        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port.map(String::valueOf).orElse("default") + ", tls=" + tls
                    + ", username=" + (username.isPresent() ? "****" : "none") + ", from=" + from + "]";
        }
    }

    /** Twilio delivery of SMS codes; present when {@code AUTH_TWILIO_ACCOUNT_SID} and friends are set. */
    public record Twilio(String accountSid, String authToken, String from, URI baseUrl) {
        /** Everything but the auth token. */
        @Override
        public String toString() {
            return "Twilio[accountSid=" + (accountSid.length() > 6 ? accountSid.substring(0, 2) + "***"
                    + accountSid.substring(accountSid.length() - 4) : "***") + ", from=" + from + ", baseUrl="
                    + baseUrl + ", authToken=****]";
        }
    }

    private final int port;
    private final String host;
    private final boolean devOutbox;
    private final Path dataDir;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final byte[] masterKey;
    private final List<byte[]> previousMasterKeys;
    private final String issuer;
    private final SigningAlgorithm signingAlgorithm;
    private final Smtp smtp;
    private final Twilio twilio;
    private final MfaSettings mfa;
    private final SessionSettings sessions;
    private final PasskeySettings passkeys;
    private final String tablePrefix;

    private Settings(int port, String host, boolean devOutbox, Path dataDir, String dbUrl, String dbUser,
                     String dbPassword, byte[] masterKey, List<byte[]> previousMasterKeys, String issuer,
                     SigningAlgorithm signingAlgorithm, Smtp smtp, Twilio twilio, MfaSettings mfa,
                     SessionSettings sessions, PasskeySettings passkeys, String tablePrefix) {
        this.port = port;
        this.host = host;
        this.devOutbox = devOutbox;
        this.dataDir = dataDir;
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.masterKey = masterKey;
        this.previousMasterKeys = previousMasterKeys;
        this.issuer = issuer;
        this.signingAlgorithm = signingAlgorithm;
        this.smtp = smtp;
        this.twilio = twilio;
        this.mfa = mfa;
        this.sessions = sessions;
        this.passkeys = passkeys;
        this.tablePrefix = tablePrefix;
    }

    /**
     * Reads and checks the settings from {@code env}.
     *
     * @throws StartupException naming the first variable with a bad value
     */
    public static Settings fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        int port = port(env);
        Path dataDir = dataDir(env);
        String dbUrl = value(env, "AUTH_DB_URL");
        if (dbUrl != null && !dbUrl.startsWith("jdbc:")) {
            throw new StartupException("AUTH_DB_URL must be a JDBC URL starting with jdbc: (H2, PostgreSQL, "
                    + "MariaDB or MySQL)");
        }
        String dbUser = value(env, "AUTH_DB_USER");
        String dbPassword = env.get("AUTH_DB_PASSWORD") == null || env.get("AUTH_DB_PASSWORD").isEmpty()
                ? null : env.get("AUTH_DB_PASSWORD");
        byte[] masterKey = masterKey(env);
        String issuer = issuer(env, port);
        if (value(env, "AUTH_ISSUER") == null && dbUrl != null && !dbUrl.startsWith("jdbc:h2:")) {
            throw new StartupException("AUTH_ISSUER is required with a PostgreSQL or MariaDB/MySQL AUTH_DB_URL: every "
                    + "instance over that database must write the same iss, and the default http://localhost:<PORT> "
                    + "differs with the port; set it to the app's public URL, the same on every instance");
        }
        return new Settings(port, host(env), devOutbox(env), dataDir, dbUrl, dbUser, dbPassword, masterKey,
                MasterKeyFile.previousKeys(env), issuer, signingAlgorithm(env), DeliverySettings.smtp(env),
                DeliverySettings.twilio(env), MfaSettings.fromEnvironment(env), SessionSettings.fromEnvironment(env),
                PasskeySettings.fromEnvironment(env, port), "");
    }

    /** These settings with every table name prefixed, so that several test runs can share one database. */
    public Settings withTablePrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.isEmpty() && !TABLE_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("table prefix must be empty or match " + TABLE_PREFIX);
        }
        return new Settings(port, host, devOutbox, dataDir, dbUrl, dbUser, dbPassword, masterKey, previousMasterKeys,
                issuer, signingAlgorithm, smtp, twilio, mfa, sessions, passkeys, prefix);
    }

    /** {@code PORT}: the HTTP port; default 8080, 0 picks a free port. */
    public int port() {
        return port;
    }

    /**
     * {@code AUTH_HOST}: the address to listen on; default {@code 127.0.0.1} (loopback: reachable from this machine
     * only). {@code 0.0.0.0} or {@code ::} listen on every interface.
     */
    public String host() {
        return host;
    }

    /**
     * {@code AUTH_DEV_OUTBOX}: whether {@code GET /dev/outbox} is served by an app that listens beyond loopback;
     * default false. It shows every code of the mock provider to whoever asks, so it is for development only.
     */
    public boolean devOutbox() {
        return devOutbox;
    }

    /** {@code AUTH_DATA_DIR}: where the default H2 database and the generated master key live; default {@code ./data}. */
    public Path dataDir() {
        return dataDir;
    }

    /** {@code AUTH_DB_URL}, or empty for the H2 file database under {@link #dataDir()}. */
    public Optional<String> dbUrl() {
        return Optional.ofNullable(dbUrl);
    }

    /** {@code AUTH_DB_USER}, if set. */
    public Optional<String> dbUser() {
        return Optional.ofNullable(dbUser);
    }

    /** {@code AUTH_DB_PASSWORD}, if set. */
    public Optional<String> dbPassword() {
        return Optional.ofNullable(dbPassword);
    }

    /**
     * {@code AUTH_PREVIOUS_MASTER_KEYS} decoded: master keys that were current before, which only verify and decrypt
     * during a rotation; default none.
     */
    public List<byte[]> previousMasterKeys() {
        return previousMasterKeys.stream().map(byte[]::clone).toList();
    }

    /** {@code AUTH_MASTER_KEY} decoded, or empty when a generated one must be used. */
    public Optional<byte[]> masterKey() {
        return Optional.ofNullable(masterKey).map(byte[]::clone);
    }

    /**
     * {@code AUTH_ISSUER}: the {@code iss} of access tokens; default {@code http://localhost:<PORT>}, for H2 only:
     * instances sharing a PostgreSQL or MariaDB/MySQL {@code AUTH_DB_URL} must agree, so there it is required.
     */
    public String issuer() {
        return issuer;
    }

    /**
     * {@code AUTH_SIGNING_ALGORITHM}: how access tokens are signed; default {@code RS256}. {@code RS256}, {@code ES256}
     * and {@code EDDSA} keys are generated into the database, shared by every instance and published at
     * {@code /.well-known/jwks.json}; {@code HS256} signs with a key derived from the master key and publishes none.
     */
    public SigningAlgorithm signingAlgorithm() {
        return signingAlgorithm;
    }

    /** SMTP delivery, when {@code AUTH_SMTP_HOST} is set. */
    public Optional<Smtp> smtp() {
        return Optional.ofNullable(smtp);
    }

    /** Twilio delivery, when the {@code AUTH_TWILIO_*} credentials are set. */
    public Optional<Twilio> twilio() {
        return Optional.ofNullable(twilio);
    }

    /** {@code AUTH_MFA_POLICY} and {@code AUTH_REAUTH_MAX_AGE}: who needs a second factor, and step-up's age. */
    public MfaSettings mfa() {
        return mfa;
    }

    /** {@code AUTH_REFRESH_REUSE_GRACE}: how long a rotated refresh token gets the same successor again. */
    public SessionSettings sessions() {
        return sessions;
    }

    /** {@code AUTH_WEBAUTHN_RP_ID}, {@code AUTH_WEBAUTHN_RP_NAME}, {@code AUTH_WEBAUTHN_ORIGINS}: the passkeys' RP. */
    public PasskeySettings passkeys() {
        return passkeys;
    }

    /** The table prefix; empty unless {@link #withTablePrefix(String)} set one. */
    public String tablePrefix() {
        return tablePrefix;
    }

    /** The settings with every secret masked. */
    @Override
    public String toString() {
        return "Settings[port=" + port + ", host=" + host + ", devOutbox=" + devOutbox + ", dataDir=" + dataDir
                + ", dbUrl=" + (dbUrl == null ? "(h2 under dataDir)" : maskUrl(dbUrl)) + ", dbUser=" + dbUser
                + ", dbPassword=" + (dbPassword == null ? "none" : "****") + ", masterKey="
                + (masterKey == null ? "(generated)" : "****") + ", previousMasterKeys=" + previousMasterKeys.size()
                + ", issuer=" + issuer + ", signingAlgorithm=" + signingAlgorithm + ", smtp=" + smtp + ", twilio="
                + twilio + ", mfa=" + mfa + ", sessions=" + sessions + ", passkeys=" + passkeys.config() + ", tablePrefix="
                + tablePrefix + "]";
    }

    /** A JDBC URL with any {@code password=...} parameter masked, safe to log. */
    public static String maskUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }

    /** The stripped value of variable {@code name}, or null when it is unset or blank. */
    static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null) {
            return null;
        }
        v = v.strip();
        return v.isEmpty() ? null : v;
    }

    private static int port(Map<String, String> env) {
        String raw = value(env, "PORT");
        if (raw == null) {
            return 8080;
        }
        return portNumber("PORT", raw, 0);
    }

    /** {@code raw} as a port number from {@code min} to 65535, or a {@link StartupException} naming {@code name}. */
    static int portNumber(String name, String raw, int min) {
        int port;
        try {
            port = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new StartupException(name + " must be a port number from " + min + " to 65535, got '"
                    + printable(raw) + "'");
        }
        if (port < min || port > 65535) {
            throw new StartupException(name + " must be a port number from " + min + " to 65535, got " + port);
        }
        return port;
    }

    private static String host(Map<String, String> env) {
        String raw = value(env, "AUTH_HOST");
        if (raw == null) {
            return "127.0.0.1";
        }
        if (!HOST.matcher(raw).matches()) {
            throw new StartupException("AUTH_HOST must be an IP address or host name to listen on, such as 127.0.0.1 "
                    + "(the default) or 0.0.0.0 (every interface); got '" + printable(raw) + "'");
        }
        return raw;
    }

    private static boolean devOutbox(Map<String, String> env) {
        String raw = value(env, "AUTH_DEV_OUTBOX");
        if (raw == null || raw.equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.equalsIgnoreCase("true")) {
            return true;
        }
        throw new StartupException("AUTH_DEV_OUTBOX must be true or false; got '" + printable(raw) + "'");
    }

    private static Path dataDir(Map<String, String> env) {
        String raw = value(env, "AUTH_DATA_DIR");
        try {
            return Path.of(raw == null ? "data" : raw).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new StartupException("AUTH_DATA_DIR is not a valid path: " + e.getReason());
        }
    }

    private static byte[] masterKey(Map<String, String> env) {
        String raw = value(env, "AUTH_MASTER_KEY");
        if (raw == null) {
            return null;
        }
        return decodeMasterKey("AUTH_MASTER_KEY", raw);
    }

    /** Decodes a base64 (standard or URL-safe, padding optional) master key of at least 32 bytes. */
    static byte[] decodeMasterKey(String source, String raw) {
        String text = raw.replaceAll("\\s", "");
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            try {
                key = Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException e2) {
                throw new StartupException(source + " is not valid base64; generate one with: openssl rand -base64 32");
            }
        }
        if (key.length < MIN_MASTER_KEY_BYTES) {
            throw new StartupException(source + " is too short: it must be base64 of at least " + MIN_MASTER_KEY_BYTES
                    + " random bytes, got " + key.length + " bytes; generate one with: openssl rand -base64 32");
        }
        return key;
    }

    private static String issuer(Map<String, String> env, int port) {
        String raw = value(env, "AUTH_ISSUER");
        if (raw == null) {
            return "http://localhost:" + (port == 0 ? 8080 : port);
        }
        if (raw.length() > 255 || raw.chars().anyMatch(Character::isISOControl)) {
            throw new StartupException("AUTH_ISSUER must be at most 255 printable characters, usually the app's URL");
        }
        if (raw.startsWith("http")) {
            try {
                URI uri = new URI(raw);
                if (uri.getHost() == null) {
                    throw new URISyntaxException(raw, "no host");
                }
            } catch (URISyntaxException e) {
                throw new StartupException("AUTH_ISSUER looks like a URL but is not a valid one: '" + printable(raw)
                        + "'");
            }
        }
        return raw;
    }

    private static SigningAlgorithm signingAlgorithm(Map<String, String> env) {
        String raw = value(env, "AUTH_SIGNING_ALGORITHM");
        if (raw == null) {
            return SigningAlgorithm.RS256;
        }
        return Arrays.stream(SigningAlgorithm.values()).filter(a -> a.name().equalsIgnoreCase(raw)).findFirst()
                .orElseThrow(() -> new StartupException("AUTH_SIGNING_ALGORITHM must be one of RS256 (the default), "
                        + "ES256, EDDSA or HS256; got '" + printable(raw) + "'"));
    }

    /** A non-secret value cut short and stripped of control characters, for an error message. */
    static String printable(String raw) {
        String s = raw.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
