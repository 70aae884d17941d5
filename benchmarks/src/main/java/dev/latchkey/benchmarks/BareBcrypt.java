package dev.latchkey.benchmarks;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One bcrypt verification with the library Latchkey uses, of a 64-character input (the length of Latchkey's
 * peppered pre-hash) at the given cost: the reference for every login.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class BareBcrypt {
    @Param({"10"})
    public int cost;

    char[] password;
    byte[] hash;

    @Setup
    public void setUp() {
        password = new char[64];
        Arrays.fill(password, 'p');
        hash = BCrypt.withDefaults().hash(cost, password);
    }

    @Benchmark
    public boolean verify() {
        return BCrypt.verifyer().verify(password, hash).verified;
    }
}
