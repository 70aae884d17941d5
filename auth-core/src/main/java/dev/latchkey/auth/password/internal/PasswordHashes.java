package dev.latchkey.auth.password.internal;

import dev.latchkey.auth.internal.BcryptPasswordHasher;
import dev.latchkey.auth.internal.PasswordHasher;
import dev.latchkey.auth.internal.PepperedHashing;
import dev.latchkey.auth.password.PasswordHashFormat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every password hash format the service knows: its own peppered ones (the configured one makes new hashes; the others
 * still verify, and are rehashed on login) and the legacy formats of imported hashes, each recorded by id in
 * {@code StoredCredential.data}. Immutable once built.
 */
public final class PasswordHashes {
    /** What a legacy format id may be. */
    public static final Pattern FORMAT_ID = Pattern.compile("^[a-z0-9-]{1,32}$");

    private static final String ONLY_KEY = "";

    private final PasswordHasher current;
    private final String currentKeyId;
    private final Map<String, Map<String, PasswordHasher>> own;
    private final Map<String, PasswordHashFormat> legacy;

    /**
     * The formats under one pepper (whose key id is {@code ""}): {@code current} makes new hashes; {@code own} (which
     * includes it) are every own hasher by format; {@code extra} legacy formats are added after the built-in ones,
     * replacing a built-in one of the same id.
     */
    public PasswordHashes(PasswordHasher current, Collection<PasswordHasher> own, List<PasswordHashFormat> extra) {
        this(ONLY_KEY, current, Map.of(ONLY_KEY, own), extra);
    }

    /**
     * The formats under the pepper of every configured master key: {@code current}, under the key
     * {@code currentKeyId}, makes new hashes; {@code own} are every own hasher by master-key id (which includes the
     * current one's); {@code extra} as in {@link #PasswordHashes(PasswordHasher, Collection, List)}.
     */
    public PasswordHashes(String currentKeyId, PasswordHasher current,
                          Map<String, ? extends Collection<PasswordHasher>> own, List<PasswordHashFormat> extra) {
        this.current = current;
        this.currentKeyId = currentKeyId;
        Map<String, Map<String, PasswordHasher>> byKey = new LinkedHashMap<>();
        own.forEach((keyId, hashers) -> {
            Map<String, PasswordHasher> byFormat = new LinkedHashMap<>();
            for (PasswordHasher h : hashers) {
                byFormat.put(h.format(), h);
            }
            if (keyId.equals(currentKeyId)) {
                byFormat.put(current.format(), current);
            }
            byKey.put(keyId, Map.copyOf(byFormat));
        });
        byKey.computeIfAbsent(currentKeyId, k -> Map.of(current.format(), current));
        this.own = Map.copyOf(byKey);
        Map<String, PasswordHashFormat> formats = new LinkedHashMap<>();
        for (PasswordHashFormat f : builtIns()) {
            formats.put(f.id(), f);
        }
        for (PasswordHashFormat f : extra) {
            if (f.id() == null || !FORMAT_ID.matcher(f.id()).matches() || f.id().endsWith(PepperedHashing.SUFFIX)) {
                throw new IllegalArgumentException("password hash format ids are 1-32 of a-z 0-9 - and never end in "
                        + PepperedHashing.SUFFIX);
            }
            formats.put(f.id(), f);
        }
        this.legacy = formats;
    }

    /** The formats {@code auth-core} verifies by itself. */
    public static List<PasswordHashFormat> builtIns() {
        return List.of(new BcryptFormat(), new Pbkdf2Formats.Phc(), new Pbkdf2Formats.Django(),
                new Pbkdf2Formats.Werkzeug(), new Pbkdf2Formats.Spring("HmacSHA256", 310_000));
    }

    /** The hasher of new passwords. */
    public PasswordHasher current() {
        return current;
    }

    /** The id of the master key whose pepper new hashes use. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** The own hasher of a recorded format under the current pepper (a null format is bcrypt), if registered. */
    public Optional<PasswordHasher> own(String format) {
        return own(format, currentKeyId);
    }

    /**
     * The own hasher of a recorded format (a null format is bcrypt) under the pepper of the master key {@code keyId},
     * if registered and that key is configured.
     */
    public Optional<PasswordHasher> own(String format, String keyId) {
        Map<String, PasswordHasher> byFormat = own.get(keyId);
        return byFormat == null ? Optional.empty()
                : Optional.ofNullable(byFormat.get(format == null ? BcryptPasswordHasher.FORMAT : format));
    }

    /** The legacy format recorded under this id, if registered. */
    public Optional<PasswordHashFormat> legacy(String format) {
        return format == null ? Optional.empty() : Optional.ofNullable(legacy.get(format));
    }

    /** Whether a recorded format is one of Latchkey's own (registered or not). */
    public static boolean isOwn(String format) {
        return format == null || format.endsWith(PepperedHashing.SUFFIX);
    }

    /**
     * The legacy format of a hash to import, by its shape, and whether it can be verified.
     *
     * @return the recorded format id, or an {@link IllegalArgumentException} message saying why the hash is refused
     */
    public Classified classify(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return Classified.refused("the password hash is empty");
        }
        if (encoded.length() > 1000) {
            return Classified.refused("the password hash is longer than 1000 characters");
        }
        if (!encoded.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Classified.refused("a password hash is printable ASCII without spaces");
        }
        for (PasswordHashFormat f : legacy.values()) {
            if (f.recognizes(encoded)) {
                Optional<String> problem = f.problem(encoded);
                return problem.map(Classified::refused).orElseGet(() -> new Classified(f.id(), null));
            }
        }
        return Classified.refused(unknown(encoded));
    }

    private String unknown(String encoded) {
        if (encoded.startsWith("$argon2") || encoded.startsWith("{argon2}") || encoded.startsWith("$scrypt$")
                || encoded.startsWith("scrypt:") || encoded.startsWith("{scrypt}")) {
            return "scrypt and Argon2 hashes need the formats of auth-hashes (LegacyHashFormats.all()) registered";
        }
        if (encoded.startsWith("{noop}")) {
            return "plain-text passwords ({noop}) are not imported: leave the hash out and let the user reset";
        }
        if (encoded.startsWith("$2x$")) {
            return "$2x$ bcrypt (crypt_blowfish's flawed 8-bit variant) is not supported";
        }
        List<String> ids = new ArrayList<>(legacy.keySet());
        return "unknown password hash format (known: " + String.join(", ", ids) + ")";
    }

    /**
     * How an imported hash was classified.
     *
     * @param format the recorded format id, or null when refused
     * @param reason why it was refused, or null
     */
    public record Classified(String format, String reason) {
        static Classified refused(String reason) {
            return new Classified(null, reason);
        }
    }
}
