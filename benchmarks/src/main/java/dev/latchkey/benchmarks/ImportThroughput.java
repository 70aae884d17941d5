package dev.latchkey.benchmarks;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.imports.ImportOptions;
import dev.latchkey.auth.imports.ImportSummary;
import dev.latchkey.auth.imports.ImportedUser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * {@code AuthService.imports()} bringing {@link #users} accounts with plain bcrypt hashes (as a Node app's users table
 * holds them) into empty tables on PostgreSQL or H2 file mode, one shot per iteration, in batches of 1000: records made
 * on the fly by an iterator, so the heap holds one batch at a time; run it with {@code -Xmx256m} to hold it to the
 * issue's bound. No hash is computed.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class ImportThroughput {
    @Param({"postgresql"})
    public String database;

    @Param({"1000000"})
    public int users;

    private BenchDatabase db;
    private AuthService auth;
    private String hash;

    @Setup(Level.Iteration)
    public void setUp() {
        db = BenchDatabase.fresh(database);
        auth = Accounts.service(Accounts.config(4), db.stores(), null);
        hash = BCrypt.withDefaults().hashToString(10, Accounts.PASSWORD.toCharArray());
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        db.close();
    }

    @Benchmark
    public ImportSummary importUsers() {
        Iterator<ImportedUser> records = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < users;
            }

            @Override
            public ImportedUser next() {
                int i = next++;
                return ImportedUser.newBuilder().externalId("node-" + i).email(Accounts.email(i), i % 3 != 0)
                        .passwordHash(hash).build();
            }
        };
        ImportSummary summary = auth.imports().importUsers(records,
                ImportOptions.newBuilder().batchSize(1000).build(), outcome -> { });
        if (summary.imported() != users) {
            throw new IllegalStateException("imported " + summary.imported() + " of " + users + ": " + summary);
        }
        return summary;
    }
}
