package dev.latchkey.auth.spring.properties;

/** Password hashing and rules ({@code latchkey.passwords.*}). */
public class PasswordProperties {
    /**
     * The algorithm of new hashes: bcrypt, or the id of a registered PasswordHashing bean: argon2id when auth-hashes is
     * on the class path (its Argon2idHashing with OWASP's defaults, unless the application declares a PasswordHashing).
     */
    private String hashAlgorithm = "bcrypt";
    /** The bcrypt cost, 10 to 20. */
    private int bcryptCost = 11;
    /** The minimum password length in code points, at least 8. */
    private int minLength = 8;
    /** The maximum password length in code points, 64 to 1024. */
    private int maxLength = 128;
    /**
     * Whether imported scrypt and Argon2 password hashes verify, by auth-hashes' LegacyHashFormats.all(), registered
     * when auth-hashes is on the class path. bcrypt and PBKDF2 hashes always verify (auth-core's own formats).
     */
    private boolean legacyFormats = true;

    public String getHashAlgorithm() {
        return hashAlgorithm;
    }

    public void setHashAlgorithm(String hashAlgorithm) {
        this.hashAlgorithm = hashAlgorithm;
    }

    public int getBcryptCost() {
        return bcryptCost;
    }

    public void setBcryptCost(int bcryptCost) {
        this.bcryptCost = bcryptCost;
    }

    public int getMinLength() {
        return minLength;
    }

    public void setMinLength(int minLength) {
        this.minLength = minLength;
    }

    public int getMaxLength() {
        return maxLength;
    }

    public void setMaxLength(int maxLength) {
        this.maxLength = maxLength;
    }

    public boolean isLegacyFormats() {
        return legacyFormats;
    }

    public void setLegacyFormats(boolean legacyFormats) {
        this.legacyFormats = legacyFormats;
    }
}
