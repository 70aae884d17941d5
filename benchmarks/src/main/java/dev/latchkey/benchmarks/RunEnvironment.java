package dev.latchkey.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What the report says about the machine and the build it measured, read from {@code /proc}, {@code ps} and
 * {@code git}; each probe falls back to a plain answer where those are missing.
 */
final class RunEnvironment {
    private RunEnvironment() {
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    static String memory() {
        long bytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(Locale.ROOT, "%.1f GiB memory", bytes / (1024.0 * 1024 * 1024));
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    static String busiestProcesses() {
        String top = command("ps", "-eo", "pcpu,comm", "--sort=-pcpu", "--no-headers");
        if (top == null) {
            return "unknown";
        }
        List<String> entries = new ArrayList<>();
        for (String line : top.split("\n")) {
            String[] parts = line.trim().split("\\s+", 2);
            if (parts.length == 2 && entries.size() < 4) {
                entries.add(parts[1] + " " + parts[0] + "%");
            }
        }
        return String.join(", ", entries) + " (CPU % since each process started)";
    }

    /** The {@code latchkey.bench.build} system property if set, else the git commit and whether the modules are dirty. */
    static String build() {
        String given = System.getProperty("latchkey.bench.build");
        if (given != null && !given.isBlank()) {
            return given;
        }
        String commit = command("git", "rev-parse", "--short", "HEAD");
        if (commit == null) {
            return "unknown (not run from a git work tree)";
        }
        String dirty = command("git", "status", "--porcelain", "--", "auth-core", "auth-jdbc", "auth-otp");
        return "commit " + commit.trim() + (dirty == null || dirty.isBlank() ? ""
                : " with uncommitted changes in auth-core/auth-jdbc/auth-otp (whatever the jar was built from)");
    }

    private static String command(String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
