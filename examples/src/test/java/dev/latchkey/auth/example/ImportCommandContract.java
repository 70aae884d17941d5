package dev.latchkey.auth.example;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.latchkey.auth.example.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line importer ({@code auth-example.jar import}) run in-process over a database, written once and run
 * per database: each input format, re-import, bad records and their rejects file, dry run, and logins over HTTP to the
 * app on the same database with the hashes the records brought (bcrypt, Keycloak's PBKDF2-SHA-256 and Argon2id).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImportCommandContract {
    static final String PASSWORD = "Vivid-Otter-Lantern-42";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AtomicInteger sequence = new AtomicInteger();
    private final String run = HexFormat.of().formatHex(bytes(4));
    /** A bcrypt hash of {@link #PASSWORD} in the plain {@code $2a$} form Node's bcrypt packages write. */
    final String bcrypt = BCrypt.withDefaults().hashToString(4, PASSWORD.toCharArray());
    Path dir;
    Map<String, String> env;
    ExampleApp app;
    Api api;

    /** The environment that points the app and the importer at this class's database. */
    abstract Map<String, String> environment(Path dataDir);

    /** A table prefix for databases shared between runs; none by default. */
    String tablePrefix() {
        return "";
    }

    @BeforeAll
    void startApp() throws IOException {
        dir = Files.createTempDirectory("latchkey-import");
        env = environment(dir.resolve("data"));
        app = ExampleApp.start(Settings.fromEnvironment(env).withTablePrefix(tablePrefix()));
        api = new Api(app.port());
    }

    @AfterAll
    void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    /** What one run of the importer did. */
    record Result(int status, String out, String err) {
    }

    Result importer(String... args) {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int status = ImportCommand.run(args, env, s -> s.withTablePrefix(tablePrefix()),
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path file(String name, String content) throws IOException {
        Path file = dir.resolve(sequence.incrementAndGet() + "-" + name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    String email(String name) {
        return name + "-" + run + "-" + sequence.incrementAndGet() + "@example.com";
    }

    String externalId(String name) {
        return name + "-" + run + "-" + sequence.incrementAndGet();
    }

    Optional<String> userId(String externalId) {
        return app.authService().imports().findUserId(externalId);
    }

    Api.Reply login(String email, String password) {
        return api.post("/api/auth/login", "{\"email\":" + quote(email) + ",\"password\":" + quote(password) + "}");
    }

    static List<JsonNode> rejects(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static String phone() {
        return "+1415555" + String.format("%04d", RANDOM.nextInt(10_000));
    }

    // ---- JSON Lines --------------------------------------------------------------------------------------------------

    @Test
    void jsonLines_importsEveryField_andTheBcryptHashLogsIn() throws IOException {
        String ada = email("ada");
        String grace = email("grace");
        String adaId = externalId("ada");
        String graceId = externalId("grace");
        Path input = file("users.jsonl", "{\"external_id\":" + quote(adaId) + ",\"email\":" + quote(ada)
                + ",\"email_verified\":true,\"password_hash\":" + quote(bcrypt) + ",\"profile\":{\"name\":\"Ada\"},"
                + "\"roles\":[\"user\",\"admin\"],\"created_at\":\"2021-03-04T05:06:07Z\"}\n"
                + "\n"
                + "{\"external_id\":" + quote(graceId) + ",\"email\":" + quote(grace) + ",\"email_verified\":1}\n");

        Result result = importer(input.toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).contains("read 2 records", "2 imported, 0 already present, 0 rejected");
        assertThat(Files.exists(Path.of(input + ".rejects.jsonl"))).isFalse();
        assertThat(userId(adaId)).isPresent();
        JsonNode tokens = login(ada, PASSWORD).ok(200);
        assertThat(tokens.path("user").path("id").asText()).isEqualTo(userId(adaId).orElseThrow());
        assertThat(tokens.path("user").path("profile").path("name").asText()).isEqualTo("Ada");
        assertThat(tokens.path("user").path("roles").toString()).contains("admin");
        assertThat(app.authService().accounts().get(userId(adaId).orElseThrow()).createdAt())
                .isEqualTo(java.time.Instant.parse("2021-03-04T05:06:07Z"));
        assertThat(app.authService().accounts().get(userId(graceId).orElseThrow()).hasPassword()).isFalse();
        login(ada, "Not-The-Password-1").problem(401, "invalid_credentials");
    }

    @Test
    void jsonLines_importedAgain_changesNothing() throws IOException {
        String id = externalId("again");
        String email = email("again");
        Path input = file("again.jsonl", "{\"external_id\":" + quote(id) + ",\"email\":" + quote(email)
                + ",\"email_verified\":true,\"password_hash\":" + quote(bcrypt) + "}\n"
                + "{\"email\":" + quote(email("nophone")) + "}\n");
        assertThat(importer(input.toString()).status()).isZero();
        String first = userId(id).orElseThrow();
        var before = app.authService().accounts().get(first);

        Result again = importer(input.toString());

        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).contains("0 imported, 2 already present, 0 rejected");
        assertThat(userId(id)).contains(first);
        assertThat(app.authService().accounts().get(first)).isEqualTo(before);
    }

    @Test
    void badRecords_areRejectedOneByOne_theOthersImported_andTheRejectsFileNamesThem() throws IOException {
        String good = email("good");
        String taken = email("taken");
        String goodId = externalId("good");
        String takenId = externalId("taken");
        String unknownHash = "md5$" + HexFormat.of().formatHex(bytes(16));
        Path input = file("bad.jsonl", String.join("\n",
                "{\"external_id\":" + quote(goodId) + ",\"email\":" + quote(good) + ",\"email_verified\":true,"
                        + "\"password_hash\":" + quote(bcrypt) + "}",
                "{\"external_id\":" + quote(externalId("noat")) + ",\"email\":\"not-an-email\",\"password_hash\":"
                        + quote(bcrypt) + "}",
                "{\"email\": " + quote(email("broken")) + ", \"password_hash\": " + quote(bcrypt),
                "{\"email\":" + quote(email("late")) + ",\"created_at\":\"yesterday\",\"password_hash\":"
                        + quote(bcrypt) + "}",
                "{\"email\":" + quote(email("md5")) + ",\"password_hash\":" + quote(unknownHash) + "}",
                "{\"external_id\":" + quote(takenId) + ",\"email\":" + quote(taken) + "}",
                "{\"external_id\":" + quote(externalId("other")) + ",\"email\":" + quote(taken) + "}",
                "[1,2]", ""));

        Result result = importer(input.toString(), "--batch-size", "3");

        assertThat(result.status()).as(result.out() + result.err()).isEqualTo(1);
        assertThat(result.out()).contains("read 8 records", "2 imported, 0 already present, 6 rejected");
        assertThat(userId(goodId)).isPresent();
        assertThat(userId(takenId)).isPresent();
        login(good, PASSWORD).ok(200);
        Path rejectsFile = Path.of(input + ".rejects.jsonl");
        String text = Files.readString(rejectsFile);
        assertThat(text).doesNotContain(bcrypt).doesNotContain(unknownHash).doesNotContain("$2a$");
        List<JsonNode> rejects = rejects(rejectsFile);
        assertThat(rejects).extracting(r -> r.path("record").asLong()).containsExactly(2L, 3L, 4L, 5L, 7L, 8L);
        assertThat(rejects).extracting(r -> r.path("field").asText())
                .containsExactly("email", "record", "created_at", "password_hash", "email", "record");
        assertThat(rejects).extracting(r -> r.path("status").asText())
                .containsExactly("invalid", "invalid", "invalid", "invalid", "conflict", "invalid");
        assertThat(rejects).allSatisfy(r -> assertThat(r.path("reason").asText()).isNotBlank());
        assertThat(rejects.get(0).path("original").asText()).contains("not-an-email", "[redacted]");
        assertThat(rejects.get(1).path("original").isNull()).isTrue();
        assertThat(rejects.get(4).path("existing_user_id").asText()).isEqualTo(userId(takenId).orElseThrow());
    }

    @Test
    void dryRun_checksEveryRecord_andWritesNothing() throws IOException {
        String present = externalId("present");
        Path first = file("present.jsonl", "{\"external_id\":" + quote(present) + ",\"email\":"
                + quote(email("present")) + "}\n");
        assertThat(importer(first.toString()).status()).isZero();
        String fresh = externalId("fresh");
        Path input = file("dry.jsonl", "{\"external_id\":" + quote(present) + ",\"email\":" + quote(email("x"))
                + "}\n{\"external_id\":" + quote(fresh) + ",\"email\":" + quote(email("fresh")) + ",\"password_hash\":"
                + quote(bcrypt) + "}\n{\"email\":\"nope\"}\n");
        Map<String, Long> formats = app.authService().imports().passwordHashFormats();

        Result result = importer("--dry-run", input.toString());

        assertThat(result.status()).as(result.err()).isEqualTo(1);
        assertThat(result.out()).contains("dry run: nothing is written", "checked 3 records",
                "1 would be imported, 1 already present, 1 rejected");
        assertThat(userId(fresh)).isEmpty();
        assertThat(app.authService().imports().passwordHashFormats()).isEqualTo(formats);
        assertThat(rejects(Path.of(input + ".rejects.jsonl"))).singleElement()
                .satisfies(r -> assertThat(r.path("field").asText()).isEqualTo("email"));
    }

    @Test
    void mongoexportLines_withFieldMapping_readExtendedJson() throws IOException {
        String oid = HexFormat.of().formatHex(bytes(12));
        String email = email("mongo");
        Path input = file("mongo.json", "{\"_id\":{\"$oid\":\"" + oid + "\"},\"email\":" + quote(email)
                + ",\"verified\":true,\"password\":" + quote(bcrypt) + ",\"name\":\"Mo\",\"createdAt\":{\"$date\":"
                + "\"2022-01-02T03:04:05.678Z\"},\"__v\":0}\n");

        Result result = importer(input.toString(), "--column", "external_id=_id", "--column=email_verified=verified",
                "--column", "password_hash=password", "--column", "created_at=createdAt", "--profile", "name=name");

        assertThat(result.status()).as(result.err()).isZero();
        String id = userId(oid).orElseThrow();
        assertThat(app.authService().accounts().get(id).profile()).isEqualTo(Map.of("name", "Mo"));
        assertThat(app.authService().accounts().get(id).createdAt())
                .isEqualTo(java.time.Instant.parse("2022-01-02T03:04:05.678Z"));
        login(email, PASSWORD).ok(200);
    }

    // ---- CSV ---------------------------------------------------------------------------------------------------------

    @Test
    void csv_withMappedColumns_importsAndLogsIn() throws IOException {
        String email = email("csv");
        String id = externalId("csv");
        String phone = phone();
        Path input = file("users.csv", "id,user_email,pw,confirmed,mobile,first_name,groups,joined\r\n"
                + id + "," + email + "," + bcrypt + ",t," + phone + ",\"Lovelace, Ada\",\"{user,admin}\","
                + "2020-05-06 07:08:09+00\r\n"
                + externalId("bad") + ",x@," + bcrypt + ",maybe,,,,\r\n");

        Result result = importer("--format", "csv", "--column", "external_id=id", "--column", "email=user_email",
                "--column", "password_hash=pw", "--column", "email_verified=confirmed", "--column", "phone=mobile",
                "--column", "roles=groups", "--column", "created_at=joined", "--profile", "name=first_name",
                input.toString());

        assertThat(result.status()).as(result.err()).isEqualTo(1);
        var user = app.authService().accounts().get(userId(id).orElseThrow());
        assertThat(user.emailVerified()).isTrue();
        assertThat(user.phone()).contains(phone);
        assertThat(user.roles()).contains("admin", "user");
        assertThat(user.profile()).isEqualTo(Map.of("name", "Lovelace, Ada"));
        assertThat(user.createdAt()).isEqualTo(java.time.Instant.parse("2020-05-06T07:08:09Z"));
        login(email, PASSWORD).ok(200);
        JsonNode reject = rejects(Path.of(input + ".rejects.jsonl")).get(0);
        assertThat(reject.path("record").asLong()).isEqualTo(2);
        assertThat(reject.path("line").asLong()).isEqualTo(3);
        assertThat(reject.path("field").asText()).isEqualTo("email_verified");
        assertThat(reject.path("original").asText()).contains("x@,[redacted],maybe").doesNotContain(bcrypt);
    }

    // ---- Keycloak ----------------------------------------------------------------------------------------------------

    @Test
    void keycloakRealmExport_importsPbkdf2AndArgon2Users_thatLogIn() throws Exception {
        String alice = email("alice");
        String bob = email("bob");
        String aliceId = java.util.UUID.randomUUID().toString();
        String bobId = java.util.UUID.randomUUID().toString();
        String carolId = java.util.UUID.randomUUID().toString();
        String daveId = java.util.UUID.randomUUID().toString();
        byte[] aliceSalt = bytes(16);
        byte[] bobSalt = bytes(16);
        String realm = Files.readString(Path.of("src/test/resources/keycloak-realm-export.json"))
                .replace("%ALICE_ID%", aliceId).replace("%ALICE_EMAIL%", alice)
                .replace("%ALICE_SECRET%", secret(pbkdf2Sha256(PASSWORD, aliceSalt, 27_500), aliceSalt))
                .replace("%BOB_ID%", bobId).replace("%BOB_EMAIL%", bob)
                .replace("%BOB_SECRET%", secret(argon2id(PASSWORD, bobSalt), bobSalt))
                .replace("%CAROL_ID%", carolId).replace("%CAROL_EMAIL%", email("carol"))
                .replace("%DAVE_ID%", daveId).replace("%DAVE_EMAIL%", email("dave"))
                .replace("%DAVE_SECRET%", secret(bytes(64), bytes(16)));
        Path input = file("realm.json", realm);

        Result result = importer("--format", "keycloak", input.toString());

        assertThat(result.status()).as(result.out() + result.err()).isEqualTo(1);
        assertThat(result.out()).contains("read 4 records", "2 imported", "2 rejected",
                "skipped 1 Keycloak service-account users");
        JsonNode tokens = login(alice, PASSWORD).ok(200);
        assertThat(tokens.path("user").path("id").asText()).isEqualTo(userId(aliceId).orElseThrow());
        assertThat(tokens.path("user").path("profile").path("first_name").asText()).isEqualTo("Alice");
        assertThat(tokens.path("user").path("roles").toString()).contains("admin")
                .doesNotContain("default-roles-myrealm", "offline_access");
        login(bob, PASSWORD).ok(200);
        login(bob, "Not-The-Password-1").problem(401, "invalid_credentials");
        List<JsonNode> rejects = rejects(Path.of(input + ".rejects.jsonl"));
        assertThat(rejects).extracting(r -> r.path("field").asText()).containsExactly("enabled", "password_hash");
        assertThat(rejects.get(1).path("reason").asText()).contains("HMAC-SHA1");
        assertThat(rejects.get(1).path("original").asText()).contains(daveId, "\"credentials\":\"[redacted]\"")
                .doesNotContain("secretData");

        assertThat(importer("--format", "keycloak", input.toString()).out()).contains("0 imported, 2 already present");
    }

    static String secret(byte[] value, byte[] salt) throws IOException {
        String secretData = JSON.writeValueAsString(Map.of("value", Base64.getEncoder().encodeToString(value),
                "salt", Base64.getEncoder().encodeToString(salt), "additionalParameters", Map.of()));
        String quoted = JSON.writeValueAsString(secretData);
        return quoted.substring(1, quoted.length() - 1); // inside the template's quotes
    }

    /** Keycloak's pbkdf2-sha256: PBKDF2WithHmacSHA256, a 512-bit derived key. */
    static byte[] pbkdf2Sha256(String password, byte[] salt, int iterations) throws GeneralSecurityException {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 512)).getEncoded();
    }

    /** Keycloak's argon2 defaults: Argon2id 1.3, 7168 KiB, 5 iterations, 1 lane, 32 bytes. */
    static byte[] argon2id(String password, byte[] salt) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(0x13)
                .withMemoryAsKB(7168).withIterations(5).withParallelism(1).withSalt(salt).build());
        byte[] out = new byte[32];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
