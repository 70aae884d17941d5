package dev.latchkey.auth.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.auth.imports.ImportListener;
import dev.latchkey.auth.imports.ImportOutcome;
import dev.latchkey.auth.imports.ImportedUser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Joins a {@link RecordSource} to the import: the users it could read go to the import as an iterator, the records it
 * could not read go straight to the rejects, and every outcome the import reports is matched back to its record (by
 * order: the import numbers the users it is given from 1) for the rejects file and the progress. Records wait here only
 * between being read and their batch's outcomes, so memory stays bounded.
 */
final class ImportRun implements Iterator<ImportedUser>, ImportListener {
    /** Unreadable records kept waiting for the outcomes of the readable ones before them, at most. */
    private static final int MAX_WAITING = 2_000;

    private final RecordSource source;
    private final Writer rejects;
    private final ImportProgress progress;
    private final ObjectMapper mapper;
    /** Records read and not yet reported, in file order. */
    private final Deque<SourceRecord> waiting = new ArrayDeque<>();
    private int waitingUsers;
    /** The record {@link #hasNext()} read and {@link #next()} has not yet returned. */
    private SourceRecord ready;
    private long unreadable;
    private long rejectedTotal;

    ImportRun(RecordSource source, Writer rejects, ImportProgress progress, ObjectMapper mapper) {
        this.source = source;
        this.rejects = rejects;
        this.progress = progress;
        this.mapper = mapper;
    }

    /** Records that could not be read into a user (not counted by the import's summary). */
    long unreadable() {
        return unreadable;
    }

    /** Records written to the rejects file. */
    long rejected() {
        return rejectedTotal;
    }

    @Override
    public boolean hasNext() {
        if (ready != null) {
            return true;
        }
        while (source.hasNext()) {
            SourceRecord record = source.next();
            if (record.readable()) {
                waiting.addLast(record);
                waitingUsers++;
                ready = record;
                return true;
            }
            unreadable++;
            if (waitingUsers == 0 || waiting.size() >= MAX_WAITING) {
                report(record, "invalid", record.field(), record.reason(), null);
            } else {
                waiting.addLast(record);
            }
        }
        return false;
    }

    @Override
    public ImportedUser next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SourceRecord record = ready;
        ready = null;
        return record.user();
    }

    @Override
    public void outcome(ImportOutcome outcome) {
        flushUnreadable();
        SourceRecord record = waiting.pollFirst();
        if (record == null || !record.readable()) {
            throw new IllegalStateException("an outcome without its record: " + outcome.record());
        }
        waitingUsers--;
        if (outcome.rejected()) {
            report(record, outcome.status().name().toLowerCase(Locale.ROOT), outcome.field(), outcome.reason(),
                    outcome.status() == ImportOutcome.Status.CONFLICT ? outcome.userId() : null);
        } else {
            progress.record(false);
        }
        flushUnreadable();
    }

    /** Reports what still waits: unreadable records after the last outcome. */
    void finish() {
        flushUnreadable();
        if (!waiting.isEmpty()) {
            throw new IllegalStateException(waitingUsers + " records got no outcome");
        }
        try {
            rejects.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rejects file", e);
        }
        progress.finish();
    }

    private void flushUnreadable() {
        while (!waiting.isEmpty() && !waiting.peekFirst().readable()) {
            SourceRecord r = waiting.pollFirst();
            report(r, "invalid", r.field(), r.reason(), null);
        }
    }

    private void report(SourceRecord record, String status, String field, String reason, String otherUser) {
        ObjectNode line = mapper.createObjectNode()
                .put("record", record.number())
                .put("line", record.line())
                .put("status", status)
                .put("field", field)
                .put("reason", reason);
        if (otherUser != null) {
            line.put("existing_user_id", otherUser);
        }
        line.put("original", record.original());
        try {
            rejects.write(mapper.writeValueAsString(line));
            rejects.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rejects file", e);
        }
        rejectedTotal++;
        progress.record(true);
    }
}
