package dev.latchkey.auth.example;

import dev.latchkey.auth.example.SourceRecord.Unreadable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** The text forms the importer reads booleans, times and role lists in, shared by JSON Lines and CSV. */
final class FieldValues {
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendPattern("[XXX][XX][X]").optionalEnd()
            .toFormatter(Locale.ROOT);

    private FieldValues() {
    }

    /**
     * {@code true}/{@code false}, {@code t}/{@code f} (PostgreSQL), {@code 1}/{@code 0} (MySQL), {@code yes}/{@code no},
     * any case; blank is false.
     */
    static boolean bool(String field, String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "t", "1", "yes", "y" -> true;
            case "false", "f", "0", "no", "n", "" -> false;
            default -> throw new Unreadable(field, field + " must be true or false (or t/f, 1/0, yes/no)");
        };
    }

    /**
     * An ISO-8601 date and time, {@code T} or a space between them (as SQL clients print them), with an offset
     * ({@code Z}, {@code +01:00}, {@code +0100}, {@code +01}) or without one, then read as UTC.
     */
    static Instant instant(String field, String text) {
        String t = text.strip();
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        try {
            TemporalAccessor parsed = TIME.parse(t);
            return parsed.isSupported(ChronoField.OFFSET_SECONDS) ? OffsetDateTime.from(parsed).toInstant()
                    : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new Unreadable(field, field + " must be an ISO-8601 date and time such as 2024-01-31T09:30:00Z");
        }
    }

    /**
     * Role names in one text: separated by commas, semicolons or spaces; a surrounding {@code {...}} (PostgreSQL's
     * array text) or {@code [...]} and quotes around names are dropped.
     */
    static Set<String> roles(String text) {
        String t = text.strip();
        if ((t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]"))) {
            t = t.substring(1, t.length() - 1);
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String part : t.split("[,;\\s]+")) {
            String name = part.strip();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            if (!name.isEmpty()) {
                roles.add(name);
            }
        }
        return roles;
    }

    /** A reader of the file as strict UTF-8 (bytes that are not UTF-8 stop the import), without a leading BOM. */
    static BufferedReader utf8(RecordSource.Counting in) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        BufferedReader buffered = new BufferedReader(reader, 1 << 16);
        buffered.mark(1);
        if (buffered.read() != '\uFEFF') {
            buffered.reset();
        }
        return buffered;
    }
}
