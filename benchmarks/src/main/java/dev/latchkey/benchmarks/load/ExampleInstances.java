package dev.latchkey.benchmarks.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Example-app instances started from {@code auth-example.jar} as child processes on loopback, all on one database,
 * with one master key and one issuer (so a token from one is good at the other). Each logs to a file in its data
 * directory. {@link #close} stops them.
 */
final class ExampleInstances implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(120);

    private final List<Process> processes = new ArrayList<>();
    private final List<URI> uris = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    private ExampleInstances() {
    }

    /**
     * Starts {@code count} instances of {@code jar} on {@code dbUrl} with {@code heap} (e.g. {@code 384m}), each once
     * the one before answers {@code GET /health}.
     */
    static ExampleInstances start(Path jar, String dbUrl, int count, String heap) throws IOException,
            InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " is missing: build it with mvn -q -pl examples -am package "
                    + "-DskipTests");
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String masterKey = Base64.getEncoder().encodeToString(key);
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(freePort());
        }
        ExampleInstances started = new ExampleInstances();
        try {
            for (int i = 0; i < count; i++) {
                Path data = Files.createTempDirectory("latchkey-load-" + i + "-");
                Map<String, String> env = new HashMap<>();
                env.put("PORT", String.valueOf(ports.get(i)));
                env.put("AUTH_HOST", "127.0.0.1");
                env.put("AUTH_DATA_DIR", data.toString());
                env.put("AUTH_DB_URL", dbUrl);
                env.put("AUTH_MASTER_KEY", masterKey);
                env.put("AUTH_ISSUER", "http://127.0.0.1:" + ports.get(0));
                Path log = data.resolve("app.log");
                ProcessBuilder pb = new ProcessBuilder(javaBinary(), "-Xmx" + heap, "-jar",
                        jar.toAbsolutePath().toString()).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                pb.environment().putAll(env);
                started.processes.add(pb.start());
                started.uris.add(URI.create("http://127.0.0.1:" + ports.get(i)));
                started.logs.add(log);
                started.awaitHealthy(i); // one after another: the first creates the tables
            }
            return started;
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.close();
            throw e;
        }
    }

    List<URI> uris() {
        return List.copyOf(uris);
    }

    /** The process ids, for their CPU time. */
    List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    private void awaitHealthy(int i) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(READY);
        while (Instant.now().isBefore(deadline)) {
            if (!processes.get(i).isAlive()) {
                throw new IllegalStateException("instance " + i + " exited at start; see " + logs.get(i));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uris.get(i).resolve("/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250); // a start-up poll, not a measurement
        }
        throw new IllegalStateException("instance " + i + " not healthy after " + READY.toSeconds() + " s; see "
                + logs.get(i));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
