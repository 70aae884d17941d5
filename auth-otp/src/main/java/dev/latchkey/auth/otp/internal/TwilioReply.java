package dev.latchkey.auth.otp.internal;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parts of a Twilio REST reply that delivery cares about: the numeric error {@code code} of an error body
 * ({@code {"code": 21211, "message": "...", "more_info": "...", "status": 400}}) and the {@code sid} of a created
 * message. Twilio's human-readable {@code message} is deliberately dropped: it can repeat the full phone number.
 */
public final class TwilioReply {
    /** Twilio error codes meaning the 'To' number cannot receive this SMS. */
    private static final Set<Long> INVALID_DESTINATION_CODES = Set.of(
            21211L, // Invalid 'To' phone number
            21217L, // Phone number does not appear to be valid
            21265L, // 'To' number cannot be a short code
            21401L, // Invalid phone number
            21407L, // This phone number type does not support SMS
            21421L, // Phone number is invalid
            21610L, // The recipient unsubscribed (replied STOP)
            21612L, // The 'To' number is not currently reachable via SMS
            21614L); // 'To' number is not a valid mobile number
    private static final long AUTHENTICATION_ERROR = 20003L;
    private static final Pattern SAFE_SID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final TwilioReply EMPTY = new TwilioReply(null, null);

    private final Long errorCode;
    private final String sid;

    private TwilioReply(Long errorCode, String sid) {
        this.errorCode = errorCode;
        this.sid = sid;
    }

    /** Reads a reply body; never throws: a body that is not a JSON object gives an empty reply. */
    public static TwilioReply parse(byte[] body) {
        if (body == null || body.length == 0) {
            return EMPTY;
        }
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8), body.length);
        } catch (ParseException | RuntimeException e) {
            return EMPTY;
        }
        Long code = null;
        Object c = json.get("code");
        if (c instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            code = n.longValue();
        } else if (c instanceof String s && s.matches("\\d{1,9}")) {
            code = Long.parseLong(s);
        }
        String sid = null;
        if (json.get("sid") instanceof String s && SAFE_SID.matcher(s).matches()) {
            sid = s;
        }
        return new TwilioReply(code, sid);
    }

    /** Twilio's numeric error code, when the body carried one. */
    public Optional<Long> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** The created message's SID (letters and digits only), when the body carried one. */
    public Optional<String> sid() {
        return Optional.ofNullable(sid);
    }

    /**
     * The delivery-failure reason for a final (not retried) error reply: {@code credentials_rejected} for HTTP 401 or
     * Twilio error 20003, {@code invalid_destination} for the invalid-'To' errors (21211, 21614 and kin),
     * {@code rejected} for anything else.
     */
    public String failureReason(int status) {
        if (status == 401 || Long.valueOf(AUTHENTICATION_ERROR).equals(errorCode)) {
            return "credentials_rejected";
        }
        if (errorCode != null && INVALID_DESTINATION_CODES.contains(errorCode)) {
            return "invalid_destination";
        }
        return "rejected";
    }
}
