package dev.latchkey.benchmarks.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The load benchmark's command line. Every bound has a ceiling, so no command line makes an unbounded run.
 *
 * @param jar          the example app's jar ({@code --jar}, default {@code examples/target/auth-example.jar})
 * @param dbUrl        PostgreSQL on loopback ({@code --db-url}); a database whose name ends in {@code _load} is
 *                     dropped and made afresh when the generator starts the instances
 * @param targets      running instances to use instead of starting two ({@code --targets url,url}); loopback only
 * @param phases       the flows to run ({@code --only refresh,profile,login,codes})
 * @param clients      concurrent clients per phase ({@code --clients}, default 16, at most 256)
 * @param loginClients concurrent clients of the login phase ({@code --login-clients}, default 4)
 * @param warmup       seconds of warm-up per phase, not recorded ({@code --warmup}, default 5, at most 60)
 * @param seconds      measured seconds per phase ({@code --seconds}, default 15, at most 120)
 * @param maxRequests  requests per phase at most ({@code --max-requests}, default 200,000, at most 2,000,000)
 * @param experiments  also run the refresh phase with {@code synchronous_commit = off} and with 4 clients
 *                     ({@code --experiments})
 * @param out          the report to write the section into ({@code --out}, default {@code docs/benchmarks.md})
 */
record LoadArgs(Path jar, String dbUrl, List<URI> targets, Set<String> phases, int clients, int loginClients,
                double warmup, double seconds, long maxRequests, boolean experiments, Path out) {
    static final List<String> PHASES = List.of("refresh", "profile", "login", "codes");
    static final String DEFAULT_DB = "jdbc:postgresql://127.0.0.1:5432/latchkey_load?user=postgres";

    static LoadArgs parse(String... args) {
        Path jar = Path.of("examples/target/auth-example.jar");
        String db = DEFAULT_DB;
        List<URI> targets = List.of();
        Set<String> phases = new LinkedHashSet<>(PHASES);
        int clients = 16;
        int loginClients = 4;
        double warmup = 5;
        double seconds = 15;
        long max = 200_000;
        boolean experiments = false;
        Path out = Path.of("docs/benchmarks.md");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--experiments")) {
                experiments = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value; " + usage());
            }
            String v = args[++i];
            switch (a) {
                case "--jar" -> jar = Path.of(v);
                case "--db-url" -> db = LoopbackOnly.postgres(v);
                case "--targets" -> {
                    List<URI> list = new ArrayList<>();
                    for (String t : v.split(",")) {
                        list.add(LoopbackOnly.http(t));
                    }
                    targets = List.copyOf(list);
                }
                case "--only" -> {
                    phases = new LinkedHashSet<>(Arrays.asList(v.split(",")));
                    if (phases.isEmpty() || !PHASES.containsAll(phases)) {
                        throw new IllegalArgumentException("--only takes some of " + PHASES);
                    }
                }
                case "--clients" -> clients = (int) bounded(a, v, 1, 256);
                case "--login-clients" -> loginClients = (int) bounded(a, v, 1, 256);
                case "--warmup" -> warmup = bounded(a, v, 0, 60);
                case "--seconds" -> seconds = bounded(a, v, 1, 120);
                case "--max-requests" -> max = (long) bounded(a, v, 1, 2_000_000);
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + a + "; " + usage());
            }
        }
        return new LoadArgs(jar, LoopbackOnly.postgres(db), targets, Set.copyOf(phases), clients, loginClients,
                warmup, seconds, max, experiments, out);
    }

    /** The database's name in {@link #dbUrl}. */
    String databaseName() {
        String rest = dbUrl.substring("jdbc:postgresql://".length());
        String path = rest.substring(rest.indexOf('/') + 1);
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    static String usage() {
        return "usage: [--jar FILE] [--db-url jdbc:postgresql://127.0.0.1/..._load] [--targets URL,URL] [--only "
                + String.join(",", PHASES) + "] [--clients N] [--login-clients N] [--warmup S] [--seconds S] "
                + "[--max-requests N] [--experiments] [--out FILE]";
    }

    private static double bounded(String name, String value, double min, double max) {
        double d;
        try {
            d = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number");
        }
        if (!(d >= min && d <= max)) {
            throw new IllegalArgumentException(name + " must be " + min + " to " + max);
        }
        return d;
    }
}
