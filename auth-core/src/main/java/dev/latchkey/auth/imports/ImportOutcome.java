package dev.latchkey.auth.imports;

import java.util.Objects;

/**
 * What became of one record of an import.
 *
 * @param record the record's number in the input, from 1
 * @param status what became of it
 * @param userId the account: the new one ({@link Status#IMPORTED}), the one that already had it
 *               ({@link Status#ALREADY_PRESENT}), the other account it conflicts with ({@link Status#CONFLICT}); null
 *               for {@link Status#INVALID}, and for a conflict within the input itself
 * @param field  the field at fault for {@link Status#INVALID} and {@link Status#CONFLICT} ({@code email},
 *               {@code phone}, {@code external_id}, {@code password_hash}, {@code profile}, {@code roles},
 *               {@code created_at}), else null
 * @param reason why, for {@link Status#INVALID} and {@link Status#CONFLICT}, else null; never quotes a hash
 */
public record ImportOutcome(long record, Status status, String userId, String field, String reason) {
    /** What can become of a record. */
    public enum Status {
        /** A new account was added (or, in a dry run, would be). */
        IMPORTED,
        /** The account was there already (matched by external id, else by contact); nothing was changed. */
        ALREADY_PRESENT,
        /** Its contacts or external id belong to a different account: reported, never merged; nothing was written. */
        CONFLICT,
        /** A field is malformed or refused; nothing was written. */
        INVALID
    }

    /** Checks the status. */
    public ImportOutcome {
        Objects.requireNonNull(status, "status");
    }

    /** Whether the record was refused ({@link Status#CONFLICT} or {@link Status#INVALID}). */
    public boolean rejected() {
        return status == Status.CONFLICT || status == Status.INVALID;
    }
}
