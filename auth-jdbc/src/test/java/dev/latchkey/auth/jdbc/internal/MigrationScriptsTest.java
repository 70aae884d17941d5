package dev.latchkey.auth.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import dev.latchkey.auth.jdbc.internal.MigrationScripts.ColumnCondition;
import dev.latchkey.auth.jdbc.internal.MigrationScripts.Script;
import dev.latchkey.auth.jdbc.internal.MigrationScripts.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovering the scripts of a dialect in a directory or a jar, and splitting a script into statements. */
class MigrationScriptsTest {
    private static final String FOLDER = "dev/latchkey/auth/jdbc/migrations/h2/";
    private static final String SECOND = "CREATE TABLE ${prefix}second (id INT);\n";
    private static final String TENTH = "-- the tenth\nCREATE TABLE ${prefix}tenth (id INT);\n";

    @TempDir
    Path temp;

    private static Map<String, String> twoScripts() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("schema_version.sql", "CREATE TABLE IF NOT EXISTS ${prefix}history (v INT);\n");
        files.put("V10__tenth.sql", TENTH);
        files.put("V2__second.sql", SECOND);
        files.put("README.txt", "not a migration");
        return files;
    }

    /** A jar holding {@code files} in the h2 folder, without directory entries, as some build tools make them. */
    private Path jar(Map<String, String> files) throws IOException {
        Path jar = temp.resolve("migrations.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                jarOut.putNextEntry(new JarEntry(FOLDER + file.getKey()));
                jarOut.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                jarOut.closeEntry();
            }
            jarOut.putNextEntry(new JarEntry(FOLDER + "nested/V3__elsewhere.sql"));
            jarOut.write("SELECT 1;".getBytes(StandardCharsets.UTF_8));
            jarOut.closeEntry();
        }
        return jar;
    }

    private Path directory(Map<String, String> files) throws IOException {
        Path root = temp.resolve("classes");
        Path folder = Files.createDirectories(root.resolve(FOLDER));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue());
        }
        return root;
    }

    private static List<Script> discover(Path classpathEntry) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classpathEntry.toUri().toURL()}, null)) {
            return MigrationScripts.discover(loader, Dialect.H2);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void discover_inAJarURL_findsTheScriptsOrderedByVersionNumber() throws Exception {
        List<Script> scripts = discover(jar(twoScripts()));

        assertThat(scripts).extracting(Script::fileName).containsExactly("V2__second.sql", "V10__tenth.sql");
        assertThat(scripts).extracting(Script::text).containsExactly(SECOND, TENTH);
    }

    @Test
    void discover_inAFileURL_findsTheScriptsOrderedByVersionNumber() throws Exception {
        List<Script> scripts = discover(directory(twoScripts()));

        assertThat(scripts).extracting(Script::version).containsExactly(2, 10);
        assertThat(scripts).extracting(Script::description).containsExactly("second", "tenth");
    }

    @Test
    void discover_recordsTheSha256OfEachScriptsBytes() throws Exception {
        List<Script> scripts = discover(jar(twoScripts()));

        assertThat(scripts).extracting(Script::checksum).containsExactly(sha256(SECOND), sha256(TENTH));
    }

    @Test
    void discover_withAMisnamedSqlFile_failsNamingIt() throws Exception {
        Map<String, String> files = twoScripts();
        files.put("V3_single_underscore.sql", "SELECT 1;");
        Path jar = jar(files);

        assertThatThrownBy(() -> discover(jar))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V3_single_underscore.sql");
    }

    @Test
    void discover_withTwoScriptsOfOneVersion_failsNamingBoth() throws Exception {
        Map<String, String> files = twoScripts();
        files.put("V2__again.sql", "SELECT 1;");
        Path directory = directory(files);

        assertThatThrownBy(() -> discover(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V2__again.sql")
                .hasMessageContaining("V2__second.sql");
    }

    @Test
    void discover_withoutTheDialectsFolder_failsNamingIt() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty"));

        assertThatThrownBy(() -> discover(empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(FOLDER);
    }

    @Test
    void statements_splitsOnSemicolonsSkipsCommentsAndFillsInThePrefix() {
        List<Statement> statements = MigrationScripts.statements(
                "-- a comment; with a semicolon\r\nCREATE TABLE ${prefix}a (id INT);\r\n\r\nDROP TABLE ${prefix}b;",
                "p_");

        assertThat(statements).extracting(Statement::sql)
                .containsExactly("CREATE TABLE p_a (id INT)", "DROP TABLE p_b");
        assertThat(statements).extracting(Statement::condition).containsOnlyNulls();
    }

    @Test
    void statements_withAColumnCondition_attachItToTheNextStatementOnly() {
        List<Statement> statements = MigrationScripts.statements("""
                -- latchkey:if-column-absent ${prefix}accounts pending_email
                -- an ordinary comment in between
                ALTER TABLE ${prefix}accounts
                    ADD COLUMN pending_email VARCHAR(254);
                -- latchkey:if-column-present ${prefix}accounts password_hash
                ALTER TABLE ${prefix}accounts DROP COLUMN password_hash;
                SELECT 1;
                """, "p_");

        assertThat(statements).extracting(Statement::condition).containsExactly(
                new ColumnCondition(false, "p_accounts", "pending_email"),
                new ColumnCondition(true, "p_accounts", "password_hash"),
                null);
    }

    @Test
    void statements_withAConditionInsideAStatement_fails() {
        assertThatThrownBy(() -> MigrationScripts.statements("""
                ALTER TABLE a
                -- latchkey:if-column-absent a b
                    ADD COLUMN b INT;
                """, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("right before its statement");
    }
}
