package dev.latchkey.auth.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.Contact;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalises emails (trim, lower case, shape check) and phones (libphonenumber, E.164).
 *
 * <p>Both refuse, anywhere in the raw input (leading and trailing included), the characters
 * {@link UnsafeCharacters} names (controls, format characters, line and paragraph separators, spaces other than
 * U+0020, lone surrogates), so that no contact can forge a log line or hide behind a look-alike; only ordinary spaces
 * are trimmed.
 */
public final class ContactNormalizer {
    private static final Pattern EMAIL = Pattern.compile("^[^\\s@\\p{Cntrl}]{1,64}@[^\\s@\\p{Cntrl}.]+(\\.[^\\s@\\p{Cntrl}.]+)+$");
    private static final int MAX_EMAIL = 254;
    private static final int MAX_PHONE_INPUT = 32;

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    /** A normaliser; {@code defaultRegion} (ISO 3166 code, or null) applies to numbers without a leading +. */
    public ContactNormalizer(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /** The normalised value of a contact, or {@link dev.latchkey.auth.AuthErrorCode#VALIDATION_FAILED}. */
    public String normalize(Contact contact) {
        return contact.kind() == Contact.Kind.EMAIL ? email(contact.value()) : phone(contact.value());
    }

    /** A trimmed, lower-cased email, or a validation error on field {@code email}. */
    public String email(String raw) {
        if (UnsafeCharacters.containsAny(raw)) {
            throw AuthException.validation("email", "an email address must not contain control, format or separator "
                    + "characters");
        }
        String e = raw.strip();
        if (e.isEmpty() || e.length() > MAX_EMAIL || !EMAIL.matcher(e).matches()) {
            throw AuthException.validation("email", "not a valid email address");
        }
        return e.toLowerCase(Locale.ROOT);
    }

    /** An E.164 phone, or a validation error on field {@code phone}. */
    public String phone(String raw) {
        if (UnsafeCharacters.containsAny(raw)) {
            throw AuthException.validation("phone", "a phone number must not contain control, format or separator "
                    + "characters");
        }
        String p = raw.strip();
        if (p.isEmpty() || p.length() > MAX_PHONE_INPUT) {
            throw AuthException.validation("phone", "not a valid phone number");
        }
        try {
            Phonenumber.PhoneNumber number = phones.parse(p, defaultRegion == null ? "ZZ" : defaultRegion);
            if (!phones.isValidNumber(number)) {
                throw AuthException.validation("phone", "not a valid phone number");
            }
            return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw AuthException.validation("phone", defaultRegion == null
                    ? "not a valid phone number; use the international form, e.g. +14155550123"
                    : "not a valid phone number");
        }
    }

    /** The national significant number of an E.164 phone (its digits without the country code). */
    public String nationalDigits(String e164) {
        try {
            return phones.getNationalSignificantNumber(phones.parse(e164, "ZZ"));
        } catch (NumberParseException e) {
            return e164.replaceAll("[^0-9]", "");
        }
    }

    /** Whether {@code region} is a region libphonenumber knows. */
    public static boolean isKnownRegion(String region) {
        return PhoneNumberUtil.getInstance().getSupportedRegions().contains(region);
    }
}
