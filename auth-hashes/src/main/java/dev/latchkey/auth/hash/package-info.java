/**
 * Memory-hard password hashing for {@code auth-core} on Bouncy Castle: {@link dev.latchkey.auth.hash.Argon2idHashing}
 * for new hashes, and {@link dev.latchkey.auth.hash.LegacyHashFormats} for imported scrypt and Argon2 hashes.
 */
package dev.latchkey.auth.hash;
