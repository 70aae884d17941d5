package dev.latchkey.auth.example;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code AUTH_DATA_DIR}, kept owner-only where the file system has POSIX permissions: the directory is created
 * {@code rwx------}, and the app's own files in it (the H2 database {@code latchkey.*} and the generated master key)
 * are set to {@code rw-------} at every start, since H2 creates its files with the process's umask (often
 * world-readable). A directory that already exists is left as it is, with a warning when others may enter it.
 */
public final class DataDirectory {
    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    /** The name every file of the default H2 database starts with ({@code jdbc:h2:file:$AUTH_DATA_DIR/latchkey}). */
    static final String DATABASE_NAME = "latchkey";

    private DataDirectory() {
    }

    /** Creates {@code dir} (and missing parents) owner-only unless it exists; {@link StartupException} if it cannot. */
    public static void create(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                warnIfShared(dir);
                return;
            }
            Files.createDirectories(dir.getParent() == null ? dir : dir.getParent());
            if (isPosix(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            } else {
                Files.createDirectory(dir);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // another instance created it meanwhile
        } catch (IOException e) {
            throw new StartupException("AUTH_DATA_DIR: cannot create the directory " + dir + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Makes the app's own files in {@code dir} owner-only ({@code rw-------}); others' files are not touched. */
    public static void restrictFiles(Path dir) {
        if (!isPosix(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, DataDirectory::isOurs)) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(file, OWNER_FILE);
                }
            }
        } catch (IOException e) {
            throw new StartupException("AUTH_DATA_DIR: cannot make the files in " + dir + " owner-only ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static boolean isOurs(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(DATABASE_NAME + ".") || name.equals(MasterKeyFile.FILE_NAME);
    }

    private static void warnIfShared(Path dir) throws IOException {
        if (isPosix(dir)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                log.warn("AUTH_DATA_DIR {} is {}: other users may read the database there; chmod 700 it", dir,
                        PosixFilePermissions.toString(permissions));
            }
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
