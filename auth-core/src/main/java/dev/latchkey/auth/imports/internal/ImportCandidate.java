package dev.latchkey.auth.imports.internal;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.imports.ImportedUser;
import dev.latchkey.auth.internal.Core;
import dev.latchkey.auth.internal.Inputs;
import dev.latchkey.auth.internal.UnsafeCharacters;
import dev.latchkey.auth.password.internal.PasswordHashes;
import dev.latchkey.auth.store.StoredImport;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One record with every field checked and normalised, ready to match and write; or the field at fault and why.
 *
 * @param record        its number in the input, from 1
 * @param externalId    the external id, or null
 * @param email         the normalised email, or null
 * @param emailVerified whether it was proved
 * @param phone         the E.164 phone, or null
 * @param phoneVerified whether it was proved
 * @param profile       the checked profile
 * @param roles         the checked roles
 * @param createdAt     the creation time
 * @param hash          the legacy password hash, or null
 * @param hashFormat    its recorded format id, or null
 * @param field         the field at fault, or null when the record is good
 * @param reason        why, or null
 */
record ImportCandidate(long record, String externalId, String email, boolean emailVerified, String phone,
                       boolean phoneVerified, Map<String, String> profile, Set<String> roles, Instant createdAt,
                       String hash, String hashFormat, String field, String reason) {

    boolean valid() {
        return field == null;
    }

    private static ImportCandidate invalid(long record, String field, String reason) {
        return new ImportCandidate(record, null, null, false, null, false, Map.of(), Set.of(), null, null, null,
                field, reason);
    }

    /** Checks every field of {@code user}; the first bad one makes the candidate invalid. */
    static ImportCandidate check(long record, ImportedUser user, Core core, PasswordHashes hashes) {
        String externalId = user.externalId().orElse(null);
        if (externalId != null && (externalId.isEmpty() || externalId.length() > StoredImport.MAX_EXTERNAL_ID
                || externalId.isBlank() || UnsafeCharacters.containsAny(externalId))) {
            return invalid(record, "external_id", "an external id is 1 to " + StoredImport.MAX_EXTERNAL_ID
                    + " characters without control, format or separator characters");
        }
        if (user.email().isEmpty() && user.phone().isEmpty()) {
            return invalid(record, "email", "a record needs an email or a phone");
        }
        String email;
        String phone;
        Map<String, String> profile;
        Set<String> roles;
        try {
            email = user.email().map(core.contacts()::email).orElse(null);
            phone = user.phone().map(core.contacts()::phone).orElse(null);
            profile = Inputs.checkProfile(user.profile().orElse(Map.of()));
            roles = Inputs.checkRoles(user.roles().orElse(core.config().accounts().defaultRoles()));
        } catch (AuthException e) {
            return invalid(record, e.field().orElse("record"), e.getMessage());
        } catch (NullPointerException e) {
            return invalid(record, "profile", "profile fields and roles must not be null");
        }
        Instant now = core.now();
        Instant createdAt = user.createdAt().orElse(now);
        if (createdAt.isAfter(now)) {
            return invalid(record, "created_at", "the creation time is in the future");
        }
        String hash = user.passwordHash().orElse(null);
        String format = null;
        if (hash != null) {
            PasswordHashes.Classified classified = hashes.classify(hash);
            if (classified.format() == null) {
                return invalid(record, "password_hash", classified.reason());
            }
            format = classified.format();
        }
        return new ImportCandidate(record, externalId, email, user.emailVerified(), phone, user.phoneVerified(),
                profile, roles, createdAt, hash, format, null, null);
    }
}
