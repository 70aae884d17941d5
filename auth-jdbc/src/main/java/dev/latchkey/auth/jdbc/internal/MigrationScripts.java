package dev.latchkey.auth.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The migration scripts of a dialect, discovered on the classpath, and the statements in them.
 *
 * <p>A dialect's folder is {@code dev/latchkey/auth/jdbc/migrations/<dialect>/}, located through the
 * {@value #VERSION_TABLE_SCRIPT} it always holds (so a jar without directory entries works too) and listed whether it
 * is a directory ({@code file:} URLs: tests, IDEs) or part of a jar ({@code jar:} URLs, read through
 * {@link JarURLConnection}, which also serves nested jars whose URL handler supports it). Every other {@code .sql}
 * file in it must be named {@code V<n>__<description>.sql}; scripts are ordered by {@code n} as a number.
 *
 * <p>A script is plain SQL: statements end with {@code ;}, lines starting with {@code --} are comments, and
 * {@code ${prefix}} stands for the table prefix. A comment {@code -- latchkey:if-column-absent <table> <column>} or
 * {@code -- latchkey:if-column-present <table> <column>} right before a statement makes the migrator run it only
 * then: it lets the scripts of databases whose DDL commits at once (MariaDB, H2) run again cleanly after an
 * interruption, without syntax MySQL lacks. Other tools see a comment and run the statement, which is right on a
 * first run.
 */
public final class MigrationScripts {
    /** The script that creates (and upgrades) the schema-version table; in every dialect's folder. */
    public static final String VERSION_TABLE_SCRIPT = "schema_version.sql";

    private static final String ROOT = "dev/latchkey/auth/jdbc/migrations/";
    private static final Pattern NAME = Pattern.compile("V([1-9][0-9]{0,8})__(\\w+)\\.sql");
    private static final Pattern DIRECTIVE =
            Pattern.compile("--\\s*latchkey:if-column-(absent|present)\\s+(\\w+)\\s+(\\w+)\\s*");

    private MigrationScripts() {
    }

    /**
     * One versioned script as shipped.
     *
     * @param version     the {@code n} of its name
     * @param description the rest of its name, recorded beside the version
     * @param checksum    hex SHA-256 of its bytes, recorded when it is applied
     * @param text        its content, UTF-8
     */
    public record Script(int version, String description, String checksum, String text) {
        /** Checks the fields. */
        public Script {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(checksum, "checksum");
            Objects.requireNonNull(text, "text");
        }

        /** The file name, such as {@code V1__users.sql}. */
        public String fileName() {
            return "V" + version + "__" + description + ".sql";
        }
    }

    /**
     * One statement of a script.
     *
     * @param sql       the statement, prefix filled in, without its {@code ;}
     * @param condition when to run it, or null for always
     */
    public record Statement(String sql, ColumnCondition condition) {
    }

    /**
     * Runs a statement only if {@code table} has (or lacks) {@code column}.
     *
     * @param present whether the column must exist (else it must not)
     * @param table   the full table name, prefix filled in
     * @param column  the column
     */
    public record ColumnCondition(boolean present, String table, String column) {
    }

    /** The folder of a dialect's scripts, as a resource path without a leading slash. */
    public static String folder(Dialect dialect) {
        return ROOT + dialect.id() + "/";
    }

    /**
     * Every versioned script of {@code dialect} visible to {@code loader}, ordered by version.
     *
     * @throws IllegalStateException when the folder is missing or cannot be listed, a {@code .sql} file in it is
     *                               misnamed, or two scripts share a version
     */
    public static List<Script> discover(ClassLoader loader, Dialect dialect) {
        Map<String, byte[]> files = listFolder(loader, folder(dialect));
        TreeMap<Integer, Script> byVersion = new TreeMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String name = file.getKey();
            if (name.equals(VERSION_TABLE_SCRIPT) || !name.endsWith(".sql")) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IllegalStateException("Latchkey migration " + folder(dialect) + name
                        + " is not named V<number>__<description>.sql");
            }
            Script script = new Script(Integer.parseInt(m.group(1)), m.group(2), checksum(file.getValue()),
                    new String(file.getValue(), StandardCharsets.UTF_8));
            Script clash = byVersion.put(script.version(), script);
            if (clash != null) {
                throw new IllegalStateException("Latchkey migrations " + clash.fileName() + " and "
                        + script.fileName() + " in " + folder(dialect) + " have the same version");
            }
        }
        return List.copyOf(byVersion.values());
    }

    /** The text of a dialect's {@value #VERSION_TABLE_SCRIPT}. */
    public static String versionTableScript(ClassLoader loader, Dialect dialect) {
        String resource = folder(dialect) + VERSION_TABLE_SCRIPT;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing migration resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read migration resource " + resource, e);
        }
    }

    /** The statements of a script with the table prefix filled in, in order. */
    public static List<Statement> statements(String script, String prefix) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        ColumnCondition condition = null;
        for (String line : script.replace("${prefix}", prefix).split("\r?\n")) {
            String stripped = line.strip();
            Matcher directive = DIRECTIVE.matcher(stripped);
            if (directive.matches()) {
                if (!sql.toString().isBlank() || condition != null) {
                    throw new IllegalStateException("A latchkey:if-column directive must come right before its "
                            + "statement: " + stripped);
                }
                condition = new ColumnCondition(directive.group(1).equals("present"), directive.group(2),
                        directive.group(3));
                continue;
            }
            if (stripped.startsWith("--")) {
                continue;
            }
            String rest = line;
            for (int end = rest.indexOf(';'); end >= 0; end = rest.indexOf(';')) {
                sql.append(rest, 0, end);
                if (!sql.toString().isBlank()) {
                    statements.add(new Statement(sql.toString().strip(), condition));
                    condition = null;
                }
                sql.setLength(0);
                rest = rest.substring(end + 1);
            }
            sql.append(rest).append('\n');
        }
        if (!sql.toString().isBlank()) {
            statements.add(new Statement(sql.toString().strip(), condition));
        } else if (condition != null) {
            throw new IllegalStateException("A latchkey:if-column directive is followed by no statement");
        }
        return List.copyOf(statements);
    }

    /** Hex SHA-256 of {@code bytes}. */
    static String checksum(byte[] bytes) {
        return HexFormat.of().formatHex(Dialect.sha256(bytes));
    }

    /** File name to content of every file directly in {@code folder}, which holds {@value #VERSION_TABLE_SCRIPT}. */
    private static Map<String, byte[]> listFolder(ClassLoader loader, String folder) {
        URL anchor;
        try {
            Enumeration<URL> found = loader.getResources(folder + VERSION_TABLE_SCRIPT);
            if (!found.hasMoreElements()) {
                throw new IllegalStateException("No Latchkey migrations on the classpath: " + folder
                        + VERSION_TABLE_SCRIPT + " is missing");
            }
            anchor = found.nextElement();
            Map<String, byte[]> files = new TreeMap<>();
            switch (anchor.getProtocol()) {
                case "file" -> listDirectory(Path.of(anchor.toURI()).getParent(), files);
                case "jar" -> listJar((JarURLConnection) anchor.openConnection(), files);
                default -> throw new IllegalStateException("Cannot list Latchkey migrations at " + anchor
                        + ": only file: and jar: URLs are supported");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the Latchkey migrations in " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Could not list the Latchkey migrations in " + folder, e);
        }
    }

    private static void listDirectory(Path directory, Map<String, byte[]> files) throws IOException {
        try (Stream<Path> paths = Files.list(directory)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(path.getFileName().toString(), Files.readAllBytes(path));
            }
        }
    }

    private static void listJar(JarURLConnection connection, Map<String, byte[]> files) throws IOException {
        connection.setUseCaches(false);
        String entryName = connection.getEntryName();
        String folder = entryName.substring(0, entryName.lastIndexOf('/') + 1);
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(folder) || name.indexOf('/', folder.length()) >= 0) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    files.put(name.substring(folder.length()), in.readAllBytes());
                }
            }
        }
    }
}
