package dev.latchkey.auth.example;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.auth.example.ImportArgs.UsageException;
import dev.latchkey.auth.example.SourceRecord.Unreadable;

import java.io.IOException;
import java.nio.file.Files;

/**
 * A Keycloak realm export ({@code kc.sh export --realm R --file realm.json}, or one of the {@code R-users-N.json}
 * files of {@code --dir}): the top-level {@code users} array (a file without one is a usage error), streamed one user at a time ({@link KeycloakUsers} maps
 * each). Service-account users of clients are skipped and counted ({@link #skipped()}).
 */
final class KeycloakSource extends ReadAheadSource {
    private final ImportArgs args;
    private final ObjectMapper mapper;
    private final JsonParser parser;
    private final KeycloakUsers users;
    private boolean inUsers;
    private long number;
    private long skipped;

    private KeycloakSource(ImportArgs args, ObjectMapper mapper, Counting counting) throws IOException {
        super(counting);
        this.args = args;
        // Users are read one by one off the parser, with more of the file after each.
        this.mapper = mapper.copy().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.parser = this.mapper.getFactory().createParser(FieldValues.utf8(counting));
        this.users = new KeycloakUsers(this.mapper);
    }

    /**
     * Opens the export.
     *
     * @throws UsageException when the file is not a JSON object
     */
    static KeycloakSource open(ImportArgs args, ObjectMapper mapper) throws IOException {
        KeycloakSource source = new KeycloakSource(args, mapper, new Counting(Files.newInputStream(args.file())));
        try {
            if (source.parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UsageException(args.file() + " is not a Keycloak realm export (a JSON object with users)");
            }
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e instanceof UsageException u ? u
                    : new UsageException(args.file() + " is not a Keycloak realm export (not JSON)");
        }
        return source;
    }

    /** Service-account users skipped so far. */
    long skipped() {
        return skipped;
    }

    @Override
    String readFailure(IOException e) {
        return "cannot read " + args.file() + " near line " + parser.currentLocation().getLineNr() + " ("
                + e.getClass().getSimpleName() + ")";
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    @Override
    SourceRecord read() throws IOException {
        if (!inUsers && !findUsers()) {
            return null;
        }
        while (true) {
            JsonToken token = parser.nextToken();
            if (token == null || token == JsonToken.END_ARRAY) {
                return null; // Keycloak writes one users array; what follows it is not read
            }
            long line = parser.currentLocation().getLineNr();
            JsonNode user = mapper.readTree(parser);
            number++;
            if (!user.isObject()) {
                return SourceRecord.unreadable(number, line, "record", "a Keycloak user is a JSON object", null);
            }
            if (KeycloakUsers.serviceAccount(user)) {
                number--;
                skipped++;
                continue;
            }
            String original = users.redacted(user);
            try {
                return SourceRecord.of(number, line, users.user(user), original);
            } catch (Unreadable e) {
                return SourceRecord.unreadable(number, line, e.field(), e.getMessage(), original);
            }
        }
    }

    /** Moves to the first user of the top-level users array; false when there is none. */
    private boolean findUsers() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("users") && value == JsonToken.START_ARRAY) {
                inUsers = true;
                return true;
            }
            parser.skipChildren();
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IOException("the realm export is not a complete JSON object");
        }
        throw new UsageException(args.file() + " has no users array: export the realm with its users (kc.sh export "
                + "--users realm_file), or import each REALM-users-N.json file of a --dir export");
    }
}
