package dev.latchkey.benchmarks.load;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example app's routes the load phases call, over {@code java.net.http} (HTTP/1.1, kept-alive connections), to
 * loopback instances only ({@link LoopbackOnly}).
 */
final class AppClient {
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6,10})\\b");

    /** One answer: its status and JSON body (empty for none or non-JSON). */
    record Reply(int status, Map<String, Object> json) {
        String string(String field) {
            Object v = json.get(field);
            return v instanceof String s ? s : null;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<URI> instances;

    AppClient(List<URI> instances) {
        this.instances = instances.stream().map(u -> LoopbackOnly.http(u.toString())).toList();
    }

    int instanceCount() {
        return instances.size();
    }

    Reply post(int instance, String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(instance, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply get(int instance, String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(instance, path)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b);
    }

    /** The newest code in instance {@code instance}'s mock outbox for {@code to}, or null. */
    String code(int instance, String to) throws IOException, InterruptedException {
        Reply r = get(instance, "/dev/outbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8), null);
        if (r.status() != 200 || !(r.json().get("messages") instanceof List<?> messages) || messages.isEmpty()
                || !(messages.get(0) instanceof Map<?, ?> newest) || !(newest.get("text") instanceof String text)) {
            return null;
        }
        Matcher m = CODE.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private URI uri(int instance, String path) {
        return instances.get(Math.floorMod(instance, instances.size())).resolve(path);
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Object> json = Map.of();
        String body = r.body();
        if (body != null && body.startsWith("{")) {
            try {
                json = JSONObjectUtils.parse(body);
            } catch (ParseException e) {
                json = Map.of();
            }
        }
        return new Reply(r.statusCode(), json);
    }
}
