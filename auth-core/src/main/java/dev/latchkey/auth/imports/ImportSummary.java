package dev.latchkey.auth.imports;

/**
 * The counts of an import, by outcome.
 *
 * @param records        records read
 * @param imported       accounts added (in a dry run: that would be)
 * @param alreadyPresent records whose account was there already
 * @param conflicts      records that conflict with a different account
 * @param invalid        records with a bad field
 * @param dryRun         whether nothing was written
 */
public record ImportSummary(long records, long imported, long alreadyPresent, long conflicts, long invalid,
                            boolean dryRun) {
    /** The records refused: conflicts and invalid ones. */
    public long rejected() {
        return conflicts + invalid;
    }
}
