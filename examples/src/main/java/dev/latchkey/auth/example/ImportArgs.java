package dev.latchkey.auth.example;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The arguments of {@code auth-example.jar import}: the input file and its flags, checked. A bad one throws
 * {@link UsageException}, which the command answers with exit status 2.
 *
 * @param file       the input file
 * @param format     how it is written
 * @param columns    the record field each mapped field is read from: field name to column (CSV) or key (JSON Lines)
 * @param profile    profile fields read from columns or keys of their own: profile key to column or key
 * @param dryRun     whether to check everything and write nothing
 * @param rejects    where the rejected records go
 * @param batchSize  records per batch
 */
record ImportArgs(Path file, Format format, Map<String, String> columns, Map<String, String> profile, boolean dryRun,
                  Path rejects, int batchSize) {
    /** The fields of a record that {@code --column} may map. */
    static final List<String> FIELDS = List.of("external_id", "email", "email_verified", "phone", "phone_verified",
            "password_hash", "profile", "roles", "created_at");

    static final String USAGE = String.join("\n",
            "usage: java -jar auth-example.jar import [flags] FILE",
            "       java -jar auth-example.jar import --status   (imported hashes still waiting, hashes by format)",
            "  --format jsonl|csv|keycloak  how FILE is written (default: csv for a .csv file, else jsonl)",
            "  --column FIELD=NAME          read FIELD from the CSV column or JSON key NAME (repeatable); FIELD is one of",
            "                               " + String.join(", ", FIELDS),
            "  --profile KEY=NAME           the profile field KEY from the column or key NAME (repeatable)",
            "  --dry-run                    check and match every record, write nothing",
            "  --rejects PATH               where rejected records go (default: FILE.rejects.jsonl)",
            "  --batch-size N               records per batch, 1 to 1000 (default 500)",
            "  --help                       this text",
            "Settings are the app's AUTH_* environment variables. Exit status: 0 every record imported or already",
            "present, 1 some rejected (the others imported), 2 usage error, 3 stopped before the end.");

    /** The input formats. */
    enum Format {
        /** One JSON object per line. */
        JSONL,
        /** Comma-separated values with a header row. */
        CSV,
        /** A Keycloak realm export ({@code kc.sh export}): its {@code users} array. */
        KEYCLOAK
    }

    /** A bad argument: unknown flag, missing value or file, bad format name. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Reads the arguments (after {@code import}); null for {@code --help}.
     *
     * @throws UsageException naming the bad argument
     */
    static ImportArgs parse(String[] args) {
        Format format = null;
        Map<String, String> columns = new LinkedHashMap<>();
        Map<String, String> profile = new LinkedHashMap<>();
        boolean dryRun = false;
        Path rejects = null;
        int batchSize = 500;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = flag.equals(arg) ? null : arg.substring(arg.indexOf('=') + 1);
            switch (flag) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--dry-run" -> {
                    if (inline != null) {
                        throw new UsageException("--dry-run takes no value");
                    }
                    dryRun = true;
                }
                case "--format", "--column", "--profile", "--rejects", "--batch-size" -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(flag + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (flag) {
                        case "--format" -> format = format(value);
                        case "--column" -> mapping(flag, value, columns, true);
                        case "--profile" -> mapping(flag, value, profile, false);
                        case "--rejects" -> rejects = path(value);
                        default -> batchSize = batchSize(value);
                    }
                }
                default -> {
                    if (arg.startsWith("-") && !arg.equals("-")) {
                        throw new UsageException("unknown flag " + arg);
                    }
                    if (file != null) {
                        throw new UsageException("one input file only (got " + file + " and " + arg + ")");
                    }
                    file = path(arg);
                }
            }
        }
        if (file == null) {
            throw new UsageException("no input file");
        }
        if (format == null) {
            format = file.getFileName() != null
                    && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? Format.CSV : Format.JSONL;
        }
        if (format == Format.KEYCLOAK && (!columns.isEmpty() || !profile.isEmpty())) {
            throw new UsageException("--column and --profile do not apply to --format keycloak");
        }
        if (format == Format.CSV && columns.get("profile") != null) {
            throw new UsageException("--column profile=... needs JSON Lines (a JSON object); use --profile KEY=COLUMN "
                    + "for CSV");
        }
        if (rejects == null) {
            rejects = file.resolveSibling(file.getFileName() + ".rejects.jsonl");
        }
        if (rejects.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            throw new UsageException("--rejects must not be the input file");
        }
        return new ImportArgs(file, format, Map.copyOf(columns), Map.copyOf(profile), dryRun, rejects, batchSize);
    }

    /** The column or key {@code field} is read from: its mapping, else the field's own name. */
    String source(String field) {
        return columns.getOrDefault(field, field);
    }

    private static Format format(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "jsonl", "ndjson", "json-lines" -> Format.JSONL;
            case "csv" -> Format.CSV;
            case "keycloak" -> Format.KEYCLOAK;
            default -> throw new UsageException("--format must be jsonl, csv or keycloak; got '" + value + "'");
        };
    }

    private static void mapping(String flag, String value, Map<String, String> into, boolean fieldsOnly) {
        int eq = value.indexOf('=');
        if (eq <= 0 || eq == value.length() - 1) {
            throw new UsageException(flag + " takes NAME=SOURCE, for example " + flag + " email=user_email; got '"
                    + value + "'");
        }
        String name = value.substring(0, eq).strip();
        String source = value.substring(eq + 1).strip();
        if (fieldsOnly && !FIELDS.contains(name)) {
            throw new UsageException("--column names a field: one of " + String.join(", ", FIELDS) + "; got '" + name
                    + "'");
        }
        if (into.put(name, source) != null) {
            throw new UsageException(flag + " " + name + " is given twice");
        }
    }

    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException("not a file path: " + value);
        }
    }

    private static int batchSize(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("--batch-size must be a number from 1 to 1000; got '" + value + "'");
    }
}
