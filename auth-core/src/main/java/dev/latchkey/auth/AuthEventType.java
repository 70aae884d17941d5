package dev.latchkey.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What happened, in an {@link AuthEvent}. */
public final class AuthEventType {
    private static final Pattern NAME = Pattern.compile("^[A-Z][A-Z0-9_]{0,63}$");
    private static final List<AuthEventType> BUILT_IN = new ArrayList<>();

    /** A new account was registered (directly, pending verification, or by a first code login). */
    public static final AuthEventType ACCOUNT_REGISTERED = builtIn("ACCOUNT_REGISTERED");
    /** An email or phone was proved with a code. */
    public static final AuthEventType CONTACT_VERIFIED = builtIn("CONTACT_VERIFIED");
    /** A password or code login succeeded. */
    public static final AuthEventType LOGIN_SUCCEEDED = builtIn("LOGIN_SUCCEEDED");
    /** A password login failed (unknown account, wrong password, disabled or locked account alike). */
    public static final AuthEventType LOGIN_FAILED = builtIn("LOGIN_FAILED");
    /** A login was refused by the attempt limits before any password check. */
    public static final AuthEventType LOGIN_THROTTLED = builtIn("LOGIN_THROTTLED");
    /** A one-time code was sent. */
    public static final AuthEventType CODE_SENT = builtIn("CODE_SENT");
    /**
     * A login or reset code was asked for a destination that gets none; the caller got the same answer as for a sent
     * code. The detail is the purpose and why: {@code no account}, {@code account disabled} or (login codes only)
     * {@code contact not proved}.
     */
    public static final AuthEventType CODE_NOT_SENT = builtIn("CODE_NOT_SENT");
    /** A one-time code could not be delivered. */
    public static final AuthEventType CODE_DELIVERY_FAILED = builtIn("CODE_DELIVERY_FAILED");
    /** A one-time code was wrong, expired, used or for another purpose. */
    public static final AuthEventType CODE_REJECTED = builtIn("CODE_REJECTED");
    /** Code checks or sends for a destination or address were refused by their limits. */
    public static final AuthEventType CODE_LOCKED = builtIn("CODE_LOCKED");
    /** A first factor passed and the login now waits for a second step. */
    public static final AuthEventType SECOND_FACTOR_REQUIRED = builtIn("SECOND_FACTOR_REQUIRED");
    /** An answer to a second step was wrong, or the step's attempts were spent. */
    public static final AuthEventType SECOND_FACTOR_FAILED = builtIn("SECOND_FACTOR_FAILED");
    /** A second step was answered right (detail: the factor); the login, or the re-authentication, goes on. */
    public static final AuthEventType SECOND_FACTOR_SUCCEEDED = builtIn("SECOND_FACTOR_SUCCEEDED");
    /** A first factor passed and, the policy requiring a second factor the user lacks, the login waits for one. */
    public static final AuthEventType SECOND_FACTOR_ENROLLMENT_REQUIRED = builtIn("SECOND_FACTOR_ENROLLMENT_REQUIRED");
    /** An administrator removed every second factor of the user. */
    public static final AuthEventType SECOND_FACTORS_RESET = builtIn("SECOND_FACTORS_RESET");
    /** A session was re-authenticated for a sensitive operation (detail: the factor); its tokens are fresh. */
    public static final AuthEventType REAUTHENTICATED = builtIn("REAUTHENTICATED");
    /** A refresh token was exchanged for a new one. */
    public static final AuthEventType TOKEN_REFRESHED = builtIn("TOKEN_REFRESHED");
    /** A used refresh token came back; its whole session was revoked. */
    public static final AuthEventType REFRESH_REUSE_DETECTED = builtIn("REFRESH_REUSE_DETECTED");
    /** A session ended by logout. */
    public static final AuthEventType LOGGED_OUT = builtIn("LOGGED_OUT");
    /** Every session of a user ended. */
    public static final AuthEventType LOGGED_OUT_EVERYWHERE = builtIn("LOGGED_OUT_EVERYWHERE");
    /** One session was revoked by its owner or the host. */
    public static final AuthEventType SESSION_REVOKED = builtIn("SESSION_REVOKED");
    /** A password was changed with the current one. */
    public static final AuthEventType PASSWORD_CHANGED = builtIn("PASSWORD_CHANGED");
    /** A password was reset with a code. */
    public static final AuthEventType PASSWORD_RESET = builtIn("PASSWORD_RESET");
    /**
     * An imported legacy password hash matched at login and was replaced by Latchkey's own peppered form; the detail
     * names the two formats.
     */
    public static final AuthEventType PASSWORD_UPGRADED = builtIn("PASSWORD_UPGRADED");
    /** A batch of accounts was imported; the detail counts the records by outcome. */
    public static final AuthEventType USERS_IMPORTED = builtIn("USERS_IMPORTED");
    /** An email or phone was replaced after its code was confirmed. */
    public static final AuthEventType CONTACT_CHANGED = builtIn("CONTACT_CHANGED");
    /** Roles were replaced. */
    public static final AuthEventType ROLES_CHANGED = builtIn("ROLES_CHANGED");
    /**
     * Too many consecutive failed logins of untrusted clients locked the account for them until a password reset;
     * sessions and device tokens stay valid.
     */
    public static final AuthEventType ACCOUNT_LOCKED = builtIn("ACCOUNT_LOCKED");
    /** A password reset unlocked a locked account. */
    public static final AuthEventType ACCOUNT_UNLOCKED = builtIn("ACCOUNT_UNLOCKED");
    /** The host disabled the account. */
    public static final AuthEventType ACCOUNT_DISABLED = builtIn("ACCOUNT_DISABLED");
    /** The host re-enabled the account. */
    public static final AuthEventType ACCOUNT_ENABLED = builtIn("ACCOUNT_ENABLED");
    /** The account was deleted. */
    public static final AuthEventType ACCOUNT_DELETED = builtIn("ACCOUNT_DELETED");

    private final String name;

    private AuthEventType(String name) {
        this.name = name;
    }

    private static AuthEventType builtIn(String name) {
        AuthEventType type = new AuthEventType(name);
        BUILT_IN.add(type);
        return type;
    }

    /**
     * The event type of this name: a built-in one, or one a factor module defines ({@code TOTP_ENROLLED}). Names are
     * 1-64 of {@code A-Z 0-9 _}, starting with a letter; two types of one name are equal.
     */
    public static AuthEventType of(String name) {
        for (AuthEventType t : BUILT_IN) {
            if (t.name.equals(name)) {
                return t;
            }
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("event type names are 1-64 of A-Z 0-9 _, starting with a letter");
        }
        return new AuthEventType(name);
    }

    /** The built-in types, in declaration order. */
    public static List<AuthEventType> builtIn() {
        return List.copyOf(BUILT_IN);
    }

    /** The type's name, e.g. {@code LOGIN_SUCCEEDED}. */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthEventType other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
