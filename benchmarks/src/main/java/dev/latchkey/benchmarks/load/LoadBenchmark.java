package dev.latchkey.benchmarks.load;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A load generator over HTTP against two example-app instances sharing one PostgreSQL database on this machine:
 * refresh, {@code GET /api/profile} (online check), password login at the app's bcrypt cost, and a login code sent
 * and verified; requests/s, p50/p99, commits, rows and WAL fsyncs per request, CPU per request, per vCPU. Writes its
 * section of {@code docs/benchmarks.md} ({@link LoadSection}). Loopback only; every phase bounded in time and count.
 *
 * <pre>
 * mvn -q -pl examples,benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.latchkey.benchmarks.load.LoadBenchmark [--experiments] [options]
 * </pre>
 */
public final class LoadBenchmark {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    /** The example app's bcrypt cost: auth-core's default, which it keeps. */
    private static final int BCRYPT_COST = 11;
    private static final String HEAP = "384m";

    private final LoadArgs args;
    private final int cores = Runtime.getRuntime().availableProcessors();

    private LoadBenchmark(LoadArgs args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        LoadArgs args = LoadArgs.parse(argv);
        new LoadBenchmark(args).run(String.join(" ", argv));
    }

    private void run(String argv) throws Exception {
        Instant started = Instant.now();
        String loadStart = loadAverage();
        List<PhaseResult> phases = new ArrayList<>();
        List<LoadReport.Experiment> experiments = new ArrayList<>();
        double bcrypt = bcryptMillis();
        log("one bcrypt verification at cost %d: %.1f ms", BCRYPT_COST, bcrypt);
        boolean own = args.targets().isEmpty();
        if (own) {
            recreateDatabase(null);
        }
        try (PgCounters pg = new PgCounters(args.dbUrl()); Instances apps = instances()) {
            LoadPhases flows = new LoadPhases(new AppClient(apps.uris()), HexFormat.of().formatHex(
                    java.security.SecureRandom.getSeed(4)));
            for (String phase : LoadArgs.PHASES) {
                if (!args.phases().contains(phase)) {
                    continue;
                }
                PhaseResult r = switch (phase) {
                    case "refresh" -> measure("refresh", flows.refresh(), args.clients(), pg, apps);
                    case "profile" -> measure("GET /api/profile, online check", flows.profile(), args.clients(),
                            pg, apps);
                    case "login" -> measure("password login", flows.login(), args.loginClients(), pg, apps);
                    default -> measure("code send + verify", flows.codes(), args.clients(), pg, apps);
                };
                phases.add(r);
                write(started, argv, loadStart, bcrypt, phases, experiments);
            }
            if (args.experiments()) {
                experiments.add(new LoadReport.Experiment("4 clients instead of " + args.clients(),
                        measure("refresh", flows.refresh(), 4, pg, apps)));
                write(started, argv, loadStart, bcrypt, phases, experiments);
            }
        }
        if (args.experiments() && own) {
            // A new database so the setting applies to every connection from the start; the instances restart on it.
            recreateDatabase("off");
            try (PgCounters pg = new PgCounters(args.dbUrl()); Instances apps = instances()) {
                LoadPhases flows = new LoadPhases(new AppClient(apps.uris()), "sc" + HexFormat.of().formatHex(
                        java.security.SecureRandom.getSeed(4)));
                experiments.add(new LoadReport.Experiment("`synchronous_commit = off` (database setting)",
                        measure("refresh", flows.refresh(), args.clients(), pg, apps)));
            } finally {
                recreateDatabase(null);
            }
        }
        write(started, argv, loadStart, bcrypt, phases, experiments);
        log("wrote %s", args.out());
    }

    /** The instances: started here (two, on a fresh database), or the running ones the command named. */
    private Instances instances() throws IOException, InterruptedException {
        if (!args.targets().isEmpty()) {
            return new Instances(args.targets(), List.of(), null);
        }
        ExampleInstances started = ExampleInstances.start(args.jar(), args.dbUrl(), 2, HEAP);
        return new Instances(started.uris(), started.pids(), started);
    }

    private record Instances(List<URI> uris, List<Long> pids, ExampleInstances owned) implements AutoCloseable {
        double cpu() {
            double total = 0;
            for (long pid : pids) {
                double s = PgCounters.CpuTime.ofProcess(pid);
                total += Double.isNaN(s) ? 0 : s;
            }
            return total;
        }

        @Override
        public void close() {
            if (owned != null) {
                owned.close();
            }
        }
    }

