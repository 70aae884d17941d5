package dev.latchkey.auth.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static dev.latchkey.auth.example.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/** With AUTH_TWILIO_* set, SMS codes go to Twilio's REST API (a local stand-in here) and the flow completes. */
class TwilioDeliveryTest {
    private static final String SID = "AC00000000000000000000000000000001";
    private static final String TOKEN = "test-auth-token";

    /** One request the stand-in received. */
    record Received(String path, String authorization, Map<String, String> form) {
    }

    @TempDir
    Path dataDir;

    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private HttpServer twilio;
    private ExampleApp app;
    private Api api;

    @BeforeEach
    void start() throws IOException {
        twilio = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        twilio.createContext("/2010-04-01/Accounts/", this::messages);
        twilio.start();
        Map<String, String> env = Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_MASTER_KEY", Base64.getEncoder().encodeToString("example-app test master key, 32B".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                "AUTH_DB_URL", "jdbc:h2:mem:sms-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "AUTH_TWILIO_ACCOUNT_SID", SID,
                "AUTH_TWILIO_AUTH_TOKEN", TOKEN,
                "AUTH_TWILIO_FROM", "+15005550006",
                "AUTH_TWILIO_BASE_URL", "http://127.0.0.1:" + twilio.getAddress().getPort());
        app = ExampleApp.start(Settings.fromEnvironment(env));
        api = new Api(app.port());
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        twilio.stop(0);
    }

    @Test
    void loginCode_arrivesAtTwilio_andLogsIn() {
        String phone = "+14155552671";

        api.post("/api/auth/otp/send", "{\"phone\":" + quote(phone) + "}").ok(202);

        assertThat(received).hasSize(1);
        Received sms = received.peek();
        assertThat(sms.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
        assertThat(sms.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN)
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(sms.form()).containsEntry("To", phone).containsEntry("From", "+15005550006");
        JsonNode tokens = api.post("/api/auth/otp/verify", "{\"phone\":" + quote(phone) + ",\"code\":"
                + quote(Api.codeIn(sms.form().get("Body"))) + "}").ok(200);
        EndToEndContract.assertTokenResponse(tokens);
        assertThat(tokens.path("user").path("phone").asText()).isEqualTo(phone);
        api.get("/dev/outbox?to=" + phone.replace("+", "%2B")).problem(404, "not_found");
    }

    private void messages(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        received.add(new Received(exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), form));
        byte[] reply = "{\"sid\":\"SM00000000000000000000000000000001\",\"status\":\"queued\"}"
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(201, reply.length);
        exchange.getResponseBody().write(reply);
        exchange.close();
    }
}
