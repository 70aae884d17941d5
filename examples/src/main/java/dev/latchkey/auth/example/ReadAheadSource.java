package dev.latchkey.auth.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/**
 * A {@link RecordSource} that reads one record ahead of the caller: a format says how to {@link #read()} its next
 * record and where a failure happened; counting bytes, {@code hasNext} and {@code next} are written once, here.
 */
abstract class ReadAheadSource implements RecordSource {
    private final Counting counting;
    private SourceRecord next;
    private boolean done;

    ReadAheadSource(Counting counting) {
        this.counting = counting;
    }

    /** The next record, or null at the end of the file. */
    abstract SourceRecord read() throws IOException;

    /** What the import stops with when reading fails, naming where. */
    abstract String readFailure(IOException e);

    @Override
    public final long bytesRead() {
        return counting.count();
    }

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            try {
                next = read();
            } catch (IOException e) {
                throw new UncheckedIOException(readFailure(e), e);
            }
            done = next == null;
        }
        return next != null;
    }

    @Override
    public final SourceRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SourceRecord record = next;
        next = null;
        return record;
    }
}
