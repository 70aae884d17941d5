package dev.latchkey.auth.example;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import static dev.latchkey.auth.example.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The importer's usage errors, dry runs against a database without Latchkey's tables, progress output, and an import
 * into the default H2 file database of {@code AUTH_DATA_DIR} that the app then serves.
 */
class ImportCommandTest {
    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    static Result run(Map<String, String> env, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ImportCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> memoryDb(String name) {
        return Map.of("AUTH_DATA_DIR", dir.resolve("data").toString(), "AUTH_DB_URL", "jdbc:h2:mem:" + name
                + ";DB_CLOSE_DELAY=-1");
    }

    private Path file(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void usageErrors_exitWith2_andSayWhat() throws IOException {
        Map<String, String> env = memoryDb("usage-" + UUID.randomUUID());
        Path jsonl = file("u.jsonl", "{\"email\":\"a@example.com\"}\n");
        Path csv = file("u.csv", "mail,pw\na@example.com,x\n");

        assertThat(run(env, false, "--verbose", jsonl.toString())).satisfies(r -> {
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err()).contains("unknown flag --verbose", "--help");
        });
        assertThat(run(env, false, dir.resolve("missing.jsonl").toString()).err()).contains("no such file");
        assertThat(run(env, false, "--format", "xml", jsonl.toString()).err()).contains("--format must be");
        assertThat(run(env, false, "--column", "mail=email", jsonl.toString()).err()).contains("--column names a field");
        assertThat(run(env, false, csv.toString()).err()).contains("no email or phone column");
        assertThat(run(env, false, "--column", "email=user_email", csv.toString()).err())
                .contains("column user_email");
        assertThat(run(env, false).err()).contains("no input file");
        assertThat(run(env, false, "--batch-size", "0", jsonl.toString()).err()).contains("--batch-size");
        assertThat(run(env, false, "--format", "keycloak", csv.toString()).err())
                .contains("not a Keycloak realm export");
        assertThat(run(env, false, "--format", "keycloak", jsonl.toString()).err()).contains("has no users array");
        assertThat(run(Map.of("AUTH_DB_URL", "postgres://x"), false, jsonl.toString()))
                .satisfies(r -> assertThat(r.err()).contains("AUTH_DB_URL"));
        for (String[] args : new String[][] {{"--verbose", jsonl.toString()}, {dir.resolve("missing").toString()},
                {"--format", "xml", jsonl.toString()}, {csv.toString()}, {"--format", "keycloak", jsonl.toString()},
                {}}) {
            assertThat(run(env, false, args).status()).as(String.join(" ", args)).isEqualTo(2);
        }
    }

    @Test
    void help_printsTheFlags() {
        Result r = run(Map.of(), false, "--help");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("--format jsonl|csv|keycloak", "--column FIELD=NAME", "--dry-run", "--rejects");
    }

    @Test
    void dryRun_onADatabaseWithoutLatchkeysTables_createsNone() throws IOException, SQLException {
        String name = "dry-" + UUID.randomUUID();
        Path input = file("d.jsonl", "{\"email\":\"a@example.com\"}\n{\"email\":\"b@example.com\",\"phone\":\"12\"}\n");
        try (Connection keepAlive = DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")) {
            Result r = run(memoryDb(name), false, "--dry-run", input.toString());

            assertThat(r.status()).as(r.err()).isEqualTo(1);
            assertThat(r.out()).contains("no current Latchkey schema", "1 would be imported");
            try (ResultSet rs = keepAlive.createStatement().executeQuery(
                    "select count(*) from information_schema.tables where lower(table_name) like 'latchkey%'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void dryRun_withTheDefaultDataDirectory_createsNoDirectoryKeyOrDatabase() throws IOException {
        Path data = dir.resolve("fresh-data");
        Path input = file("d.jsonl", "{\"email\":\"a@example.com\"}\n");

        Result r = run(Map.of("AUTH_DATA_DIR", data.toString()), false, "--dry-run", input.toString());

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("there is no database in AUTH_DATA_DIR yet", "1 would be imported");
        assertThat(data).doesNotExist();
    }

    @Test
    void importIntoTheDefaultDataDirectory_isServedByTheApp() throws IOException {
        Path data = dir.resolve("data");
        String hash = BCrypt.withDefaults().hashToString(4, ImportCommandContract.PASSWORD.toCharArray());
        Path input = file("users.jsonl", "{\"external_id\":\"7\",\"email\":\"ada@example.com\",\"email_verified\":true,"
                + "\"password_hash\":" + quote(hash) + "}\n");
        Map<String, String> env = Map.of("AUTH_DATA_DIR", data.toString(), "PORT", "0");

        Result r = run(env, false, input.toString());

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("imported password hashes waiting for their owner's first login: 1");
        assertThat(data.resolve(MasterKeyFile.FILE_NAME)).exists();
        assertThat(run(env, false, "--status").out()).contains("waiting for their owner's first login: 1")
                .contains("password hashes by format: bcrypt 1");
        try (ExampleApp app = ExampleApp.start(Settings.fromEnvironment(env))) {
            new Api(app.port()).post("/api/auth/login", "{\"email\":\"ada@example.com\",\"password\":"
                    + quote(ImportCommandContract.PASSWORD) + "}").ok(200);
            assertThat(app.authService().imports().findUserId("7")).isPresent();
        }
    }

    @Test
    void progress_isPlainLinesWhenNotATerminal_andABarOnOne() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < ImportProgress.LINE_EVERY + 5; i++) {
            lines.append("{\"external_id\":\"p").append(i).append("\",\"email\":\"p").append(i)
                    .append("@example.com\"}\n");
        }
        Path input = file("many.jsonl", lines.toString());

        Result plain = run(memoryDb("progress-" + UUID.randomUUID()), false, input.toString());
        Result bar = run(memoryDb("progress-" + UUID.randomUUID()), true, "--dry-run", input.toString());

        assertThat(plain.status()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("progress: ").contains("10,000 records (0 rejected)").contains(" left")
                .doesNotContain("\r");
        assertThat(bar.status()).as(bar.err()).isZero();
        assertThat(bar.out()).contains("\r[##############################] 100% 10,005 records (0 rejected)")
                .contains("done in").doesNotContain("progress: ");
    }
}
