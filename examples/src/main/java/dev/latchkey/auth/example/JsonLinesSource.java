package dev.latchkey.auth.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.auth.example.SourceRecord.Unreadable;
import dev.latchkey.auth.imports.ImportedUser;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * JSON Lines: one object per line with {@code external_id}, {@code email}, {@code email_verified}, {@code phone},
 * {@code phone_verified}, {@code password_hash}, {@code profile} (an object of strings), {@code roles} (an array of
 * strings) and {@code created_at} (ISO-8601), under these names or those {@code --column} maps them to. Other keys are
 * ignored, null is absent, blank lines are skipped. MongoDB Extended JSON's {@code {"$oid": ...}} is read as an
 * external id and {@code {"$date": ...}} as a time, as {@code mongoexport} writes them.
 */
final class JsonLinesSource extends ReadAheadSource {
    /** The longest line read; a longer one is rejected unread. */
    static final int MAX_LINE_CHARS = 1 << 20;

    private final ImportArgs args;
    private final ObjectMapper mapper;
    private final BufferedReader reader;
    private final StringBuilder buffer = new StringBuilder();
    private long line;
    private long number;

    private JsonLinesSource(ImportArgs args, ObjectMapper mapper, Counting counting) throws IOException {
        super(counting);
        this.args = args;
        this.mapper = mapper;
        this.reader = FieldValues.utf8(counting);
    }

    static JsonLinesSource open(ImportArgs args, ObjectMapper mapper) throws IOException {
        return new JsonLinesSource(args, mapper, new Counting(Files.newInputStream(args.file())));
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
            int length = readLine();
            if (length < 0) {
                return null;
            }
            line++;
            if (length > MAX_LINE_CHARS) {
                number++;
                return SourceRecord.unreadable(number, line, "record", "the line is longer than " + MAX_LINE_CHARS
                        + " characters", null);
            }
            if (buffer.toString().isBlank()) {
                continue;
            }
            number++;
            JsonNode node;
            try {
                node = mapper.readTree(buffer.toString());
            } catch (JsonProcessingException e) {
                return SourceRecord.unreadable(number, line, "record", "not a JSON object (" + e.getOriginalMessage()
                        + ")", null);
            }
            if (!(node instanceof ObjectNode object)) {
                return SourceRecord.unreadable(number, line, "record", "not a JSON object", null);
            }
            String original = redacted(object);
            try {
                return SourceRecord.of(number, line, user(object), original);
            } catch (Unreadable e) {
                return SourceRecord.unreadable(number, line, e.field(), e.getMessage(), original);
            }
        }
    }

    /** Reads one line into the buffer (up to the limit); its length, or -1 at the end of the file. */
    private int readLine() throws IOException {
        buffer.setLength(0);
        int length = 0;
        int c;
        while ((c = reader.read()) >= 0 && c != '\n') {
            length = length == Integer.MAX_VALUE ? length : length + 1;
            if (length <= MAX_LINE_CHARS && c != '\r') {
                buffer.append((char) c);
            }
        }
        return c < 0 && length == 0 ? -1 : length;
    }

    private String redacted(ObjectNode object) throws JsonProcessingException {
        String key = args.source("password_hash");
        if (!object.has(key) || object.get(key).isNull()) {
            return mapper.writeValueAsString(object);
        }
        ObjectNode copy = object.deepCopy();
        copy.put(key, SourceRecord.REDACTED);
        return mapper.writeValueAsString(copy);
    }

    private ImportedUser user(ObjectNode o) {
        ImportedUser.Builder b = ImportedUser.newBuilder()
                .externalId(externalId(value(o, "external_id")))
                .email(text("email", value(o, "email")), bool("email_verified", value(o, "email_verified")))
                .phone(text("phone", value(o, "phone")), bool("phone_verified", value(o, "phone_verified")))
                .passwordHash(text("password_hash", value(o, "password_hash")))
                .roles(roles(value(o, "roles")))
                .createdAt(time(value(o, "created_at")));
        Map<String, String> profile = profile(value(o, "profile"));
        for (Map.Entry<String, String> e : args.profile().entrySet()) {
            String v = text("profile", nonNull(o.get(e.getValue())));
            if (v != null) {
                profile = profile == null ? new LinkedHashMap<>() : profile;
                profile.put(e.getKey(), v);
            }
        }
        return b.profile(profile).build();
    }

    private JsonNode value(ObjectNode o, String field) {
        return nonNull(o.get(args.source(field)));
    }

    private static JsonNode nonNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    private static String text(String field, JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Unreadable(field, field.equals("profile") ? "profile values must be strings"
                    : field.equals("roles") ? "roles must be an array of strings" : field + " must be a string");
        }
        return node.textValue();
    }

    private static String externalId(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject() && node.size() == 1 && node.path("$oid").isTextual()) {
            return node.get("$oid").textValue();
        }
        if (node.isIntegralNumber()) {
            return node.asText();
        }
        return text("external_id", node);
    }

    private static boolean bool(String field, JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() || node.isTextual()) {
            return FieldValues.bool(field, node.asText());
        }
        throw new Unreadable(field, field + " must be true or false");
    }

    private static Set<String> roles(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw new Unreadable("roles", "roles must be an array of strings");
        }
        Set<String> roles = new LinkedHashSet<>();
        for (JsonNode role : node) {
            roles.add(text("roles", role));
        }
        return roles;
    }

    private static Instant time(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject() && node.size() == 1 && node.has("$date")) {
            JsonNode date = node.get("$date");
            if (date.isTextual()) {
                return FieldValues.instant("created_at", date.textValue());
            }
            JsonNode millis = date.isIntegralNumber() ? date : date.path("$numberLong");
            if (millis.isIntegralNumber() || (millis.isTextual() && millis.textValue().matches("-?[0-9]{1,18}"))) {
                return Instant.ofEpochMilli(millis.asLong());
            }
        }
        return FieldValues.instant("created_at", text("created_at", node));
    }

    private static Map<String, String> profile(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw new Unreadable("profile", "profile must be an object of strings");
        }
        Map<String, String> profile = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String v = text("profile", nonNull(e.getValue()));
            if (v != null) {
                profile.put(e.getKey(), v);
            }
        }
        return profile;
    }
}
