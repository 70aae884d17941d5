package dev.latchkey.auth.otp;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.OtpMessage;
import dev.latchkey.auth.OtpProvider;
import dev.latchkey.auth.otp.internal.LoopbackHosts;
import dev.latchkey.auth.otp.internal.SmtpFailures;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLSocketFactory;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Sends one-time codes by email over SMTP with Jakarta Mail (Eclipse Angus).
 *
 * <p>Each message goes to the destination as {@code multipart/alternative} with {@link OtpMessage#text()} as
 * {@code text/plain} and {@link OtpMessage#html()} as {@code text/html} (UTF-8), or as plain text alone when there
 * is no HTML; the subject is {@link OtpMessage#subject()}. The connection is encrypted by default (STARTTLS, required)
 * and the server's certificate and host name are checked. Each delivery opens its own connection, so the provider
 * is thread-safe; it uses its own mail {@link Session}, never the JVM-wide default one.
 *
 * <p>Failures are {@link AuthException#deliveryFailed(String, String, Throwable)} with one of these reasons:
 * {@code credentials_rejected} (the login was refused), {@code invalid_destination} (the address does not parse or
 * the server refused the recipient permanently), {@code timeout} (connect, read or write timed out),
 * {@code unavailable} (the server could not be reached, dropped the connection or answered 4xx "try later"),
 * {@code rejected} (TLS failure, missing STARTTLS, a permanent refusal of the sender or message, anything else) and
 * {@code unsupported_channel} (a phone message). Nothing is retried.
 *
 * <p>The password and the message texts never appear in logs, exception messages or {@link #toString()}. Mail
 * debugging ({@code mail.debug}, including the traces of the login) is switched off. Do not raise the
 * {@code java.util.logging} logger {@code jakarta.mail} to {@code FINEST}: at that level Angus traces the SMTP
 * conversation, message included.
 */
public final class EmailOtpProvider implements OtpProvider {
    private static final Logger log = LoggerFactory.getLogger(EmailOtpProvider.class);

    /** How the connection to the SMTP server is protected. */
    public enum TlsMode {
        /**
         * No encryption: everything, codes included, crosses the network in clear. Only for a relay on the same host
         * or a trusted private network; credentials are refused with this mode unless the host is a loopback address.
         * Default port 25.
         */
        NONE,
        /**
         * Connect in clear, then upgrade with STARTTLS, and fail if the server does not offer it (no silent fallback
         * to clear text). Default port 587 (submission). The default mode.
         */
        STARTTLS_REQUIRED,
        /** TLS from the first byte ("SMTPS", RFC 8314 implicit TLS). Default port 465. */
        IMPLICIT
    }

    private final String host;
    private final int port;
    private final TlsMode tls;
    private final String username;
    private final String password;
    private final InternetAddress from;
    private final Clock clock;
    private final Session session;

    private EmailOtpProvider(Builder b, int port, InternetAddress from) {
        this.host = b.host;
        this.port = port;
        this.tls = b.tls;
        this.username = b.username;
        this.password = b.password;
        this.from = from;
        this.clock = b.clock;
        this.session = Session.getInstance(properties(b, port, from));
    }

    /** A builder; {@link Builder#host} and {@link Builder#from} are required. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * Sends the message to its email destination over one new SMTP connection.
     *
     * @throws AuthException {@link dev.latchkey.auth.AuthErrorCode#DELIVERY_FAILED} with the reasons listed in the
     *                       class description
     */
    @Override
    public void deliver(OtpMessage message) {
        Objects.requireNonNull(message, "message");
        if (message.channel() != Contact.Kind.EMAIL) {
            throw AuthException.deliveryFailed("unsupported_channel",
                    "EmailOtpProvider delivers only to email addresses, not " + message.channel(), null);
        }
        String to = Contact.mask(Contact.Kind.EMAIL, message.destination());
        InternetAddress recipient = recipient(message.destination(), to);
        try {
            MimeMessage mime = render(message, recipient);
            if (username != null) {
                Transport.send(mime, username, password);
            } else {
                Transport.send(mime);
            }
        } catch (MessagingException e) {
            String reason = SmtpFailures.reason(e);
            throw AuthException.deliveryFailed(reason, "email to " + to + " via " + host + ":" + port + " failed ("
                    + reason + ")", e);
        }
        log.debug("email to {} handed to {}:{}", to, host, port);
    }

    /** True for {@link Contact.Kind#EMAIL} only. */
    @Override
    public boolean supports(Contact.Kind channel) {
        return Objects.requireNonNull(channel, "channel") == Contact.Kind.EMAIL;
    }

    /** Server, port, TLS mode, whether it logs in, and the sender; never the credentials. */
    @Override
    public String toString() {
        return "EmailOtpProvider[host=" + host + ", port=" + port + ", tls=" + tls + ", login="
                + (username != null) + ", from=" + from.getAddress() + "]";
    }

    private static InternetAddress recipient(String destination, String masked) {
        try {
            InternetAddress address = new InternetAddress(destination, true);
            address.validate();
            if (!address.getAddress().equals(destination) || address.isGroup()) {
                throw new AddressException("not a bare address");
            }
            return address;
        } catch (AddressException e) {
            throw AuthException.deliveryFailed("invalid_destination", "not a valid email address: " + masked, e);
        }
    }

    private MimeMessage render(OtpMessage message, InternetAddress recipient) throws MessagingException {
        MimeMessage mime = new MimeMessage(session);
        mime.setFrom(from);
        mime.setRecipient(Message.RecipientType.TO, recipient);
        Optional<String> subject = message.subject();
        if (subject.isPresent()) {
            mime.setSubject(oneLine(subject.get()), "UTF-8");
        }
        mime.setSentDate(Date.from(clock.instant()));
        // RFC 3834: keeps vacation responders and the like from answering a code.
        mime.setHeader("Auto-Submitted", "auto-generated");
        Optional<String> html = message.html();
        if (html.isPresent()) {
            MimeBodyPart textPart = new MimeBodyPart();
            textPart.setText(message.text(), "UTF-8", "plain");
            MimeBodyPart htmlPart = new MimeBodyPart();
            htmlPart.setText(html.get(), "UTF-8", "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(textPart);
            alternative.addBodyPart(htmlPart);
            mime.setContent(alternative);
        } else {
            mime.setText(message.text(), "UTF-8", "plain");
        }
        return mime;
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }

    private static Properties properties(Builder b, int port, InternetAddress from) {
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.host", b.host);
        p.setProperty("mail.from", from.getAddress());
        p.setProperty("mail.smtp.host", b.host);
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.from", from.getAddress());
        p.setProperty("mail.smtp.connectiontimeout", Long.toString(b.connectTimeout.toMillis()));
        p.setProperty("mail.smtp.timeout", Long.toString(b.timeout.toMillis()));
        p.setProperty("mail.smtp.writetimeout", Long.toString(b.writeTimeout.toMillis()));
        p.setProperty("mail.smtp.auth", Boolean.toString(b.username != null));
        // Never trace the conversation or the login, even if someone sets mail.debug elsewhere.
        p.setProperty("mail.debug", "false");
        p.setProperty("mail.debug.auth", "false");
        p.setProperty("mail.debug.auth.username", "false");
        p.setProperty("mail.debug.auth.password", "false");
        switch (b.tls) {
            case NONE -> {
                p.setProperty("mail.smtp.starttls.enable", "false");
                p.setProperty("mail.smtp.ssl.enable", "false");
            }
            case STARTTLS_REQUIRED -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.enable", "false");
            }
            case IMPLICIT -> p.setProperty("mail.smtp.ssl.enable", "true");
        }
        if (b.tls != TlsMode.NONE) {
            p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            p.setProperty("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
            if (b.sslSocketFactory != null) {
                p.put("mail.smtp.ssl.socketFactory", b.sslSocketFactory);
            }
            // If the configured factory fails (untrusted certificate, wrong name), report that failure instead of
            // quietly trying again with the JVM's default factory.
            p.setProperty("mail.smtp.socketFactory.fallback", "false");
        }
        return p;
    }

    /**
     * Builds an {@link EmailOtpProvider}. {@link #build()} rejects anything missing, contradictory or out of range
     * with an {@link IllegalArgumentException} naming the setting.
     */
    public static final class Builder {
        private String host;
        private Integer port;
        private TlsMode tls = TlsMode.STARTTLS_REQUIRED;
        private String username;
        private String password;
        private String fromAddress;
        private String fromName;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration timeout = Duration.ofSeconds(10);
        private Duration writeTimeout = Duration.ofSeconds(10);
        private SSLSocketFactory sslSocketFactory;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The SMTP server's host name; required. With TLS it must match the server's certificate. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The SMTP port (1 to 65535); default 587 for STARTTLS_REQUIRED, 465 for IMPLICIT, 25 for NONE. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** How the connection is protected; default {@link TlsMode#STARTTLS_REQUIRED}. */
        public Builder tls(TlsMode tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** The SMTP login name; set together with {@link #password}, or neither for a server without login. */
        public Builder username(String username) {
            this.username = Objects.requireNonNull(username, "username");
            return this;
        }

        /** The SMTP password (or API key); set together with {@link #username}. Never logged. */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The sender address, without a display name; required (or use {@link #from(String, String)}). */
        public Builder from(String address) {
            this.fromAddress = Objects.requireNonNull(address, "address");
            this.fromName = null;
            return this;
        }

        /** The sender address and the display name shown to recipients, such as {@code "Example Sign-in"}. */
        public Builder from(String address, String personalName) {
            this.fromAddress = Objects.requireNonNull(address, "address");
            this.fromName = Objects.requireNonNull(personalName, "personalName");
            return this;
        }

        /** How long to wait for the TCP connection; default 10 seconds. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long to wait for each server reply (socket read timeout); default 10 seconds. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long one write to the server may block; default 10 seconds. */
        public Builder writeTimeout(Duration writeTimeout) {
            this.writeTimeout = Objects.requireNonNull(writeTimeout, "writeTimeout");
            return this;
        }

        /**
         * The factory for TLS sockets, for a server whose certificate the JVM's default trust store does not
         * cover (a private CA, a test server); default the JVM's. The server's host name is still checked against the
         * certificate.
         */
        public Builder sslSocketFactory(SSLSocketFactory sslSocketFactory) {
            this.sslSocketFactory = Objects.requireNonNull(sslSocketFactory, "sslSocketFactory");
            return this;
        }

        /** The clock for the {@code Date} header. */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The provider; throws {@link IllegalArgumentException} naming the first bad or missing setting. */
        public EmailOtpProvider build() {
            require(host != null && !host.isBlank(), "host", "is required");
            require(host.strip().equals(host) && host.chars().noneMatch(Character::isISOControl), "host",
                    "must be a bare host name");
            int effectivePort = port != null ? port : switch (tls) {
                case NONE -> 25;
                case STARTTLS_REQUIRED -> 587;
                case IMPLICIT -> 465;
            };
            require(effectivePort >= 1 && effectivePort <= 65535, "port", "must be between 1 and 65535");
            require((username == null) == (password == null), username == null ? "username" : "password",
                    "is required when " + (username == null ? "password" : "username") + " is set");
            if (username != null) {
                require(!username.isEmpty(), "username", "must not be empty");
                require(tls != TlsMode.NONE || LoopbackHosts.isLoopback(host), "password",
                        "would cross the network in clear with TlsMode.NONE; use STARTTLS_REQUIRED or IMPLICIT");
            }
            require(sslSocketFactory == null || tls != TlsMode.NONE, "sslSocketFactory",
                    "has no effect with TlsMode.NONE");
            require(fromAddress != null, "from", "is required");
            InternetAddress sender;
            try {
                sender = new InternetAddress(fromAddress, true);
                sender.validate();
                require(sender.getAddress().equals(fromAddress), "from", "must be a bare address like a@example.com");
                if (fromName != null) {
                    sender = new InternetAddress(fromAddress, fromName, "UTF-8");
                }
            } catch (AddressException | UnsupportedEncodingException e) {
                throw new IllegalArgumentException("from is not a valid email address", e);
            }
            requirePositive(connectTimeout, "connectTimeout");
            requirePositive(timeout, "timeout");
            requirePositive(writeTimeout, "writeTimeout");
            return new EmailOtpProvider(this, effectivePort, sender);
        }

        private static void requirePositive(Duration d, String name) {
            require(!d.isNegative() && d.toMillis() >= 1 && d.toMillis() <= Integer.MAX_VALUE, name,
                    "must be between 1 ms and 24 days");
        }

        private static void require(boolean ok, String field, String problem) {
            if (!ok) {
                throw new IllegalArgumentException(field + " " + problem);
            }
        }
    }
}
