package dev.latchkey.auth.hash;

import dev.latchkey.auth.hash.internal.Argon2Phc;
import dev.latchkey.auth.password.PasswordHashing;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.security.SecureRandom;

/**
 * Argon2id (RFC 9106) for Latchkey's own password hashes, over the peppered pre-hash: register it with
 * {@code AuthService.Builder.passwordHashing(Argon2idHashing.owaspDefaults())} and choose it with
 * {@code PasswordConfig.newBuilder().hashAlgorithm("argon2id")}. Hashes are PHC strings with a 16-byte random salt and
 * a 32-byte hash, recorded as {@code argon2id-hmac-sha384}; a hash of other parameters is rehashed at the next login.
 *
 * <p>The defaults are the OWASP Password Storage Cheat Sheet's first choice: 19 MiB, 2 iterations, 1 lane. Each hash
 * allocates the memory, so concurrent logins need {@code memoryKib} each. Immutable and thread-safe.
 */
public final class Argon2idHashing implements PasswordHashing {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;

    private Argon2idHashing(Builder b) {
        this.memoryKib = b.memoryKib;
        this.iterations = b.iterations;
        this.parallelism = b.parallelism;
    }

    /** Argon2id with every default (19 MiB, 2 iterations, 1 lane). */
    public static Argon2idHashing owaspDefaults() {
        return newBuilder().build();
    }

    /** A builder with every default set. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Memory in KiB: 7168 to 262144 (7 to 256 MiB), default 19456 (19 MiB). */
    public int memoryKib() {
        return memoryKib;
    }

    /** Passes over the memory: 1 to 10, default 2. */
    public int iterations() {
        return iterations;
    }

    /** Lanes: 1 to 8, default 1. */
    public int parallelism() {
        return parallelism;
    }

    @Override
    public String id() {
        return "argon2id";
    }

    @Override
    public String hash(byte[] input) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = Argon2Phc.derive(Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13, memoryKib,
                iterations, parallelism, salt, input, HASH_BYTES);
        return Argon2Phc.encodeArgon2id(memoryKib, iterations, parallelism, salt, hash);
    }

    @Override
    public boolean matches(byte[] input, String encoded) {
        return Argon2Phc.parse(encoded) instanceof Argon2Phc phc && phc.type() == Argon2Parameters.ARGON2_id
                && java.security.MessageDigest.isEqual(phc.derive(input), phc.hash());
    }

    @Override
    public boolean needsRehash(String encoded) {
        return !(Argon2Phc.parse(encoded) instanceof Argon2Phc phc) || phc.type() != Argon2Parameters.ARGON2_id
                || phc.version() != Argon2Parameters.ARGON2_VERSION_13 || phc.memoryKib() != memoryKib
                || phc.iterations() != iterations || phc.parallelism() != parallelism
                || phc.hash().length != HASH_BYTES;
    }

    @Override
    public String toString() {
        return "Argon2idHashing[memoryKib=" + memoryKib + ", iterations=" + iterations + ", parallelism="
                + parallelism + "]";
    }

    /** Builds an {@link Argon2idHashing}; {@link #build()} leaves the builder as it was. */
    public static final class Builder {
        private int memoryKib = 19_456;
        private int iterations = 2;
        private int parallelism = 1;

        private Builder() {
        }

        /** Memory in KiB, 7168 to 262144. */
        public Builder memoryKib(int kib) {
            this.memoryKib = kib;
            return this;
        }

        /** Passes, 1 to 10. */
        public Builder iterations(int passes) {
            this.iterations = passes;
            return this;
        }

        /** Lanes, 1 to 8. */
        public Builder parallelism(int lanes) {
            this.parallelism = lanes;
            return this;
        }

        /** The algorithm; an {@link IllegalArgumentException} names a bad value. */
        public Argon2idHashing build() {
            if (memoryKib < 7168 || memoryKib > Argon2Phc.MAX_MEMORY_KIB) {
                throw new IllegalArgumentException("memoryKib must be from 7168 to " + Argon2Phc.MAX_MEMORY_KIB);
            }
            if (iterations < 1 || iterations > 10) {
                throw new IllegalArgumentException("iterations must be from 1 to 10");
            }
            if (parallelism < 1 || parallelism > 8) {
                throw new IllegalArgumentException("parallelism must be from 1 to 8");
            }
            return new Argon2idHashing(this);
        }
    }
}
