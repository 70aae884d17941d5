package dev.latchkey.auth.otp;

import dev.latchkey.auth.testkit.CapturedLogs;
import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.OtpMessage;
import dev.latchkey.auth.OtpPurpose;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link EmailOtpProvider} against GreenMail: SMTPS with a login, plain SMTP, and the ways a send can fail.
 *
 * <p>GreenMail serves a test-only certificate for {@code localhost} (and only that name), which the tests trust
 * through {@link EmailOtpProvider.Builder#sslSocketFactory}; the JVM's trust store does not know it.
 */
class EmailOtpProviderTest {
    private static final String KEYSTORE = "test-only-smtps-localhost.p12";
    private static final char[] KEYSTORE_PASSWORD = "changeit".toCharArray();
    private static final String LOGIN = "otp-sender";
    private static final String PASSWORD = "Smtp-Pa55word-7c1e";
    private static final String FROM = "no-reply@example.com";
    private static final String TO = "ann@example.org";
    private static final String CODE = "305729";

    private static SSLSocketFactory trustingTestCertificate;

    private GreenMail greenMail;

    @BeforeAll
    static void serveTestCertificate() throws Exception {
        Path keystore = Path.of(EmailOtpProviderTest.class.getClassLoader().getResource(KEYSTORE).toURI());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, keystore.toString());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, "changeit");
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY, "changeit");

        KeyStore serverKeys = KeyStore.getInstance("PKCS12");
        try (InputStream in = EmailOtpProviderTest.class.getClassLoader().getResourceAsStream(KEYSTORE)) {
            serverKeys.load(in, KEYSTORE_PASSWORD);
        }
        Certificate certificate = serverKeys.getCertificate("greenmail");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("greenmail-test", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        trustingTestCertificate = context.getSocketFactory();
    }

    @BeforeEach
    void startGreenMail() {
        CapturedLogs.clear();
        greenMail = new GreenMail(new ServerSetup[]{
                ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()});
        greenMail.start();
        greenMail.setUser(FROM, LOGIN, PASSWORD);
    }

    @AfterEach
    void stopGreenMailAndCheckLogs() {
        greenMail.stop();
        assertThat(CapturedLogs.latchkeyLines()).allSatisfy(line -> assertThat(line.text())
                .doesNotContain(PASSWORD).doesNotContain(CODE).doesNotContain(TO).doesNotContain("Your code is"));
    }

    private EmailOtpProvider.Builder smtps() {
        return EmailOtpProvider.newBuilder()
                .host("localhost")
                .port(greenMail.getSmtps().getPort())
                .tls(EmailOtpProvider.TlsMode.IMPLICIT)
                .sslSocketFactory(trustingTestCertificate)
                .username(LOGIN)
                .password(PASSWORD)
                .from(FROM, "Example Sign-in")
                .connectTimeout(Duration.ofSeconds(5))
                .timeout(Duration.ofSeconds(5))
                .writeTimeout(Duration.ofSeconds(5));
    }

    private EmailOtpProvider.Builder plainSmtp() {
        return EmailOtpProvider.newBuilder()
                .host("127.0.0.1")
                .port(greenMail.getSmtp().getPort())
                .tls(EmailOtpProvider.TlsMode.NONE)
                .from(FROM);
    }

    private static AuthException deliveryFailure(EmailOtpProvider email, OtpMessage message) {
        AuthException e = catchThrowableOfType(AuthException.class, () -> email.deliver(message));
        assertThat(e).as("delivery should have failed").isNotNull();
        assertThat(e.code()).isEqualTo(AuthErrorCode.DELIVERY_FAILED);
        assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain(CODE).doesNotContain(TO);
        return e;
    }

    private MimeMessage onlyReceivedMessage() {
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    @Test
    void deliver_overSmtpsWithLogin_sendsMultipartAlternative() throws Exception {
        smtps().build().deliver(Messages.email(TO, CODE));

        MimeMessage received = onlyReceivedMessage();
        assertThat(received.getSubject()).isEqualTo("Your Example code: " + CODE);
        Address[] from = received.getFrom();
        assertThat(from).singleElement().isInstanceOfSatisfying(InternetAddress.class, a -> {
            assertThat(a.getAddress()).isEqualTo(FROM);
            assertThat(a.getPersonal()).isEqualTo("Example Sign-in");
        });
        assertThat(received.getRecipients(Message.RecipientType.TO)).extracting(Address::toString)
                .containsExactly(TO);
        assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(received.isMimeType("multipart/alternative")).isTrue();
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart text = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertThat(text.isMimeType("text/plain")).isTrue();
        assertThat(text.getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat((String) text.getContent()).contains(CODE);
        assertThat(html.isMimeType("text/html")).isTrue();
        assertThat((String) html.getContent()).contains("<b>" + CODE + "</b>");
    }

    @Test
    void deliver_keepsNonAsciiTextIntact() throws Exception {
        OtpMessage message = OtpMessage.newBuilder()
                .to(Contact.Kind.EMAIL, TO)
                .purpose(OtpPurpose.LOGIN)
                .code(CODE, Duration.ofMinutes(5))
                .subject("Votre code de connexion – Überprüfung")
                .text("Votre code est " + CODE + ". Ça expire bientôt. 🔐")
                .html("<p>Votre code est " + CODE + ". Ça expire bientôt. 🔐</p>")
                .build();

        smtps().build().deliver(message);

        MimeMessage received = onlyReceivedMessage();
        assertThat(received.getSubject()).isEqualTo("Votre code de connexion – Überprüfung");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Ça expire bientôt. 🔐");
    }

    @Test
    void deliver_withWrongPassword_isCredentialsRejected() {
        EmailOtpProvider email = smtps().password("not-the-password").build();

        AuthException e = deliveryFailure(email, Messages.email(TO, CODE));

        assertThat(e.reason()).contains("credentials_rejected");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void deliver_overPlainSmtp_sendsTextOnlyMessageWithoutHtml() throws Exception {
        OtpMessage textOnly = OtpMessage.newBuilder()
                .to(Contact.Kind.EMAIL, TO)
                .purpose(OtpPurpose.RESET_PASSWORD)
                .code(CODE, Duration.ofMinutes(5))
                .subject("Reset your password")
                .text("Your code is " + CODE + ".")
                .build();

        plainSmtp().build().deliver(textOnly);

        MimeMessage received = onlyReceivedMessage();
        assertThat(received.getSubject()).isEqualTo("Reset your password");
        assertThat(received.isMimeType("text/plain")).isTrue();
        assertThat((String) received.getContent()).contains(CODE);
    }

    @Test
    void deliver_overPlainSmtp_sendsMultipartWhenHtmlGiven() throws Exception {
        plainSmtp().build().deliver(Messages.email(TO, CODE));

        MimeMessage received = onlyReceivedMessage();
        assertThat(received.isMimeType("multipart/alternative")).isTrue();
    }

    @Test
    void deliver_subjectWithLineBreaks_cannotInjectHeaders() throws Exception {
        OtpMessage message = OtpMessage.newBuilder()
                .to(Contact.Kind.EMAIL, TO)
                .purpose(OtpPurpose.LOGIN)
                .code(CODE, Duration.ofMinutes(5))
                .subject("Your code\r\nBcc: victim@example.net")
                .text("Your code is " + CODE + ".")
                .build();

        plainSmtp().build().deliver(message);

        MimeMessage received = onlyReceivedMessage();
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(received.getAllRecipients()).extracting(Address::toString).containsExactly(TO);
        assertThat(received.getSubject()).isEqualTo("Your code Bcc: victim@example.net");
    }

    @Test
    void deliver_toServerWhoseCertificateNamesAnotherHost_isRejected() {
        // The certificate is for "localhost" only: connecting by IP address must fail the server identity check.
        EmailOtpProvider email = smtps().host("127.0.0.1").build();

        AuthException e = deliveryFailure(email, Messages.email(TO, CODE));

        assertThat(e.reason()).contains("rejected");
        assertThat(e).hasRootCauseInstanceOf(CertificateException.class)
                .rootCause().hasMessageContaining("127.0.0.1");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void deliver_toServerWithUntrustedCertificate_isRejected() {
        EmailOtpProvider email = EmailOtpProvider.newBuilder()
                .host("localhost")
                .port(greenMail.getSmtps().getPort())
                .tls(EmailOtpProvider.TlsMode.IMPLICIT)
                .username(LOGIN)
                .password(PASSWORD)
                .from(FROM)
                .build();

        AuthException e = deliveryFailure(email, Messages.email(TO, CODE));

        assertThat(e.reason()).contains("rejected");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void deliver_startTlsRequired_toServerWithoutStartTls_isRejectedAndSendsNothing() {
        EmailOtpProvider email = EmailOtpProvider.newBuilder()
                .host("localhost")
                .port(greenMail.getSmtp().getPort())
                .username(LOGIN)
                .password(PASSWORD)
                .from(FROM)
                .build();

        AuthException e = deliveryFailure(email, Messages.email(TO, CODE));

        assertThat(e.reason()).contains("rejected");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void deliver_invalidAddress_isInvalidDestination() {
        AuthException e = deliveryFailure(plainSmtp().build(), Messages.email("ann@@example..org", CODE));

        assertThat(e.reason()).contains("invalid_destination");
    }

    @Test
    void deliver_addressWithDisplayName_isInvalidDestination() {
        AuthException e = deliveryFailure(plainSmtp().build(), Messages.email("Ann <ann@example.org>", CODE));

        assertThat(e.reason()).contains("invalid_destination");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void deliver_serverThatNeverGreets_timesOut() throws Exception {
        // The kernel completes the TCP handshake from the backlog; nobody ever writes the SMTP greeting.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            EmailOtpProvider email = EmailOtpProvider.newBuilder()
                    .host("127.0.0.1")
                    .port(silent.getLocalPort())
                    .tls(EmailOtpProvider.TlsMode.NONE)
                    .from(FROM)
                    .timeout(Duration.ofMillis(300))
                    .build();

            AuthException e = deliveryFailure(email, Messages.email(TO, CODE));

            assertThat(e.reason()).contains("timeout");
        }
    }

    @Test
    void deliver_connectionRefused_isUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        EmailOtpProvider email = plainSmtp().port(closedPort).build();

        AuthException e = deliveryFailure(email, Messages.email(TO, CODE));

        assertThat(e.reason()).contains("unavailable");
    }

    @Test
    void deliver_phoneMessage_isUnsupportedChannel() {
        EmailOtpProvider email = plainSmtp().build();

        assertThatThrownBy(() -> email.deliver(Messages.sms("+14155550123", CODE)))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.reason()).contains("unsupported_channel"));
        assertThat(email.supports(Contact.Kind.EMAIL)).isTrue();
        assertThat(email.supports(Contact.Kind.PHONE)).isFalse();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void toString_showsNoCredentials() {
        String shown = smtps().build().toString();

        assertThat(shown).doesNotContain(PASSWORD).doesNotContain(LOGIN).contains("IMPLICIT").contains("login=true");
    }

    @Test
    void build_defaultsToStartTlsOnSubmissionPort() {
        String shown = EmailOtpProvider.newBuilder().host("smtp.example.com").from(FROM).build().toString();

        assertThat(shown).contains("tls=STARTTLS_REQUIRED").contains("port=587");
    }

    @Test
    void build_defaultPortFollowsTlsMode() {
        assertThat(EmailOtpProvider.newBuilder().host("smtp.example.com").from(FROM)
                .tls(EmailOtpProvider.TlsMode.IMPLICIT).build().toString()).contains("port=465");
        assertThat(EmailOtpProvider.newBuilder().host("smtp.example.com").from(FROM)
                .tls(EmailOtpProvider.TlsMode.NONE).build().toString()).contains("port=25");
    }

    @Test
    void build_requiresUsernameAndPasswordTogether() {
        assertThatThrownBy(() -> EmailOtpProvider.newBuilder().host("smtp.example.com").from(FROM)
                .username(LOGIN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("password");
        assertThatThrownBy(() -> EmailOtpProvider.newBuilder().host("smtp.example.com").from(FROM)
                .password(PASSWORD).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("username")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void build_refusesCredentialsInClearToRemoteHost() {
        assertThatThrownBy(() -> EmailOtpProvider.newBuilder().host("smtp.example.com").from(FROM)
                .tls(EmailOtpProvider.TlsMode.NONE).username(LOGIN).password(PASSWORD).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("password")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void build_requiresHostAndValidFrom() {
        assertThatThrownBy(() -> EmailOtpProvider.newBuilder().from(FROM).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("host");
        assertThatThrownBy(() -> EmailOtpProvider.newBuilder().host("smtp.example.com").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("from");
        assertThatThrownBy(() -> EmailOtpProvider.newBuilder().host("smtp.example.com").from("not an address")
                .build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("from");
    }

    @Test
    void build_rejectsBadPortAndTimeouts() {
        assertThatThrownBy(() -> plainSmtp().port(70_000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("port");
        assertThatThrownBy(() -> plainSmtp().timeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("timeout");
        assertThatThrownBy(() -> plainSmtp().connectTimeout(Duration.ofNanos(10)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("connectTimeout");
    }
}
