package dev.latchkey.auth.totp.internal;

import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.totp.TotpAlgorithm;
import dev.latchkey.auth.totp.TotpConfig;

import java.time.Duration;

/**
 * The shape a TOTP credential was enrolled with, kept in its public {@code data} field as {@code SHA1 6 30}
 * (algorithm, digits, period in seconds), so that a later change of {@link TotpConfig} leaves it working.
 *
 * @param algorithm the hash function
 * @param digits    digits per code
 * @param period    the time step
 */
public record CredentialShape(TotpAlgorithm algorithm, int digits, Duration period) {
    /** The shape new credentials get under {@code config}. */
    public static CredentialShape of(TotpConfig config) {
        return new CredentialShape(config.algorithm(), config.digits(), config.period());
    }

    /** The shape written in a credential's {@code data}. */
    public static CredentialShape parse(String data) {
        String[] parts = data == null ? new String[0] : data.split(" ");
        if (parts.length != 3) {
            throw new IllegalStateException("a TOTP credential without its shape (algorithm digits period)");
        }
        return new CredentialShape(TotpAlgorithm.fromUriName(parts[0]), Integer.parseInt(parts[1]),
                Duration.ofSeconds(Long.parseLong(parts[2])));
    }

    /** The text for the credential's {@code data}. */
    public String data() {
        return algorithm.uriName() + " " + digits + " " + period.getSeconds();
    }

    /** For audit events: {@code SHA1, 6 digits, 30 s}. */
    public String describe() {
        return algorithm.uriName() + ", " + digits + " digits, " + period.getSeconds() + " s";
    }

    /** What a TOTP secret's encryption is bound to: this factor, the user and the credential. */
    public static String binding(String userId, String credentialId) {
        return "totp\u0000" + userId + "\u0000" + credentialId;
    }

    /** {@link #binding(String, String)} of a stored credential. */
    public static String binding(StoredCredential credential) {
        return binding(credential.userId(), credential.id());
    }
}
