package dev.latchkey.benchmarks;

import dev.latchkey.benchmarks.load.LoadSection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Runs every benchmark of this module through JMH's {@link Runner} and writes the Markdown report.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--out docs/benchmarks.md] [--smoke] [--only tokens,database,...]
 *                                            [--scale-users 1000000]
 * </pre>
 *
 * <p>Areas, in the order they run: {@code tokens} (HS256 verification), {@code asymmetric}, {@code signing},
 * {@code database} (login, refresh, codes on H2 and PostgreSQL), {@code enumeration}, {@code scale}. {@code --smoke}
 * runs each benchmark once, briefly, to prove it works; its figures mean nothing and the report says so. The report is
 * rewritten after every area, so an interrupted run still leaves the areas it finished.
 */
public final class BenchmarkReport {
    static final List<String> AREAS = List.of("tokens", "asymmetric", "signing", "database", "enumeration", "scale");

    /** The JMH settings of one kind of benchmark. */
    record Settings(int forks, int warmups, TimeValue warmupTime, int iterations, TimeValue iterationTime) {
        String describe() {
            return String.format(Locale.ROOT, "%d fork(s), %d warm-up iteration(s) of %s, %d measured iteration(s) of %s",
                    forks, warmups, warmupTime, iterations, iterationTime);
        }
    }

    private final Path out;
    private final boolean smoke;
    private final Set<String> areas;
    private final int scaleUsers;
    private final Settings cpu;
    private final Settings asymmetric;
    private final Settings database;
    private final Settings bcryptBound;
    private final Settings scale;
    private final ReportWriter report;

