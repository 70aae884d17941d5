package dev.latchkey.auth.imports;

/**
 * Hears the outcome of every record of an import, in input order, batch by batch once the batch is written: write the
 * rejected ones to a file, draw progress. The import keeps no outcome itself, so its memory stays bounded whatever the
 * input's size. A listener that throws stops the import after the batch it was told of.
 */
@FunctionalInterface
public interface ImportListener {
    /** One record's outcome. */
    void outcome(ImportOutcome outcome);

    /** A listener that ignores every outcome. */
    static ImportListener ignoring() {
        return outcome -> { };
    }
}
