package dev.latchkey.auth.imports;

import dev.latchkey.auth.internal.Checks;

/** How an import runs. Immutable; {@link #defaults()} or {@link #newBuilder()}. */
public final class ImportOptions {
    private final int batchSize;
    private final boolean dryRun;

    private ImportOptions(Builder b) {
        this.batchSize = b.batchSize;
        this.dryRun = b.dryRun;
    }

    /** Every default. */
    public static ImportOptions defaults() {
        return newBuilder().build();
    }

    /** A builder with every default set. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Records read, checked and written together: 1 to 1000, default 500. Memory grows with it, never with input. */
    public int batchSize() {
        return batchSize;
    }

    /** Whether to check and match every record but write nothing; default false. */
    public boolean dryRun() {
        return dryRun;
    }

    @Override
    public String toString() {
        return "ImportOptions[batchSize=" + batchSize + ", dryRun=" + dryRun + "]";
    }

    /** Builds {@link ImportOptions}. */
    public static final class Builder {
        private int batchSize = 500;
        private boolean dryRun;

        private Builder() {
        }

        /** Records per batch, 1 to 1000. */
        public Builder batchSize(int size) {
            this.batchSize = size;
            return this;
        }

        /** Check and match only, writing nothing. */
        public Builder dryRun(boolean checkOnly) {
            this.dryRun = checkOnly;
            return this;
        }

        /** The options; an {@link IllegalArgumentException} names a bad value. */
        public ImportOptions build() {
            Checks.require(Checks.between(batchSize, 1, 1000), "batchSize must be from 1 to 1000");
            return new ImportOptions(this);
        }
    }
}
