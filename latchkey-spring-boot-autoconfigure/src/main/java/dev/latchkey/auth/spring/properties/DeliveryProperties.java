package dev.latchkey.auth.spring.properties;

import dev.latchkey.auth.otp.EmailOtpProvider;
import java.net.URI;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * How one-time codes are delivered ({@code latchkey.delivery.*}): SMTP for email and Twilio for SMS as configured;
 * while neither is, an in-memory mock that sends nothing and logs a loud warning at start-up.
 */
public class DeliveryProperties {
    /** Email by SMTP (auth-otp's EmailOtpProvider); on when the host is set. */
    @NestedConfigurationProperty
    private Smtp smtp = new Smtp();
    /** SMS by Twilio (auth-otp's SmsOtpProvider); on when the account SID is set. */
    @NestedConfigurationProperty
    private Twilio twilio = new Twilio();

    public Smtp getSmtp() {
        return smtp;
    }

    public void setSmtp(Smtp smtp) {
        this.smtp = smtp;
    }

    public Twilio getTwilio() {
        return twilio;
    }

    public void setTwilio(Twilio twilio) {
        this.twilio = twilio;
    }

    /** SMTP settings. */
    public static class Smtp {
        /** The SMTP server; setting it turns email delivery on. */
        private String host;
        /** The port; by default 587 with STARTTLS, 465 with IMPLICIT, 25 with NONE. */
        private Integer port;
        /**
         * How the connection is protected: STARTTLS_REQUIRED, IMPLICIT, or NONE (loopback relays only when a password
         * is set).
         */
        private EmailOtpProvider.TlsMode tls = EmailOtpProvider.TlsMode.STARTTLS_REQUIRED;
        /** The login, if the server wants one. */
        private String username;
        /** The password of the login. */
        private String password;
        /** The sender address; required with the host. */
        private String from;

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public Integer getPort() {
            return port;
        }

        public void setPort(Integer port) {
            this.port = port;
        }

        public EmailOtpProvider.TlsMode getTls() {
            return tls;
        }

        public void setTls(EmailOtpProvider.TlsMode tls) {
            this.tls = tls;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getFrom() {
            return from;
        }

        public void setFrom(String from) {
            this.from = from;
        }

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", tls=" + tls + ", username=" + username
                    + ", password=****, from=" + from + "]";
        }
    }

    /** Twilio settings. */
    public static class Twilio {
        /** The account SID (AC...); setting it turns SMS delivery on. */
        private String accountSid;
        /** The auth token of the account. */
        private String authToken;
        /** The sending number in E.164 (+15551234567). */
        private String from;
        /** The API's address; tests point it at a local server. */
        private URI baseUrl = URI.create("https://api.twilio.com");

        public String getAccountSid() {
            return accountSid;
        }

        public void setAccountSid(String accountSid) {
            this.accountSid = accountSid;
        }

        public String getAuthToken() {
            return authToken;
        }

        public void setAuthToken(String authToken) {
            this.authToken = authToken;
        }

        public String getFrom() {
            return from;
        }

        public void setFrom(String from) {
            this.from = from;
        }

        public URI getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
        }

        @Override
        public String toString() {
            return "Twilio[accountSid=" + accountSid + ", authToken=****, from=" + from + ", baseUrl=" + baseUrl + "]";
        }
    }
}
