package dev.latchkey.auth.hash.internal;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2 (RFC 9106) PHC strings, {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} (argon2id or
 * argon2i; a missing {@code v=} is version 16), and the derivation itself through Bouncy Castle.
 *
 * @param type        {@link Argon2Parameters#ARGON2_id} or {@link Argon2Parameters#ARGON2_i}
 * @param version     0x13 or 0x10
 * @param memoryKib   memory in KiB
 * @param iterations  passes
 * @param parallelism lanes
 * @param salt        the salt
 * @param hash        the expected hash
 */
public record Argon2Phc(int type, int version, int memoryKib, int iterations, int parallelism, byte[] salt,
                        byte[] hash) {
    /** The most memory a hash may ask for, in KiB (256 MiB): each verification allocates it. */
    public static final int MAX_MEMORY_KIB = 262_144;
    private static final Pattern SHAPE = Pattern.compile(
            "^\\$(argon2id|argon2i)\\$(?:v=([0-9]+)\\$)?m=([0-9]+),t=([0-9]+),p=([0-9]+)\\$([^$]+)\\$([^$]+)$");

    /** The parsed hash, or a String saying what is wrong. */
    public static Object parse(String encoded) {
        Matcher m = SHAPE.matcher(encoded);
        if (!m.matches()) {
            return "an Argon2 hash is $argon2id$ or $argon2i$, v=19$, m=KiB,t=passes,p=lanes, $salt$hash "
                    + "(no keyid or data)";
        }
        int version = m.group(2) == null ? 0x10 : Codec.number(m.group(2));
        if (version != 0x13 && version != 0x10) {
            return "the Argon2 version must be 19 or 16";
        }
        int memory = Codec.number(m.group(3));
        int iterations = Codec.number(m.group(4));
        int parallelism = Codec.number(m.group(5));
        if (parallelism < 1 || parallelism > 64) {
            return "Argon2 parallelism must be from 1 to 64";
        }
        if (memory < 8 * parallelism || memory > MAX_MEMORY_KIB) {
            return "Argon2 memory must be from 8 KiB per lane to " + MAX_MEMORY_KIB + " KiB";
        }
        if (iterations < 1 || iterations > 100) {
            return "Argon2 iterations must be from 1 to 100";
        }
        byte[] salt = Codec.base64(m.group(6));
        byte[] hash = Codec.base64(m.group(7));
        if (salt == null || hash == null) {
            return "the salt and hash of an Argon2 hash must be base64";
        }
        if (salt.length < 8 || salt.length > 1024 || hash.length < 16 || hash.length > 1024) {
            return "an Argon2 salt is 8 to 1024 bytes and its hash 16 to 1024";
        }
        int type = m.group(1).equals("argon2id") ? Argon2Parameters.ARGON2_id : Argon2Parameters.ARGON2_i;
        return new Argon2Phc(type, version, memory, iterations, parallelism, salt, hash);
    }

    /** Argon2 of {@code password} with these parameters and salt, as long as {@link #hash()}. */
    public byte[] derive(byte[] password) {
        return derive(type, version, memoryKib, iterations, parallelism, salt, password, hash.length);
    }

    /** Argon2 with every parameter given. */
    public static byte[] derive(int type, int version, int memoryKib, int iterations, int parallelism, byte[] salt,
                                byte[] password, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(type).withVersion(version).withMemoryAsKB(memoryKib)
                .withIterations(iterations).withParallelism(parallelism).withSalt(salt).build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    /** The PHC string of an argon2id hash (version 19). */
    public static String encodeArgon2id(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + Codec.phcBase64(salt) + "$" + Codec.phcBase64(hash);
    }

    /** Leaves the salt and hash out. */
    @Override
    public String toString() {
        return "Argon2Phc[m=" + memoryKib + ", t=" + iterations + ", p=" + parallelism + "]";
    }
}