    private PhaseResult measure(String name, LoadRunner.Clients clients, int count, PgCounters pg, Instances apps)
            throws Exception {
        log("%s: %d clients, %.0f s warm-up, %.0f s measured", name, count, args.warmup(), args.seconds());
        // The clients' sessions and accounts are made inside run() before the warm-up; the counters start after it.
        List<LoadRunner.Step> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            steps.add(clients.client(i));
        }
        LoadRunner.Outcome warm = LoadRunner.run(steps::get, count, args.warmup(), 0.001, 1);
        PgCounters.Snapshot before = pg.settled();
        double appsBefore = apps.cpu();
        double selfBefore = selfCpu();
        double loadBefore = load1();
        LoadRunner.Outcome o = LoadRunner.run(steps::get, count, 0, args.seconds(), args.maxRequests());
        double appsAfter = apps.cpu();
        double selfAfter = selfCpu();
        double loadAfter = load1();
        PgCounters.Snapshot after = pg.settled();
        PhaseResult.CpuDelta cpu = new PhaseResult.CpuDelta(appsAfter - appsBefore,
                PgCounters.backendCpu(before, after), selfAfter - selfBefore);
        PhaseResult r = new PhaseResult(name, o.latencies().count(), o.errors(), o.seconds(),
                o.latencies().percentileMillis(50), o.latencies().percentileMillis(99),
                PgCounters.delta(before, after, 4), cpu, loadBefore, loadAfter, count);
        log("%s: %,d ok (%,d errors, %d in warm-up) in %.1f s = %.0f/s, p50 %.1f ms, p99 %.1f ms, load %.2f", name,
                r.requests(), r.errors(), warm.errors(), r.seconds(), r.perSecond(), r.p50Millis(), r.p99Millis(),
                loadAfter);
        return r;
    }

    /** Drops and makes the benchmark's database (only one whose name ends in {@code _load}), with a setting. */
    private void recreateDatabase(String synchronousCommit) throws Exception {
        String name = args.databaseName();
        if (!name.matches("[a-z0-9_]+_load")) {
            throw new IllegalArgumentException("the generator drops and recreates its database: its name must end in "
                    + "_load, not " + name);
        }
        String admin = args.dbUrl().replace("/" + name, "/postgres");
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
            if (synchronousCommit != null) {
                s.execute("ALTER DATABASE " + name + " SET synchronous_commit = " + synchronousCommit);
            }
        }
    }

    private void write(Instant started, String argv, String loadStart, double bcrypt, List<PhaseResult> phases,
                       List<LoadReport.Experiment> experiments) throws IOException {
        String setup = String.format(Locale.ROOT, "%s on %d cores; 2 instances of `%s` (-Xmx%s, Hikari pool of 10 "
                + "each, default GC) %s, sharing `%s` on PostgreSQL on loopback (`synchronous_commit` on unless an "
                + "experiment says otherwise); requests round-robin over the instances; %d clients per phase (%d "
                + "for logins); %.0f s warm-up then %.0f s (at most %,d requests) per phase",
                System.getProperty("java.runtime.version"), cores, args.jar(), HEAP,
                args.targets().isEmpty() ? "started by the generator on a fresh database" : "given by --targets",
                args.databaseName(), args.clients(), args.loginClients(), args.warmup(), args.seconds(),
                args.maxRequests());
        String command = "mvn -q -pl examples,benchmarks -am package -DskipTests\njava -cp benchmarks/target/"
                + "benchmarks.jar dev.latchkey.benchmarks.load.LoadBenchmark" + (argv.isEmpty() ? "" : " " + argv);
        LoadReport.RunInfo info = new LoadReport.RunInfo(TIME.format(started), cores, command, setup, loadStart,
                loadAverage(), bcrypt, BCRYPT_COST);
        String doc = Files.exists(args.out()) ? Files.readString(args.out()) : "";
        Files.writeString(args.out(), LoadSection.splice(doc, LoadReport.render(info, phases, experiments)));
    }

    /** The median of nine bcrypt verifications of a 64-character input (Latchkey's pre-hash) at the app's cost. */
    private static double bcryptMillis() {
        char[] input = new char[64];
        Arrays.fill(input, 'p');
        byte[] hash = BCrypt.withDefaults().hash(BCRYPT_COST, input);
        double[] t = new double[9];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            BCrypt.verifyer().verify(input, hash);
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    private static double selfCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static String loadAverage() {
        try {
            String[] p = Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return p[0] + ", " + p[1] + ", " + p[2];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", load1());
        }
    }

    private static double load1() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void log(String format, Object... values) {
        System.out.println("[load] " + String.format(Locale.ROOT, format, values));
    }
}
