package dev.latchkey.auth.internal;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.accounts.AccountConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks of what callers send: profile fields, roles, codes, opaque tokens; and the words a password must avoid. */
public final class Inputs {
    private static final Pattern PROFILE_FIELD = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");
    /** Names of account fields, which a profile field must not take: a client could not tell them apart. */
    private static final Set<String> RESERVED = Set.of("id", "email", "phone", "email_verified", "phone_verified",
            "roles", "status", "password", "profile", "created_at", "updated_at", "version", "pending_email",
            "pending_phone");
    private static final int MAX_PROFILE_FIELDS = 32;
    private static final int MAX_PROFILE_VALUE = 1000;
    private static final int MAX_ROLES = 32;
    private static final Pattern CHALLENGE = Pattern.compile("^[A-Za-z0-9_-]{1,256}$");
    /** Longest opaque token (refresh token, challenge) looked up at all. */
    public static final int MAX_OPAQUE_TOKEN = 256;

    private Inputs() {
    }

    /** The profile, checked: at most 32 fields, names of {@code a-z 0-9 _}, values of at most 1000 characters. */
    public static Map<String, String> checkProfile(Map<String, String> profile) {
        if (profile.size() > MAX_PROFILE_FIELDS) {
            throw AuthException.validation("profile", "at most " + MAX_PROFILE_FIELDS + " profile fields");
        }
        profile.forEach((name, value) -> {
            if (name == null || !PROFILE_FIELD.matcher(name).matches()) {
                throw AuthException.validation("profile", "profile field names are 1-64 of a-z 0-9 _, "
                        + "starting with a letter");
            }
            if (RESERVED.contains(name)) {
                throw AuthException.validation("profile." + name, "'" + name + "' is an account field, not a "
                        + "profile field");
            }
            if (value == null || value.length() > MAX_PROFILE_VALUE || value.chars().anyMatch(Character::isISOControl)) {
                throw AuthException.validation("profile." + name, "profile values are text of at most "
                        + MAX_PROFILE_VALUE + " characters without control characters");
            }
        });
        return Map.copyOf(profile);
    }

    /** {@code current} with {@code changes} merged in; a null value removes a field. */
    public static Map<String, String> mergeProfile(Map<String, String> current, Map<String, String> changes) {
        Map<String, String> merged = new HashMap<>(current);
        Map<String, String> additions = new HashMap<>();
        changes.forEach((name, value) -> {
            if (value == null) {
                merged.remove(name);
            } else {
                additions.put(name, value);
            }
        });
        merged.putAll(checkProfile(additions));
        return checkProfile(merged);
    }

    /** The roles, checked against {@link AccountConfig#ROLE}; at most 32. */
    public static Set<String> checkRoles(Set<String> roles) {
        if (roles.size() > MAX_ROLES) {
            throw AuthException.validation("roles", "at most " + MAX_ROLES + " roles");
        }
        for (String role : roles) {
            if (role == null || !AccountConfig.ROLE.matcher(role).matches()) {
                throw AuthException.validation("roles", "role names are 1-64 of A-Z a-z 0-9 _ . : -");
            }
        }
        return Set.copyOf(roles);
    }

    /** A code as typed, stripped; {@code validation_failed} (field {@code code}) when missing or absurdly long. */
    public static String checkCode(String code) {
        if (code == null || code.isEmpty() || code.length() > 32) {
            throw AuthException.validation("code", "a code is required");
        }
        return code.strip();
    }

    /** Whether an opaque token is worth looking up: not null, not blank and not too long. */
    public static boolean plausibleToken(String token) {
        return token != null && !token.isBlank() && token.length() <= MAX_OPAQUE_TOKEN;
    }

    /**
     * A challenge from a client, checked: null or blank is {@code INVALID_TOKEN} like an unknown one; anything but
     * 1-256 of {@code A-Z a-z 0-9 _ -} (no challenge looks like that) is {@code VALIDATION_FAILED} (field
     * {@code challenge}).
     */
    public static String checkChallenge(String challenge) {
        if (challenge == null || challenge.isBlank()) {
            throw Core.invalidToken();
        }
        if (!CHALLENGE.matcher(challenge).matches()) {
            throw dev.latchkey.auth.AuthException.validation("challenge", "challenge must be the one the login "
                    + "returned");
        }
        return challenge;
    }

    /** The words a password must not contain: the app's name, the email's local part and the phone's digits. */
    public static List<String> contextWords(String appName, ContactNormalizer contacts, String email, String phone) {
        List<String> words = new ArrayList<>();
        words.add(appName);
        if (email != null) {
            words.add(email.substring(0, email.indexOf('@')));
        }
        if (phone != null) {
            words.add(phone.substring(1));
            words.add(contacts.nationalDigits(phone));
        }
        return words;
    }
}
