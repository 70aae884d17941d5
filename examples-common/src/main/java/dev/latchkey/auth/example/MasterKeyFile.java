package dev.latchkey.auth.example;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The master key generated once into {@code AUTH_DATA_DIR} when {@code AUTH_MASTER_KEY} is not set.
 *
 * <p>The file holds 32 random bytes in base64 and is created owner-only ({@code rw-------}) where the file system has
 * POSIX permissions. Convenient for one instance on one machine; production sets {@code AUTH_MASTER_KEY}, the same on
 * every instance.
 */
public final class MasterKeyFile {
    /** The file's name inside the data directory. */
    public static final String FILE_NAME = "master-key.base64";

    private static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private MasterKeyFile() {
    }

    /** The key in {@code dataDir}, generating and storing it first if there is none. */
    public static byte[] loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        DataDirectory.create(dataDir);
        if (!Files.exists(file)) {
            byte[] key = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(key);
            try {
                write(file, Base64.getEncoder().encodeToString(key) + "\n");
                return key;
            } catch (FileAlreadyExistsException e) {
                // another instance created it meanwhile: read theirs
            } catch (IOException e) {
                throw new StartupException("AUTH_DATA_DIR: cannot write the generated master key to " + file + " ("
                        + e.getClass().getSimpleName() + "); set AUTH_MASTER_KEY instead", e);
            }
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new StartupException("AUTH_DATA_DIR: cannot read the master key file " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        return Settings.decodeMasterKey("AUTH_DATA_DIR: the master key file " + file, text);
    }

    private static void write(Path file, String content) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path created = Files.createFile(file, attributes);
        if (!posix) {
            java.io.File f = created.toFile();
            f.setReadable(false, false);
            f.setWritable(false, false);
            f.setReadable(true, true);
            f.setWritable(true, true);
        }
        Files.writeString(created, content, StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** {@code AUTH_PREVIOUS_MASTER_KEYS}: comma-separated base64 master keys that only verify and decrypt. */
    static List<byte[]> previousKeys(Map<String, String> env) {
        String raw = Settings.value(env, "AUTH_PREVIOUS_MASTER_KEYS");
        if (raw == null) {
            return List.of();
        }
        List<byte[]> keys = new ArrayList<>();
        String[] parts = raw.split(",");
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isBlank()) {
                keys.add(Settings.decodeMasterKey("AUTH_PREVIOUS_MASTER_KEYS (key " + (i + 1) + ")", parts[i]));
            }
        }
        return List.copyOf(keys);
    }
}
