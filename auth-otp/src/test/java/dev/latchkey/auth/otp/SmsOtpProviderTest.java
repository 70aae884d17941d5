package dev.latchkey.auth.otp;

import dev.latchkey.auth.testkit.CapturedLogs;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.Contact;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link SmsOtpProvider} against a real HTTP server on 127.0.0.1 that plays Twilio. */
class SmsOtpProviderTest {
    private static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    private static final String AUTH_TOKEN = "tok3n-S3cr3t-9f8e7d6c5b4a";
    private static final String FROM = "+15005550006";
    private static final String TO = "+14155550123";
    private static final String CODE = "482913";
    private static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

    /** What the fake Twilio saw. */
    private record Seen(String method, String path, String authorization, String contentType,
                        Map<String, String> form) {
    }

    /** What the fake Twilio answers; {@code hang} never answers until the test ends. */
    private record Reply(int status, String body, Map<String, String> headers, boolean hang) {
        static Reply of(int status, String body) {
            return new Reply(status, body, Map.of(), false);
        }
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private ExecutorService executor;
    private HttpServer server;
    private URI baseUrl;

    @BeforeEach
    void startFakeTwilio() throws IOException {
        CapturedLogs.clear();
        executor = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopFakeTwilioAndCheckLogs() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
        String basic = Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(CapturedLogs.allText())
                .doesNotContain(AUTH_TOKEN)
                .doesNotContain(basic)
                .doesNotContain(CODE)
                .doesNotContain("Your Example code")
                .doesNotContain(TO);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), parseForm(body)));
            Reply reply;
            synchronized (replies) {
                reply = replies.size() > 1 ? replies.poll() : replies.peek();
            }
            if (reply == null || reply.hang()) {
                release.await(30, TimeUnit.SECONDS);
                return;
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private void answer(Reply... script) {
        synchronized (replies) {
            replies.addAll(List.of(script));
        }
    }

    private static String created() {
        return "{\"sid\": \"SM0123456789abcdef0123456789abcdef\", \"status\": \"queued\", \"to\": \"" + TO + "\"}";
    }

    private static String error(int code, int status) {
        return "{\"code\": " + code + ", \"message\": \"The 'To' number " + TO + " is not valid.\", \"more_info\": "
                + "\"https://www.twilio.com/docs/errors/" + code + "\", \"status\": " + status + "}";
    }

    private SmsOtpProvider.Builder provider() {
        return SmsOtpProvider.newBuilder()
                .accountSid(ACCOUNT_SID)
                .authToken(AUTH_TOKEN)
                .from(FROM)
                .baseUrl(baseUrl)
                .initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofSeconds(1))
                .waiter(waits::add)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static AuthException deliveryFailure(SmsOtpProvider sms) {
        AuthException e = catchThrowableOfType(AuthException.class, () -> sms.deliver(Messages.sms(TO, CODE)));
        assertThat(e).as("delivery should have failed").isNotNull();
        assertThat(e.code()).isEqualTo(AuthErrorCode.DELIVERY_FAILED);
        assertThat(e.getMessage()).doesNotContain(AUTH_TOKEN).doesNotContain(CODE).doesNotContain(TO)
                .doesNotContain("Your Example code");
        return e;
    }

    @Test
    void deliver_postsTwilioFormWithBasicAuth() {
        answer(Reply.of(201, created()));

        provider().build().deliver(Messages.sms(TO, CODE));

        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("POST");
            assertThat(s.path()).isEqualTo(MESSAGES_PATH);
            assertThat(s.authorization()).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
            assertThat(s.contentType()).startsWith("application/x-www-form-urlencoded");
            assertThat(s.form()).containsExactly(
                    Map.entry("To", TO),
                    Map.entry("From", FROM),
                    Map.entry("Body", "Your Example code is " + CODE + ". It expires in 5 minutes."));
        });
        assertThat(waits).isEmpty();
    }

    @Test
    void deliver_withMessagingServiceAndApiKey_sendsServiceSidAndKeyCredentials() {
        answer(Reply.of(201, created()));
        SmsOtpProvider sms = SmsOtpProvider.newBuilder()
                .accountSid(ACCOUNT_SID)
                .apiKey("SK0123456789abcdef0123456789abcdef", "key-secret-value")
                .messagingServiceSid("MG0123456789abcdef0123456789abcdef")
                .baseUrl(baseUrl)
                .build();

        sms.deliver(Messages.sms(TO, CODE));

        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo(MESSAGES_PATH);
            assertThat(s.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                    "SK0123456789abcdef0123456789abcdef:key-secret-value".getBytes(StandardCharsets.UTF_8)));
            assertThat(s.form()).containsOnlyKeys("To", "MessagingServiceSid", "Body")
                    .containsEntry("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {21211, 21614})
    void deliver_invalidToNumber_isInvalidDestination_notRetried(int twilioCode) {
        answer(Reply.of(400, error(twilioCode, 400)));

        AuthException e = deliveryFailure(provider().build());

        assertThat(e.reason()).contains("invalid_destination");
        assertThat(e.getMessage()).contains(String.valueOf(twilioCode)).contains("400");
        assertThat(seen).hasSize(1);
    }

    @Test
    void deliver_authenticationError_isCredentialsRejected_withoutLeakingToken() {
        answer(Reply.of(401, error(20003, 401)));

        AuthException e = deliveryFailure(provider().build());

        assertThat(e.reason()).contains("credentials_rejected");
        assertThat(e).hasMessageContaining("20003");
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(AUTH_TOKEN);
        }
        assertThat(seen).hasSize(1);
    }

    @Test
    void deliver_otherClientError_isRejected_notRetried() {
        answer(Reply.of(400, error(21408, 400)));

        AuthException e = deliveryFailure(provider().build());

        assertThat(e.reason()).contains("rejected");
        assertThat(seen).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void deliver_errorBodyThatIsNotJson_isRejected() {
        answer(Reply.of(404, "<html>not found</html>"));

        AuthException e = deliveryFailure(provider().build());

        assertThat(e.reason()).contains("rejected");
        assertThat(e).hasMessageContaining("404");
    }

    @Test
    void deliver_tooManyRequestsThenCreated_retriesOnceAndSucceeds() {
        answer(Reply.of(429, error(20429, 429)), Reply.of(201, created()));

        provider().build().deliver(Messages.sms(TO, CODE));

        assertThat(seen).hasSize(2);
        assertThat(waits).singleElement()
                .satisfies(w -> assertThat(w).isBetween(Duration.ofMillis(50), Duration.ofMillis(100)));
    }

    @Test
    void deliver_tooManyRequests_waitsForRetryAfterSeconds() {
        answer(new Reply(429, error(20429, 429), Map.of("Retry-After", "1"), false), Reply.of(201, created()));

        provider().maxBackoff(Duration.ofSeconds(3)).build().deliver(Messages.sms(TO, CODE));

        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void deliver_tooManyRequests_readsRetryAfterDate() {
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.ofInstant(NOW.plusSeconds(2), ZoneOffset.UTC));
        answer(new Reply(429, error(20429, 429), Map.of("Retry-After", inTwoSeconds), false),
                Reply.of(201, created()));

        provider().maxBackoff(Duration.ofSeconds(3)).build().deliver(Messages.sms(TO, CODE));

        assertThat(waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void deliver_tooManyRequests_capsLongRetryAfterAtMaxBackoff() {
        answer(new Reply(429, error(20429, 429), Map.of("Retry-After", "3600"), false), Reply.of(201, created()));

        provider().maxBackoff(Duration.ofSeconds(2)).build().deliver(Messages.sms(TO, CODE));

        assertThat(waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void deliver_serverErrorEveryTime_givesUpAfterMaxAttemptsAsUnavailable() {
        answer(Reply.of(500, "{\"code\": 20500, \"status\": 500}"));

        AuthException e = deliveryFailure(provider().maxAttempts(4).build());

        assertThat(e.reason()).contains("unavailable");
        assertThat(seen).hasSize(4);
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(CapturedLogs.latchkeyLines()).hasSize(3)
                .allSatisfy(l -> assertThat(l.text()).contains("500")
                        .contains(Contact.mask(Contact.Kind.PHONE, TO)));
    }

    @Test
    void deliver_serverErrorWithDefaultAttempts_triesThreeTimes() {
        answer(Reply.of(503, ""));

        AuthException e = deliveryFailure(provider().build());

        assertThat(e.reason()).contains("unavailable");
        assertThat(seen).hasSize(3);
    }

    @Test
    void deliver_singleAttempt_doesNotRetry() {
        answer(Reply.of(502, ""), Reply.of(201, created()));

        AuthException e = deliveryFailure(provider().maxAttempts(1).build());

        assertThat(e.reason()).contains("unavailable");
        assertThat(seen).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void deliver_serverThatNeverAnswers_timesOutWithoutRetry() {
        answer(new Reply(0, "", Map.of(), true));

        long started = System.nanoTime();
        AuthException e = deliveryFailure(provider().requestTimeout(Duration.ofMillis(300)).build());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(e.reason()).contains("timeout");
        assertThat(seen).hasSize(1);
        assertThat(waits).isEmpty();
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void deliver_connectionRefused_retriesThenUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SmsOtpProvider sms = provider().baseUrl(URI.create("http://127.0.0.1:" + closedPort)).build();

        AuthException e = deliveryFailure(sms);

        assertThat(e.reason()).contains("unavailable");
        assertThat(waits).hasSize(2);
    }

    @Test
    void deliver_toServerWithUntrustedCertificate_isRejectedBeforeSendingAnything() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("test-only-smtps-localhost.p12")) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        https.setExecutor(executor);
        https.createContext("/", this::handle);
        https.start();
        try {
            answer(Reply.of(201, created()));
            SmsOtpProvider sms = provider()
                    .baseUrl(URI.create("https://localhost:" + https.getAddress().getPort()))
                    .build();

            AuthException e = deliveryFailure(sms);

            assertThat(e.reason()).contains("rejected");
            assertThat(seen).isEmpty();
            assertThat(waits).isEmpty();
        } finally {
            https.stop(0);
        }
    }

    @Test
    void deliver_emailMessage_isUnsupportedChannel_andSendsNothing() {
        SmsOtpProvider sms = provider().build();

        assertThatThrownBy(() -> sms.deliver(Messages.email("ann@example.com", CODE)))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.reason()).contains("unsupported_channel"));
        assertThat(seen).isEmpty();
        assertThat(sms.supports(Contact.Kind.PHONE)).isTrue();
        assertThat(sms.supports(Contact.Kind.EMAIL)).isFalse();
    }

    @Test
    void toString_showsNoCredential() {
        String shown = provider().build().toString();

        assertThat(shown).doesNotContain(AUTH_TOKEN).doesNotContain(ACCOUNT_SID).contains(FROM).contains("AC***");
    }

    @Test
    void build_requiresAccountCredentialAndSender() {
        assertThatThrownBy(() -> SmsOtpProvider.newBuilder().authToken(AUTH_TOKEN).from(FROM).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("accountSid");
        assertThatThrownBy(() -> SmsOtpProvider.newBuilder().accountSid(ACCOUNT_SID).from(FROM).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("authToken");
        assertThatThrownBy(() -> SmsOtpProvider.newBuilder().accountSid(ACCOUNT_SID).authToken(AUTH_TOKEN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("from");
    }

    @Test
    void build_rejectsBothSenders() {
        assertThatThrownBy(() -> provider().messagingServiceSid("MG0123").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from and messagingServiceSid are exclusive");
    }

    @Test
    void build_rejectsBothCredentials() {
        assertThatThrownBy(() -> provider().apiKey("SK0123", "secret").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("authToken");
    }

    @Test
    void build_rejectsAccountSidThatIsNotAPathSegment() {
        assertThatThrownBy(() -> provider().accountSid("AC12/../x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("accountSid");
    }

    @Test
    void build_rejectsMaxAttemptsOutsideOneToFive() {
        assertThatThrownBy(() -> provider().maxAttempts(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxAttempts");
        assertThatThrownBy(() -> provider().maxAttempts(6).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxAttempts");
    }

    @Test
    void build_rejectsPlainHttpToRemoteHost() {
        assertThatThrownBy(() -> provider().baseUrl(URI.create("http://api.twilio.com")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("baseUrl");
    }

    @Test
    void build_rejectsNonPositiveTimeoutsAndBackoffAboveMax() {
        assertThatThrownBy(() -> provider().requestTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("requestTimeout");
        assertThatThrownBy(() -> provider().connectTimeout(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("connectTimeout");
        assertThatThrownBy(() -> provider().initialBackoff(Duration.ofSeconds(2)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("initialBackoff");
    }
}
