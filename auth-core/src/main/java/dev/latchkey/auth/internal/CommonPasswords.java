package dev.latchkey.auth.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The shipped list of common passwords: the 30,000 most frequent passwords from zxcvbn 4.4.2's frequency list
 * (Copyright (c) 2012-2016 Dan Wheeler and Dropbox, Inc., MIT licence; see {@code common-passwords.NOTICE}).
 */
public final class CommonPasswords {
    private static final String RESOURCE = "common-passwords.txt";

    private final Set<String> passwords;

    private CommonPasswords(Set<String> passwords) {
        this.passwords = passwords;
    }

    /** Loads the shipped list. */
    public static CommonPasswords load() {
        Set<String> set = new HashSet<>(65_536);
        try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from auth-core");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String p = line.strip();
                if (!p.isEmpty()) {
                    set.add(p.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CommonPasswords(Set.copyOf(set));
    }

    /** Whether the (already normalised) password is on the list, ignoring case. */
    public boolean contains(String password) {
        return passwords.contains(password.toLowerCase(Locale.ROOT));
    }

    /** How many passwords the list holds. */
    public int size() {
        return passwords.size();
    }
}
