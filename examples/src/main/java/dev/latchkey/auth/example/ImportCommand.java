package dev.latchkey.auth.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.example.ImportArgs.UsageException;
import dev.latchkey.auth.imports.ImportOptions;
import dev.latchkey.auth.imports.ImportSummary;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * {@code java -jar auth-example.jar import [flags] FILE}: imports users with the password hashes they have from JSON
 * Lines, CSV or a Keycloak realm export into the app's database, with the app's {@code AUTH_*} settings; the summary
 * ends with how many imported hashes still wait for their owner's first login, which {@code import --status} prints
 * at any time (with the stored hashes by format).
 * {@link ImportArgs#USAGE} lists the flags. Exit status: {@value #OK} when every record was imported or already
 * present, {@value #REJECTED} when some were rejected (the others imported), {@value #USAGE} for a usage error (a bad
 * flag, a missing file, a bad setting), {@value #STOPPED} when the import stopped before the end of the file (the
 * database failed, the file could not be read); the batches before stay imported, and importing again resumes.
 */
final class ImportCommand {
    /** The first argument that selects the importer. */
    static final String NAME = "import";
    static final int OK = 0;
    static final int REJECTED = 1;
    static final int USAGE = 2;
    static final int STOPPED = 3;
    private static final String PREFIX = "latchkey-example import: ";

    private ImportCommand() {
    }

    /** Runs the importer with these arguments (after {@code import}) and environment; returns the exit status. */
    static int run(String[] argv, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal) {
        return run(argv, env, UnaryOperator.identity(), out, err, terminal);
    }

    /** As {@link #run(String[], Map, PrintStream, PrintStream, boolean)}, {@code adjust} changing the settings. */
    static int run(String[] argv, Map<String, String> env, UnaryOperator<Settings> adjust, PrintStream out,
                   PrintStream err, boolean terminal) {
        Objects.requireNonNull(argv, "argv");
        if (argv.length == 1 && argv[0].equals("--status")) {
            return status(env, adjust, out, err);
        }
        ImportArgs args;
        Settings settings;
        try {
            args = ImportArgs.parse(argv);
            if (args == null) {
                out.println(ImportArgs.USAGE);
                return OK;
            }
            if (!Files.isRegularFile(args.file()) || !Files.isReadable(args.file())) {
                throw new UsageException("cannot read " + args.file() + ": no such file");
            }
        } catch (UsageException e) {
            err.println(PREFIX + e.getMessage());
            err.println(PREFIX + "run with --help for the flags");
            return USAGE;
        }
        try {
            settings = adjust.apply(Settings.fromEnvironment(env));
        } catch (StartupException e) {
            err.println(PREFIX + "cannot start: " + e.getMessage());
            return USAGE;
        }
        ObjectMapper mapper = ExampleApp.objectMapper();
        RecordSource source = null;
        try {
            source = open(args, mapper);
            long size = Files.size(args.file());
            try (ImportTarget target = ImportTarget.open(settings, args.dryRun());
                 Writer rejects = rejectsFile(args.rejects())) {
                out.println("importing " + args.file() + " (" + args.format().name().toLowerCase(java.util.Locale.ROOT)
                        + ") into " + target.description() + (args.dryRun() ? "; dry run: nothing is written" : ""));
                target.note().ifPresent(n -> out.println("note: " + n));
                ImportProgress progress = new ImportProgress(out, terminal, size, source::bytesRead);
                ImportRun run = new ImportRun(source, rejects, progress, mapper);
                ImportSummary summary = target.auth().imports().importUsers(run,
                        ImportOptions.newBuilder().batchSize(args.batchSize()).dryRun(args.dryRun()).build(), run);
                run.finish();
                rejects.close();
                summarize(out, args, summary, run, source, target, progress.seconds());
                return run.rejected() == 0 ? OK : REJECTED;
            }
        } catch (UsageException e) {
            err.println(PREFIX + e.getMessage());
            deleteIfEmpty(args.rejects());
            return USAGE;
        } catch (StartupException e) {
            err.println(PREFIX + "cannot start: " + e.getMessage());
            return USAGE;
        } catch (UncheckedIOException | IOException e) {
            err.println(PREFIX + "stopped: " + e.getMessage() + " (" + AppDatabase.rootCause(e) + "); the records "
                    + "before are imported, and importing the file again resumes");
            return STOPPED;
        } catch (AuthException e) {
            err.println(PREFIX + "stopped: the database failed (" + AppDatabase.rootCause(e) + "); the batches "
                    + "before are imported, and importing the file again resumes");
            return STOPPED;
        } finally {
            closeQuietly(source);
        }
    }

    /** {@code import --status}: how many imported hashes still wait for their owner's first login, by format. */
    private static int status(Map<String, String> env, UnaryOperator<Settings> adjust, PrintStream out,
                              PrintStream err) {
        try (ImportTarget target = ImportTarget.open(adjust.apply(Settings.fromEnvironment(env)), false)) {
            printRemaining(out, target);
            StringBuilder formats = new StringBuilder();
            new java.util.TreeMap<>(target.auth().imports().passwordHashFormats()).forEach((format, n) -> formats
                    .append(formats.length() == 0 ? "" : ", ").append(format).append(' ').append(n));
            out.println("password hashes by format: " + (formats.length() == 0 ? "none" : formats));
            return OK;
        } catch (StartupException e) {
            err.println(PREFIX + "cannot start: " + e.getMessage());
            return USAGE;
        } catch (AuthException e) {
            err.println(PREFIX + "stopped: the database failed (" + AppDatabase.rootCause(e) + ")");
            return STOPPED;
        }
    }

    private static void printRemaining(PrintStream out, ImportTarget target) {
        out.printf(java.util.Locale.ROOT, "imported password hashes waiting for their owner's first login: %,d%n",
                target.auth().imports().legacyPasswordHashes());
    }

    private static RecordSource open(ImportArgs args, ObjectMapper mapper) throws IOException {
        return switch (args.format()) {
            case JSONL -> JsonLinesSource.open(args, mapper);
            case CSV -> CsvSource.open(args);
            case KEYCLOAK -> KeycloakSource.open(args, mapper);
        };
    }

    /** The rejects file, created owner-only (it holds contacts) or emptied. */
    private static Writer rejectsFile(Path path) {
        try {
            if (!Files.exists(path) && path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            return Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UsageException("cannot write the rejects file " + path + " (" + e.getClass().getSimpleName()
                    + "); name another with --rejects PATH");
        }
    }

    private static void summarize(PrintStream out, ImportArgs args, ImportSummary s, ImportRun run,
                                  RecordSource source, ImportTarget target, double seconds) throws IOException {
        long records = s.records() + run.unreadable();
        out.printf(java.util.Locale.ROOT, "%s %,d records in %.1f s: %,d %s, %,d already present, %,d rejected "
                        + "(%,d invalid, %,d conflicts)%n", args.dryRun() ? "checked" : "read", records, seconds,
                s.imported(), args.dryRun() ? "would be imported" : "imported", s.alreadyPresent(), run.rejected(),
                s.invalid() + run.unreadable(), s.conflicts());
        if (source instanceof KeycloakSource keycloak && keycloak.skipped() > 0) {
            out.printf(java.util.Locale.ROOT, "skipped %,d Keycloak service-account users%n", keycloak.skipped());
        }
        if (run.rejected() > 0) {
            out.println("rejected records: " + args.rejects() + " (record, line, status, field, reason and the "
                    + "original record with its password hash redacted)");
        } else {
            Files.deleteIfExists(args.rejects());
        }
        if (!args.dryRun()) {
            printRemaining(out, target);
        }
    }

    private static void deleteIfEmpty(Path file) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) == 0) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // left as it is
        }
    }

    private static void closeQuietly(RecordSource source) {
        if (source != null) {
            try {
                source.close();
            } catch (IOException e) {
                // nothing was left to read
            }
        }
    }
}
