package dev.latchkey.auth.example;

import dev.latchkey.auth.imports.ImportedUser;

/**
 * One record of an import file, as the command line importer read it: the user to import, or why it could not be read.
 *
 * @param number   the record's number in the file, from 1 (a JSON Lines line, a CSV row after the header, a Keycloak
 *                 user)
 * @param line     the line it starts on, from 1 (0 when not known)
 * @param user     the user to import, or null when the record could not be read
 * @param field    the field at fault when it could not be read, else null
 * @param reason   why, else null; never quotes a password hash
 * @param original the record as it was in the file with its password hash replaced by {@code [redacted]}, or null
 *                 when it could not be parsed well enough to tell the hash apart
 */
record SourceRecord(long number, long line, ImportedUser user, String field, String reason, String original) {
    /** The text that stands for a password hash in {@link #original()}. */
    static final String REDACTED = "[redacted]";

    static SourceRecord of(long number, long line, ImportedUser user, String original) {
        return new SourceRecord(number, line, user, null, null, original);
    }

    static SourceRecord unreadable(long number, long line, String field, String reason, String original) {
        return new SourceRecord(number, line, null, field, reason, original);
    }

    /** Whether the record could be read into a user. */
    boolean readable() {
        return user != null;
    }

    /** A record that could not be read, with this field and reason. */
    static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        Unreadable(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }
    }
}
