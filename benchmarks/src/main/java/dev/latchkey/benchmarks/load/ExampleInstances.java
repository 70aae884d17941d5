package dev.latchkey.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Example-app instances started from {@code auth-example.jar} as child processes on loopback, all on one database,
 * with one master key and one issuer (so a token from one is good at the other). Each logs to a file in its data
 * directory; an instance is ready once it logs that it listens. {@link #close} stops them.
 */
final class ExampleInstances implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(120);
    /** The line the example app logs once its server accepts requests. */
    private static final String LISTENING = "Latchkey example listening on";

    private final List<Process> processes = new ArrayList<>();
    private final List<URI> uris = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    private ExampleInstances() {
    }

    /**
     * Starts {@code count} instances of {@code jar} on {@code dbUrl} with {@code heap} (e.g. {@code 384m}), each once
     * the one before has logged that it listens.
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
                        jar.toAbsolutePath().toString()).redirectErrorStream(true);
                pb.environment().putAll(env);
                Process process = pb.start();
                started.processes.add(process);
                started.uris.add(URI.create("http://127.0.0.1:" + ports.get(i)));
                started.logs.add(log);
                awaitListening(process, log, i); // one after another: the first creates the tables
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

    /**
     * Copies the instance's output to {@code log} on a daemon thread and waits until it logs {@link #LISTENING}, or
     * fails when it exits first or does not get there within {@link #READY}.
     */
    private static void awaitListening(Process process, Path log, int i) throws IOException, InterruptedException {
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread copier = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write(line);
                    out.write('\n');
                    if (line.contains(LISTENING)) {
                        out.flush();
                        listening.complete(null);
                    }
                }
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
            listening.completeExceptionally(new IllegalStateException("instance " + i + " exited at start; see "
                    + log));
        }, "load-instance-" + i + "-output");
        copier.setDaemon(true);
        copier.start();
        try {
            listening.get(READY.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("instance " + i + " not listening after " + READY.toSeconds()
                    + " s; see " + log, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
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