    private BenchmarkReport(Path out, boolean smoke, Set<String> areas, int scaleUsers) {
        this.out = out;
        this.smoke = smoke;
        this.areas = areas;
        this.scaleUsers = scaleUsers;
        if (smoke) {
            cpu = new Settings(1, 0, TimeValue.seconds(1), 1, TimeValue.seconds(1));
            asymmetric = cpu;
            database = new Settings(1, 0, TimeValue.seconds(2), 1, TimeValue.seconds(2));
            bcryptBound = database;
            scale = new Settings(1, 0, TimeValue.seconds(2), 1, TimeValue.seconds(2));
        } else {
            // Five one-second iterations: with three, one iteration disturbed by a cache clear or a collection
            // widened the error to the size of the figure; asymmetric needs at least three for JMH to give an error.
            cpu = new Settings(1, 3, TimeValue.seconds(1), 5, TimeValue.seconds(1));
            asymmetric = new Settings(1, 1, TimeValue.seconds(1), 3, TimeValue.seconds(1));
            database = new Settings(1, 1, TimeValue.seconds(3), 3, TimeValue.seconds(3));
            // bcrypt's speed differs by a few percent from one JVM to the next (57.8 and 59.5 ms medians in two runs
            // of the same build), as much as the 5% goals allow; three forks average that out.
            bcryptBound = new Settings(3, 1, TimeValue.seconds(3), 3, TimeValue.seconds(3));
            scale = new Settings(1, 1, TimeValue.seconds(2), 2, TimeValue.seconds(3));
        }
        this.report = new ReportWriter(smoke, scaleUsers);
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of("docs", "benchmarks.md");
        boolean smoke = false;
        Set<String> areas = new LinkedHashSet<>(AREAS);
        int scaleUsers = 1_000_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--smoke" -> smoke = true;
                case "--only" -> {
                    areas = new LinkedHashSet<>(List.of(args[++i].split(",")));
                    if (!AREAS.containsAll(areas)) {
                        throw new IllegalArgumentException("--only takes some of " + AREAS);
                    }
                }
                case "--scale-users" -> scaleUsers = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--out FILE] [--smoke] [--only " + String.join(",", AREAS)
                        + "] [--scale-users N]");
            }
        }
        if (scaleUsers < 20_000) {
            throw new IllegalArgumentException("--scale-users must be at least 20000");
        }
        new BenchmarkReport(out, smoke, areas, scaleUsers).run();
    }

    private void run() throws IOException {
        report.start(Instant.now());
        String postgresProblem = BenchDatabase.postgresProblem();
        List<String> databases = postgresProblem == null ? List.of("h2", "postgresql") : List.of("h2");
        report.postgres(BenchDatabase.postgresUrl(), postgresProblem);
        for (String area : AREAS) {
            if (!areas.contains(area)) {
                continue;
            }
            Instant started = Instant.now();
            switch (area) {
                case "tokens" -> {
                    for (int threads : new int[] {1, 2}) {
                        measure(cpu, threads, List.of("HsTokenVerify\\."), List.of());
                    }
                    report.settings(area, cpu.describe() + ", at 1 and at 2 threads; throughput");
                }
                case "asymmetric" -> {
                    for (int threads : new int[] {1, 2}) {
                        measure(asymmetric, threads, List.of("AsymmetricTokenVerify\\.(latchkeyFresh|latchkeySeenBefore"
                                + "|nimbus|springNimbusJwtDecoder|jjwt|auth0JavaJwt|jdkSignatureOnly)$"),
                                List.of("alg", "RS256,ES256"));
                        measure(asymmetric, threads, List.of("AsymmetricTokenVerify\\.(latchkeyFresh|latchkeySeenBefore"
                                + "|jjwt|jdkSignatureOnly)$"), List.of("alg", "EdDSA"));
                    }
                    report.settings(area, asymmetric.describe() + ", at 1 and at 2 threads; throughput");
                }
                case "signing" -> {
                    measure(cpu, 1, List.of("TokenSigning\\."), List.of());
                    measure(database, 1, List.of("DatabaseFlows\\.(login|refresh)$"),
                            List.of("db", "h2", "bcryptCost", "4"));
                    measure(database, 1, List.of("BareBcrypt\\."), List.of("cost", "4"));
                    report.settings(area, "signing: " + cpu.describe() + ", throughput; login/refresh/bcrypt at cost 4: "
                            + database.describe() + ", sampled times");
                }
                case "database" -> {
                    measure(database, 1, List.of("DatabaseFlows\\.(refresh|otpSendAndVerify|bareUpdate)$"),
                            List.of("db", String.join(",", databases), "bcryptCost", "10"));
                    measure(bcryptBound, 1, List.of("DatabaseFlows\\.login$"),
                            List.of("db", String.join(",", databases), "bcryptCost", "10"));
                    measure(bcryptBound, 1, List.of("BareBcrypt\\."), List.of("cost", "10"));
                    report.settings(area, database.describe() + ", 1 thread; sampled times; login and bare bcrypt: "
                            + bcryptBound.describe());
                }
                case "enumeration" -> {
                    measure(bcryptBound, 1, List.of("Enumeration\\."), List.of("bcryptCost", "10"));
                    if (!areas.contains("database")) {
                        measure(bcryptBound, 1, List.of("BareBcrypt\\."), List.of("cost", "10"));
                    }
                    report.settings(area, bcryptBound.describe() + ", 1 thread; sampled times");
                }
                case "scale" -> {
                    for (String db : databases) {
                        Files.deleteIfExists(Scale.purgeNote(db));
                        for (String scenario : Scale.SCENARIOS) {
                            measure(scale, 1, List.of("Scale\\."), List.of("db", db, "scenario", scenario));
                        }
                        report.purge(db, readPurgeNote(db));
                        BenchDatabase.dropPersistent(db, "scale");
                    }
                    report.settings(area, scale.describe() + ", 1 thread; sampled times; " + scaleUsers
                            + " accounts in the large scenarios");
                }
                default -> throw new IllegalStateException(area);
            }
            report.took(area, Duration.between(started, Instant.now()));
            write();
        }
        report.finish(Instant.now());
        write();
        System.out.println("Wrote " + out.toAbsolutePath());
    }

    private static String readPurgeNote(String db) {
        Path note = Scale.purgeNote(db);
        try {
            return Files.exists(note) ? Files.readString(note) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Runs the benchmarks matching {@code includes} with these parameters (name, comma-separated values, ...). */
    private void measure(Settings settings, int threads, List<String> includes, List<String> params) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(settings.forks())
                .warmupIterations(settings.warmups())
                .warmupTime(settings.warmupTime())
                .measurementIterations(settings.iterations())
                .measurementTime(settings.iterationTime())
                .threads(threads)
                .shouldFailOnError(false)
                .jvmArgsAppend("-Dlatchkey.bench.scaleUsers=" + scaleUsers);
        for (String include : includes) {
            options.include("dev\\.latchkey\\.benchmarks\\." + include);
        }
        for (int i = 0; i + 1 < params.size(); i += 2) {
            options.param(params.get(i), params.get(i + 1).split(","));
        }
        try {
            List<Measurement> results = new ArrayList<>();
            for (RunResult r : new Runner(options.build()).run()) {
                results.add(Measurement.of(r));
            }
            report.add(results);
        } catch (RunnerException e) {
            report.failure(includes + " " + params + ": " + e.getMessage());
        }
    }

    private void write() throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        String rendered = report.render();
        if (Files.exists(out)) {
            // The load benchmark's section is its own: kept as the last load run wrote it.
            Optional<String> load = LoadSection.extract(Files.readString(out));
            if (load.isPresent()) {
                rendered = LoadSection.splice(rendered, load.get());
            }
        }
        Files.writeString(out, rendered);
    }
}
