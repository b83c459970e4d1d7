package io.lvmpersist.transport.sim;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Opening and creating the SAN's files so that nobody can redirect a write, also in a shared (group-writable or
 * sticky) directory: a symbolic link is never followed at a file's name ({@code O_NOFOLLOW}), only regular files
 * are used, and a new file is created exclusively ({@code O_CREAT|O_EXCL}, which never follows a link either),
 * private at first, then given the state file's mode (and owner and group where allowed) through the new file
 * itself, not through a name that could have been swapped for a link.
 */
final class SafeFiles {
    private SafeFiles() {
    }

    /** The mode, owner and group a new file of the SAN gets: those of its catalog. */
    record FileMode(Set<PosixFilePermission> permissions, UserPrincipal owner, GroupPrincipal group) {

        /** The mode of {@code file} (not following a link), or null when it does not exist or has no POSIX mode. */
        static FileMode of(Path file) throws IOException {
            if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return null;
            }
            try {
                PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                return new FileMode(a.permissions(), a.owner(), a.group());
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        /** The same mode for a directory: x wherever r, so that the users who may read the files may list them. */
        FileMode forDirectory() {
            Set<PosixFilePermission> dir = new HashSet<>(permissions);
            for (List<PosixFilePermission> rx : List.of(
                    List.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE),
                    List.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE),
                    List.of(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE))) {
                if (dir.contains(rx.get(0))) {
                    dir.add(rx.get(1));
                }
            }
            return new FileMode(dir, owner, group);
        }

        /**
         * Gives {@code file} (which this process just created) this mode: group and owner where the system
         * allows it (only root may give a file away; any owner may pass it to a group it is in), then the
         * permissions, last because a change of owner may clear set-id bits. Never follows a link.
         */
        void applyTo(Path file) throws IOException {
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            PosixFileAttributes now = view.readAttributes();
            if (!now.group().equals(group)) {
                try {
                    view.setGroup(group);
                } catch (FileSystemException e) {
                    // not a member of that group: the file keeps ours, its permissions still follow the catalog
                }
            }
            if (!now.owner().equals(owner)) {
                try {
                    view.setOwner(owner);
                } catch (FileSystemException e) {
                    // not root: the file stays ours
                }
            }
            view.setPermissions(permissions);
        }
    }

    /**
     * Opens the existing regular file {@code file} with {@code options}, never through a symbolic link.
     *
     * @throws NoSuchFileException when there is no such file
     * @throws FileSystemException naming the file when it is a link or not a regular file
     */
    static FileChannel open(Path file, OpenOption... options) throws IOException {
        requireRegularIfPresent(file);
        Set<OpenOption> set = new HashSet<>(List.of(options));
        set.add(LinkOption.NOFOLLOW_LINKS);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, set);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (FileSystemException e) {
            throw refusedIfLink(file, e);
        }
        return channel;
    }

    /**
     * Creates {@code file} exclusively and opens it with {@code options} (plus write). It is private (0600) until
     * it gets {@code mode}; with a null mode it gets the default permissions of new files (the umask's).
     *
     * @throws FileAlreadyExistsException when something (a file, a link) already has that name
     */
    static FileChannel createNew(Path file, FileMode mode, OpenOption... options) throws IOException {
        Set<OpenOption> set = new HashSet<>(List.of(options));
        set.add(StandardOpenOption.CREATE_NEW);
        set.add(StandardOpenOption.WRITE);
        set.add(LinkOption.NOFOLLOW_LINKS);
        FileAttribute<?>[] attributes = mode == null ? new FileAttribute<?>[0]
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))};
        FileChannel channel;
        try {
            channel = FileChannel.open(file, set, attributes);
        } catch (FileAlreadyExistsException e) {
            if (Files.isSymbolicLink(file)) {
                throw refusedLink(file);
            }
            throw e;
        }
        try {
            if (mode != null) {
                mode.applyTo(file);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /** Creates the directory {@code dir} with {@code mode} (null: the default), or checks the one there. */
    static void directory(Path dir, FileMode mode) throws IOException {
        try {
            Files.createDirectory(dir);
            if (mode != null) {
                mode.forDirectory().applyTo(dir);
            }
        } catch (FileAlreadyExistsException e) {
            requireDirectory(dir);
        }
    }

    /** Refuses a link or anything but a directory at {@code dir}; false when there is nothing. */
    static boolean requireDirectory(Path dir) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (a.isSymbolicLink()) {
            throw refusedLink(dir);
        }
        if (!a.isDirectory()) {
            throw new FileSystemException(dir.toString(), null, "is not a directory");
        }
        return true;
    }

    /** Refuses a link or a non-regular file (a FIFO would block a read, a device is not ours) at {@code file}. */
    private static void requireRegularIfPresent(Path file) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (a.isSymbolicLink()) {
            throw refusedLink(file);
        }
        if (!a.isRegularFile()) {
            throw new FileSystemException(file.toString(), null, "is not a regular file");
        }
    }

    // O_NOFOLLOW fails with ELOOP at a link, which Java words as a riddle: say what happened.
    private static IOException refusedIfLink(Path file, FileSystemException e) {
        return Files.isSymbolicLink(file) ? refusedLink(file) : e;
    }

    static FileSystemException refusedLink(Path file) {
        return new FileSystemException(file.toString(), null,
                "is a symbolic link; the simulator never reads or writes through links (remove it)");
    }
}
