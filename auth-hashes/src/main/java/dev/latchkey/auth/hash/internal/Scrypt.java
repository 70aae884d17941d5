package dev.latchkey.auth.hash.internal;

/**
 * scrypt (RFC 7914) parameters as a hash records them, their limits, and the derivation through Bouncy Castle.
 *
 * @param n        the CPU/memory cost, a power of two
 * @param r        the block size
 * @param p        the parallelisation
 * @param salt     the salt bytes
 * @param expected the expected hash
 */
public record Scrypt(int n, int r, int p, byte[] salt, byte[] expected) {
    /** The most memory a hash may ask for (128 * N * r bytes), 256 MiB: each verification allocates it. */
    public static final long MAX_MEMORY = 256L << 20;

    /** What is wrong with these parameters, or null. */
    public String problem() {
        if (n < 2 || (n & (n - 1)) != 0) {
            return "scrypt N must be a power of two, at least 2";
        }
        if (r < 1 || p < 1 || (long) r * p >= 1 << 30) {
            return "scrypt r and p must be positive with r * p below 2^30";
        }
        if (128L * n * r > MAX_MEMORY || p > 16) {
            return "scrypt memory (128 * N * r) must be at most 256 MiB and p at most 16";
        }
        if (salt.length == 0 || salt.length > 1024 || expected.length < 16 || expected.length > 1024) {
            return "an scrypt salt is 1 to 1024 bytes and its hash 16 to 1024";
        }
        return null;
    }

    /** Whether {@code password} derives the expected hash. */
    public boolean matches(byte[] password) {
        return problem() == null && Codec.same(
                org.bouncycastle.crypto.generators.SCrypt.generate(password, salt, n, r, p, expected.length), expected);
    }

    /** Leaves the salt and hash out. */
    @Override
    public String toString() {
        return "Scrypt[N=" + n + ", r=" + r + ", p=" + p + "]";
    }
}
