package dev.latchkey.auth;

import java.util.Objects;

/**
 * An email address or phone number as the user typed it, used to log in or to receive a one-time code.
 *
 * <p>The {@link AuthService} normalises it before any lookup: emails are trimmed and lower-cased, phones are parsed
 * with libphonenumber (using {@link dev.latchkey.auth.accounts.AccountConfig#defaultPhoneRegion()} for numbers without a leading {@code +}) and
 * stored in E.164 form.
 */
public final class Contact {
    /** Which kind of destination a contact is. */
    public enum Kind {
        /** An email address; codes go by email. */
        EMAIL,
        /** A phone number; codes go by SMS. */
        PHONE
    }

    private final Kind kind;
    private final String value;

    private Contact(Kind kind, String value) {
        this.kind = kind;
        this.value = value;
    }

    /** An email address, as typed. */
    public static Contact email(String email) {
        return new Contact(Kind.EMAIL, Objects.requireNonNull(email, "email"));
    }

    /** A phone number, as typed: E.164 ({@code +14155550123}) or national form in the default region. */
    public static Contact phone(String phone) {
        return new Contact(Kind.PHONE, Objects.requireNonNull(phone, "phone"));
    }

    /** Whether this is an email or a phone. */
    public Kind kind() {
        return kind;
    }

    /** The value as given. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Contact other && other.kind == kind && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + value.hashCode();
    }

    /** The kind and a masked value ({@code email:a***@example.com}), safe to log. */
    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + mask(kind, value);
    }

    /** Masks an email's local part or all but the last two digits of a phone, for logs and audit events. */
    public static String mask(Kind kind, String value) {
        if (kind == Kind.EMAIL) {
            int at = value.lastIndexOf('@');
            if (at <= 0) {
                return "***";
            }
            return value.charAt(0) + "***" + value.substring(at);
        }
        return value.length() <= 2 ? "**" : "*".repeat(Math.min(value.length() - 2, 12)) + value.substring(value.length() - 2);
    }
}
