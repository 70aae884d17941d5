package dev.latchkey.auth.password.internal;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import dev.latchkey.auth.password.PasswordHashFormat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain bcrypt hashes as Node's {@code bcrypt}/{@code bcryptjs}, PHP, Ruby, Python and Spring Security write them:
 * {@code $2a$}, {@code $2b$} or {@code $2y$}, a cost of 4 to 31, then 22 characters of salt and 31 of hash in bcrypt's
 * base64; Spring Security's {@code {bcrypt}} prefix is read too. As every bcrypt does, only the first 72 bytes of a
 * password count. Recorded as {@code bcrypt}.
 */
public final class BcryptFormat implements PasswordHashFormat {
    /** The recorded id. */
    public static final String ID = "bcrypt";
    private static final String SPRING = "{bcrypt}";
    private static final Pattern SHAPE = Pattern.compile("^\\$2[aby]\\$([0-9]{2})\\$[./A-Za-z0-9]{53}$");
    private static final BCrypt.Verifyer VERIFYER = BCrypt.verifyer(BCrypt.Version.VERSION_2A,
            LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean recognizes(String encoded) {
        String hash = unprefixed(encoded);
        return hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$");
    }

    @Override
    public Optional<String> problem(String encoded) {
        Matcher m = SHAPE.matcher(unprefixed(encoded));
        if (!m.matches()) {
            return Optional.of("a bcrypt hash is $2a$, $2b$ or $2y$, two cost digits, $ and 53 characters of "
                    + "bcrypt base64");
        }
        int cost = Integer.parseInt(m.group(1));
        if (cost < 4 || cost > 31) {
            return Optional.of("bcrypt cost must be from 4 to 31");
        }
        return Optional.empty();
    }

    @Override
    public boolean matches(byte[] password, String encoded) {
        if (problem(encoded).isPresent()) {
            return false;
        }
        try {
            return VERIFYER.verify(password, unprefixed(encoded).getBytes(StandardCharsets.US_ASCII)).verified;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String unprefixed(String encoded) {
        return encoded.startsWith(SPRING) ? encoded.substring(SPRING.length()) : encoded;
    }

    @Override
    public String toString() {
        return "BcryptFormat";
    }
}
