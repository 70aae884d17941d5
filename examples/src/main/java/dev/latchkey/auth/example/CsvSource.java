package dev.latchkey.auth.example;

import dev.latchkey.auth.example.ImportArgs.UsageException;
import dev.latchkey.auth.example.SourceRecord.Unreadable;
import dev.latchkey.auth.imports.ImportedUser;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV (RFC 4180: comma-separated, {@code "} quotes, {@code ""} inside them, CRLF or LF, newlines inside quotes) with a
 * header row naming the columns. Each field is read from the column of its name, or the one {@code --column} maps it
 * to; {@code --profile KEY=COLUMN} adds profile fields. An empty cell is absent. Booleans and times are read as
 * {@link FieldValues} says, roles as a list.
 */
final class CsvSource extends ReadAheadSource {
    /** The longest record read; a longer one is rejected unread. */
    static final int MAX_RECORD_CHARS = 1 << 20;

    private final ImportArgs args;
    private final BufferedReader reader;
    private final Map<String, Integer> index = new HashMap<>();
    private int headerSize;
    private long line;
    private long number;

    private CsvSource(ImportArgs args, Counting counting) throws IOException {
        super(counting);
        this.args = args;
        this.reader = FieldValues.utf8(counting);
    }

    /**
     * Opens the file and reads its header.
     *
     * @throws UsageException when there is no header, or it lacks a mapped column or any contact column
     */
    static CsvSource open(ImportArgs args) throws IOException {
        CsvSource source = new CsvSource(args, new Counting(Files.newInputStream(args.file())));
        try {
            source.readHeader();
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
        return source;
    }

    private void readHeader() throws IOException {
        List<String> header;
        try {
            header = readRecord();
        } catch (Unreadable e) {
            throw new UsageException("the header row of " + args.file() + " cannot be read: " + e.getMessage());
        }
        if (header == null || (header.size() == 1 && header.get(0).isBlank())) {
            throw new UsageException(args.file() + " has no header row (CSV needs one naming the columns)");
        }
        headerSize = header.size();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i).strip(), i);
        }
        for (String column : args.columns().values()) {
            requireColumn("--column", column);
        }
        for (String column : args.profile().values()) {
            requireColumn("--profile", column);
        }
        if (!index.containsKey(args.source("email")) && !index.containsKey(args.source("phone"))) {
            throw new UsageException("the header of " + args.file() + " has no email or phone column; name one with "
                    + "--column email=COLUMN or --column phone=COLUMN");
        }
    }

    private void requireColumn(String flag, String column) {
        if (!index.containsKey(column)) {
            throw new UsageException(flag + " names the column " + column + ", which the header of " + args.file()
                    + " does not have");
        }
    }

    @Override
    String readFailure(IOException e) {
        return "cannot read line " + (line + 1) + " of " + args.file();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    @Override
    SourceRecord read() throws IOException {
        while (true) {
            long start = line + 1;
            List<String> cells;
            try {
                cells = readRecord();
            } catch (Unreadable e) {
                number++;
                return SourceRecord.unreadable(number, start, e.field(), e.getMessage(), null);
            }
            if (cells == null) {
                return null;
            }
            if (cells.size() == 1 && cells.get(0).isEmpty()) {
                continue; // a blank line
            }
            number++;
            if (cells.size() != headerSize) {
                // Cells may have shifted, so the hash could be in any of them: the original is not shown.
                return SourceRecord.unreadable(number, start, "record", "the row has " + cells.size()
                        + " cells and the header " + headerSize, null);
            }
            String original = original(cells);
            try {
                return SourceRecord.of(number, start, user(cells), original);
            } catch (Unreadable e) {
                return SourceRecord.unreadable(number, start, e.field(), e.getMessage(), original);
            }
        }
    }

    private ImportedUser user(List<String> cells) {
        Map<String, String> profile = null;
        for (Map.Entry<String, String> e : args.profile().entrySet()) {
            String v = cells.get(index.get(e.getValue()));
            if (!v.isEmpty()) {
                profile = profile == null ? new LinkedHashMap<>() : profile;
                profile.put(e.getKey(), v);
            }
        }
        String verifiedEmail = cell(cells, "email_verified");
        String verifiedPhone = cell(cells, "phone_verified");
        String roles = cell(cells, "roles");
        String created = cell(cells, "created_at");
        return ImportedUser.newBuilder()
                .externalId(cell(cells, "external_id"))
                .email(cell(cells, "email"), verifiedEmail != null && FieldValues.bool("email_verified", verifiedEmail))
                .phone(cell(cells, "phone"), verifiedPhone != null && FieldValues.bool("phone_verified", verifiedPhone))
                .passwordHash(cell(cells, "password_hash"))
                .roles(roles == null ? null : FieldValues.roles(roles))
                .createdAt(created == null ? null : FieldValues.instant("created_at", created))
                .profile(profile)
                .build();
    }

    /** The cell of {@code field}'s column, or null when there is no such column or the cell is empty. */
    private String cell(List<String> cells, String field) {
        Integer i = index.get(args.source(field));
        return i == null || cells.get(i).isEmpty() ? null : cells.get(i);
    }

    /** The row as CSV again, the password hash's cell replaced. */
    private String original(List<String> cells) {
        Integer hash = index.get(args.source("password_hash"));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = hash != null && hash == i && !cells.get(i).isEmpty() ? SourceRecord.REDACTED : cells.get(i);
            if (i > 0) {
                out.append(',');
            }
            boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                    || cell.indexOf('\r') >= 0;
            out.append(quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
        }
        return out.toString();
    }

    /** The cells of the next record, null at the end of the file; {@link Unreadable} for a broken one. */
    private List<String> readRecord() throws IOException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int length = 0;
        int c;
        while ((c = reader.read()) >= 0) {
            any = true;
            if (++length > MAX_RECORD_CHARS) {
                skipLine();
                line++;
                throw new Unreadable("record", "the record is longer than " + MAX_RECORD_CHARS + " characters");
            }
            if (quoted) {
                if (c == '"') {
                    reader.mark(1);
                    if (reader.read() == '"') {
                        cell.append('"');
                    } else {
                        reader.reset();
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append((char) c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                line++;
                break;
            } else if (c != '\r') {
                cell.append((char) c);
            }
        }
        if (!any) {
            return null;
        }
        if (quoted) {
            line++;
            throw new Unreadable("record", "a quoted cell is not closed before the end of the file");
        }
        cells.add(cell.toString());
        return cells;
    }

    private void skipLine() throws IOException {
        int c;
        while ((c = reader.read()) >= 0 && c != '\n') {
            // drop the rest of the line
        }
    }
}
