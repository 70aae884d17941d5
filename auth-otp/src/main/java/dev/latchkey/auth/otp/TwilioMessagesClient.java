package dev.latchkey.auth.otp;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.otp.internal.Backoff;
import dev.latchkey.auth.otp.internal.BoundedBodyHandler;
import dev.latchkey.auth.otp.internal.TwilioReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP side of {@link SmsOtpProvider}: posts one message form to Twilio's Messages endpoint, retries 429, 5xx and
 * failures to connect with backoff, and turns every failure into {@link AuthException#deliveryFailed} with the reason
 * {@link SmsOtpProvider} documents. Thread-safe; owns the {@link HttpClient} and its connection pool.
 */
final class TwilioMessagesClient {
    /** Logged under {@link SmsOtpProvider}, the class hosts configure logging for. */
    private static final Logger log = LoggerFactory.getLogger(SmsOtpProvider.class);
    private static final int MAX_REPLY_BYTES = 16 * 1024;
    private static final BoundedBodyHandler REPLY_HANDLER = new BoundedBodyHandler(MAX_REPLY_BYTES);

    private final URI endpoint;
    private final String authorization;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Waiter waiter;
    private final Clock clock;
    private final HttpClient client;

    /**
     * A client posting to {@code endpoint} with this {@code Authorization} header value; {@code clock} reads an
     * HTTP-date {@code Retry-After}, {@code waiter} waits between attempts.
     */
    TwilioMessagesClient(URI endpoint, String authorization, Duration connectTimeout, Duration requestTimeout,
                         int maxAttempts, Backoff backoff, Waiter waiter, Clock clock) {
        this.endpoint = endpoint;
        this.authorization = authorization;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.waiter = waiter;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Posts {@code form} (URL-encoded) until Twilio accepts it or a failure is not worth retrying; {@code to} is the
     * masked destination, the only trace of the message that logs and exception messages carry.
     */
    void post(String form, String to) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();

        for (int attempt = 1; ; attempt++) {
            Duration wait;
            try {
                HttpResponse<byte[]> response = send(request, to);
                int status = response.statusCode();
                TwilioReply reply = TwilioReply.parse(response.body());
                String errorCode = reply.errorCode().map(String::valueOf).orElse("none");
                if (status >= 200 && status < 300) {
                    log.debug("SMS to {} accepted by Twilio: HTTP {}, message {}", to, status,
                            reply.sid().orElse("(no sid)"));
                    return;
                }
                if (status != 429 && status < 500) {
                    throw AuthException.deliveryFailed(reply.failureReason(status), "Twilio refused the SMS to " + to
                            + ": HTTP " + status + ", Twilio error " + errorCode + helpLink(reply), null);
                }
                if (attempt >= maxAttempts) {
                    throw AuthException.deliveryFailed("unavailable", "Twilio did not take the SMS to " + to
                            + " in " + attempt + " attempt(s): last HTTP " + status + ", Twilio error " + errorCode,
                            null);
                }
                int retry = attempt;
                wait = status == 429 || status == 503
                        ? backoff.retryAfter(response.headers().firstValue("Retry-After"), clock.instant())
                                .orElseGet(() -> backoff.beforeRetry(retry))
                        : backoff.beforeRetry(retry);
                log.warn("SMS to {}: Twilio answered HTTP {} (error {}); retrying in {} ms (attempt {} of {})", to,
                        status, errorCode, wait.toMillis(), attempt + 1, maxAttempts);
            } catch (HttpConnectTimeoutException e) {
                if (attempt >= maxAttempts) {
                    throw AuthException.deliveryFailed("timeout", "could not connect to Twilio within "
                            + connectTimeout + " to send the SMS to " + to + " (" + attempt + " attempt(s))", e);
                }
                wait = backoff.beforeRetry(attempt);
                log.warn("SMS to {}: connecting to Twilio timed out; retrying in {} ms (attempt {} of {})", to,
                        wait.toMillis(), attempt + 1, maxAttempts);
            } catch (HttpTimeoutException e) {
                throw AuthException.deliveryFailed("timeout", "Twilio did not answer within " + requestTimeout
                        + " for the SMS to " + to + "; not retried, as it may have been accepted", e);
            } catch (ConnectException e) {
                if (attempt >= maxAttempts) {
                    throw AuthException.deliveryFailed("unavailable", "could not connect to Twilio to send the SMS to "
                            + to + " (" + attempt + " attempt(s))", e);
                }
                wait = backoff.beforeRetry(attempt);
                log.warn("SMS to {}: could not connect to Twilio; retrying in {} ms (attempt {} of {})", to,
                        wait.toMillis(), attempt + 1, maxAttempts);
            } catch (SSLHandshakeException e) {
                throw AuthException.deliveryFailed("rejected", "TLS with Twilio failed (untrusted certificate or"
                        + " name mismatch?) for the SMS to " + to, e);
            } catch (IOException e) {
                throw AuthException.deliveryFailed("unavailable", "the connection to Twilio failed while sending the"
                        + " SMS to " + to + "; not retried, as it may have been accepted", e);
            }
            pause(wait, to);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request, String to) throws IOException {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, REPLY_HANDLER);
        try {
            // The request timeout covers the wait for the status line and headers; this deadline also bounds a
            // server that stalls in the middle of the body.
            return future.get(connectTimeout.plus(requestTimeout).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw asIoException(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + connectTimeout.plus(requestTimeout));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw AuthException.deliveryFailed("unavailable", "interrupted while sending the SMS to " + to, e);
        }
    }

    private void pause(Duration wait, String to) {
        try {
            waiter.await(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AuthException.deliveryFailed("unavailable", "interrupted before retrying the SMS to " + to, e);
        }
    }

    /** The most specific I/O failure in the chain, so that timeouts and refused connections keep their type. */
    private static IOException asIoException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof ConnectException
                    || t instanceof SSLHandshakeException) {
                return (IOException) t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (failure instanceof IOException io) {
            return io;
        }
        return new IOException("HTTP exchange failed", failure);
    }

    private static String helpLink(TwilioReply reply) {
        return reply.errorCode().map(c -> " (see https://www.twilio.com/docs/errors/" + c + ")").orElse("");
    }
}
