package dev.latchkey.auth.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A small client for the example app over real HTTP ({@code java.net.http}). */
final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6,10})\\b");

    /** One HTTP answer. */
    record Reply(int status, HttpHeaders headers, byte[] bytes) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (status " + status + "): " + body(), e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        /** Asserts a problem answer with this status and code, and returns its JSON. */
        JsonNode problem(int expectedStatus, String code) {
            assertThat(status).as("status of %s", body()).isEqualTo(expectedStatus);
            assertThat(contentType()).startsWith("application/problem+json");
            JsonNode json = json();
            assertThat(json.path("code").asText()).as("code of %s", body()).isEqualTo(code);
            assertThat(json.path("status").asInt()).isEqualTo(expectedStatus);
            assertThat(json.path("title").asText()).isNotBlank();
            assertThat(json.path("type").asText()).isNotBlank();
            return json;
        }

        /** Asserts a JSON answer with this status, and returns its JSON. */
        JsonNode ok(int expectedStatus) {
            assertThat(status).as("status of %s", body()).isEqualTo(expectedStatus);
            assertThat(contentType()).startsWith("application/json");
            return json();
        }
    }

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Api(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    Reply get(String path) {
        return send("GET", path, null, null);
    }

    Reply get(String path, String accessToken) {
        return send("GET", path, null, accessToken);
    }

    Reply post(String path, String json) {
        return send("POST", path, json, null);
    }

    Reply post(String path, String json, String accessToken) {
        return send("POST", path, json, accessToken);
    }

    Reply patch(String path, String json, String accessToken) {
        return send("PATCH", path, json, accessToken);
    }

    Reply delete(String path, String json, String accessToken) {
        return send("DELETE", path, json, accessToken);
    }

    Reply send(String method, String path, String json, String accessToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (accessToken != null) {
            request.header("Authorization", accessToken.startsWith("Basic ") || accessToken.startsWith("Bearer")
                    ? accessToken : "Bearer " + accessToken);
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return send(request.build());
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    /** The mock outbox for a destination, newest first. */
    JsonNode outbox(String to) {
        return get("/dev/outbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8)).ok(200).path("messages");
    }

    /** The code in the newest outbox message to {@code to}. */
    String code(String to) {
        JsonNode messages = outbox(to);
        assertThat(messages).as("outbox of %s", to).isNotEmpty();
        return codeIn(messages.get(0).path("text").asText());
    }

    /** The one-time code in a message text. */
    static String codeIn(String text) {
        Matcher m = CODE.matcher(text);
        assertThat(m.find()).as("a code in %s", text.length()).isTrue();
        return m.group(1);
    }

    /** A JSON string literal. */
    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
