package dev.latchkey.auth.otp;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.OtpMessage;
import dev.latchkey.auth.OtpProvider;
import dev.latchkey.auth.otp.internal.Backoff;
import dev.latchkey.auth.otp.internal.LoopbackHosts;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Sends SMS through Twilio's Programmable Messaging REST API
 * ({@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}) with the JDK's {@link HttpClient}; no Twilio SDK.
 *
 * <p>The request carries {@code To} (the E.164 destination), {@code From} or {@code MessagingServiceSid} (whichever
 * was configured) and {@code Body} ({@link OtpMessage#text()}), authenticated with HTTP Basic auth as the account (or
 * an API key). An answer of 429 or 5xx, and a failure to connect, is retried up to {@link Builder#maxAttempts(int)}
 * times with exponential backoff and jitter, honouring {@code Retry-After}. Nothing else is retried: in particular a
 * request that timed out waiting for the answer is not, because Twilio may already have accepted it and a retry
 * could send the code twice.
 *
 * <p>Failures are {@link AuthException#deliveryFailed(String, String, Throwable)} with one of these reasons:
 * {@code invalid_destination} (Twilio errors 21211, 21614 and other invalid-'To' errors), {@code credentials_rejected}
 * (HTTP 401 or Twilio error 20003), {@code unavailable} (429 or 5xx after the last attempt, connection refused or
 * broken), {@code timeout} (no answer within the request timeout, or no connection within the connect timeout on the
 * last attempt), {@code rejected} (a TLS failure such as an untrusted certificate, or any other refusal) and
 * {@code unsupported_channel} (an email message).
 *
 * <p>The auth token and the message text never appear in logs, exception messages or {@link #toString()}; logs carry
 * at most the masked destination, the HTTP status and Twilio's error code. Thread-safe; one instance (and its HTTP
 * connection pool) should serve the whole application.
 */
public final class SmsOtpProvider implements OtpProvider {
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final Duration MAX_BACKOFF_LIMIT = Duration.ofMinutes(1);

    private final String accountSid;
    private final String senderField;
    private final String sender;
    private final URI baseUrl;
    private final int maxAttempts;
    private final TwilioMessagesClient twilio;

    private SmsOtpProvider(Builder b, String basicUser, String basicSecret, URI baseUrl) {
        this.accountSid = b.accountSid;
        this.senderField = b.from != null ? "From" : "MessagingServiceSid";
        this.sender = b.from != null ? b.from : b.messagingServiceSid;
        this.baseUrl = baseUrl;
        this.maxAttempts = b.maxAttempts;
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((basicUser + ":" + basicSecret).getBytes(StandardCharsets.UTF_8));
        this.twilio = new TwilioMessagesClient(
                URI.create(baseUrl + "/2010-04-01/Accounts/" + accountSid + "/Messages.json"), authorization,
                b.connectTimeout, b.requestTimeout, b.maxAttempts, new Backoff(b.initialBackoff, b.maxBackoff),
                b.waiter, b.clock);
    }

    /** A builder; {@link Builder#accountSid}, a credential and a sender are required. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * Sends the message's {@link OtpMessage#text()} as an SMS to its destination, retrying as described above.
     *
     * @throws AuthException {@link dev.latchkey.auth.AuthErrorCode#DELIVERY_FAILED} with the reasons listed in the
     *                       class description
     */
    @Override
    public void deliver(OtpMessage message) {
        Objects.requireNonNull(message, "message");
        if (message.channel() != Contact.Kind.PHONE) {
            throw AuthException.deliveryFailed("unsupported_channel",
                    "SmsOtpProvider delivers only to phones, not " + message.channel(), null);
        }
        String to = Contact.mask(Contact.Kind.PHONE, message.destination());
        twilio.post(form(message), to);
    }

    /** True for {@link Contact.Kind#PHONE} only. */
    @Override
    public boolean supports(Contact.Kind channel) {
        return Objects.requireNonNull(channel, "channel") == Contact.Kind.PHONE;
    }

    /** The base URL, the masked account SID and the sender; never the credential. */
    @Override
    public String toString() {
        return "SmsOtpProvider[baseUrl=" + baseUrl + ", accountSid=" + maskSid(accountSid) + ", " + senderField + "="
                + sender + ", maxAttempts=" + maxAttempts + "]";
    }

    private String form(OtpMessage message) {
        return "To=" + encode(message.destination())
                + "&" + senderField + "=" + encode(sender)
                + "&Body=" + encode(message.text());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String maskSid(String sid) {
        return sid.length() <= 6 ? "***" : sid.substring(0, 2) + "***" + sid.substring(sid.length() - 4);
    }

    /**
     * Builds an {@link SmsOtpProvider}. Required: {@link #accountSid}, one credential ({@link #authToken} or
     * {@link #apiKey}) and one sender ({@link #from} or {@link #messagingServiceSid}). {@link #build()} rejects anything
     * missing, contradictory or out of range with an {@link IllegalArgumentException} naming the setting.
     */
    public static final class Builder {
        private String accountSid;
        private String authToken;
        private String apiKeySid;
        private String apiKeySecret;
        private String from;
        private String messagingServiceSid;
        private URI baseUrl = URI.create("https://api.twilio.com");
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(250);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Waiter waiter = Waiter.SLEEP;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The Twilio account SID ({@code AC...}) that owns the messages; required. It is part of the URL. */
        public Builder accountSid(String accountSid) {
            this.accountSid = Objects.requireNonNull(accountSid, "accountSid");
            return this;
        }

        /** The account's auth token, used as the Basic auth password. Set this or {@link #apiKey}, not both. */
        public Builder authToken(String authToken) {
            this.authToken = Objects.requireNonNull(authToken, "authToken");
            return this;
        }

        /**
         * An API key ({@code SK...}) and its secret, used for Basic auth instead of the auth token; Twilio recommends
         * keys because they can be revoked one by one. Set this or {@link #authToken}, not both.
         */
        public Builder apiKey(String keySid, String secret) {
            this.apiKeySid = Objects.requireNonNull(keySid, "keySid");
            this.apiKeySecret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /** The sending phone number (E.164) or alphanumeric sender ID. Set this or {@link #messagingServiceSid}. */
        public Builder from(String from) {
            this.from = Objects.requireNonNull(from, "from");
            return this;
        }

        /** The Messaging Service ({@code MG...}) that picks the sender. Set this or {@link #from}. */
        public Builder messagingServiceSid(String messagingServiceSid) {
            this.messagingServiceSid = Objects.requireNonNull(messagingServiceSid, "messagingServiceSid");
            return this;
        }

        /**
         * Where the API lives; default {@code https://api.twilio.com}. Must be {@code https}, except that plain
         * {@code http} is accepted for a loopback host ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}), for
         * tests and local stand-ins.
         */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /** How long to wait for a TCP (and TLS) connection; default 5 seconds. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long one attempt waits for Twilio's answer; default 10 seconds. A timed-out attempt is not retried. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        /** How many times to try in all (1 to 5); default 3. Only 429, 5xx and connection failures are retried. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The wait before the first retry; default 250 ms. Each further retry doubles it, up to {@link #maxBackoff},
         * and each wait is drawn at random between half and all of that value.
         */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
            return this;
        }

        /**
         * The longest single wait between attempts, at most one minute; default 5 seconds. It also caps a
         * {@code Retry-After} from Twilio, so that a delivery never blocks its caller for long.
         */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
            return this;
        }

        /** How to wait between attempts; tests record instead of sleeping. */
        Builder waiter(Waiter waiter) {
            this.waiter = Objects.requireNonNull(waiter, "waiter");
            return this;
        }

        /** The clock used to read an HTTP-date {@code Retry-After}. */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The provider; throws {@link IllegalArgumentException} naming the first bad or missing setting. */
        public SmsOtpProvider build() {
            require(accountSid != null, "accountSid", "is required");
            require(SID.matcher(accountSid).matches(), "accountSid", "must be letters and digits (AC...)");
            require(authToken != null || apiKeySid != null, "authToken", "or apiKey is required");
            require(authToken == null || apiKeySid == null, "authToken", "and apiKey are exclusive: set one");
            if (authToken != null) {
                require(!authToken.isBlank(), "authToken", "must not be blank");
            } else {
                require(SID.matcher(apiKeySid).matches(), "apiKey", "key SID must be letters and digits (SK...)");
                require(!apiKeySecret.isBlank(), "apiKey", "secret must not be blank");
            }
            require(from != null || messagingServiceSid != null, "from", "or messagingServiceSid is required");
            require(from == null || messagingServiceSid == null, "from",
                    "and messagingServiceSid are exclusive: set one");
            if (from != null) {
                require(!from.isBlank(), "from", "must not be blank");
            } else {
                require(SID.matcher(messagingServiceSid).matches(), "messagingServiceSid",
                        "must be letters and digits (MG...)");
            }
            URI base = checkBaseUrl(baseUrl);
            requirePositive(connectTimeout, "connectTimeout");
            requirePositive(requestTimeout, "requestTimeout");
            require(maxAttempts >= 1 && maxAttempts <= 5, "maxAttempts", "must be between 1 and 5");
            requirePositive(maxBackoff, "maxBackoff");
            require(maxBackoff.compareTo(MAX_BACKOFF_LIMIT) <= 0, "maxBackoff", "must be at most " + MAX_BACKOFF_LIMIT);
            require(!initialBackoff.isNegative(), "initialBackoff", "must not be negative");
            require(initialBackoff.compareTo(maxBackoff) <= 0, "initialBackoff", "must not exceed maxBackoff");
            return authToken != null
                    ? new SmsOtpProvider(this, accountSid, authToken, base)
                    : new SmsOtpProvider(this, apiKeySid, apiKeySecret, base);
        }

        private static URI checkBaseUrl(URI uri) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            require(uri.isAbsolute() && uri.getHost() != null, "baseUrl", "must be an absolute URL with a host");
            require(uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null,
                    "baseUrl", "must not have a query, fragment or user info");
            require(scheme.equals("https") || scheme.equals("http") && LoopbackHosts.isLoopback(uri.getHost()),
                    "baseUrl", "must use https (plain http only for a loopback host)");
            String text = uri.toString();
            while (text.endsWith("/")) {
                text = text.substring(0, text.length() - 1);
            }
            return URI.create(text);
        }

        private static void requirePositive(Duration d, String name) {
            require(!d.isNegative() && !d.isZero(), name, "must be positive");
        }

        private static void require(boolean ok, String field, String problem) {
            if (!ok) {
                throw new IllegalArgumentException(field + " " + problem);
            }
        }
    }
}
