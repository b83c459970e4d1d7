package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.ReservationKey;
import io.lvmpersist.transport.multipath.RegistrationHook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * multipathd's prkeys file ({@code /etc/multipath/prkeys}), kept in the format multipathd reads:
 * a comment header, then one line {@code 0x<16 hex digits> <wwid>} per map ({@code 0X...} when
 * APTPL was requested). A removed key is commented out with '#', as multipathd does.
 *
 * <p>An update locks the file (a whole-file fcntl lock, the lock multipathd takes too), checks that the name still
 * names the file it locked (an update by another lvmpersist may have replaced it meanwhile: then it starts over),
 * writes the new text to a temporary file created exclusively in the same directory, gives it the old file's mode,
 * owner and group, {@code fsync}s it and renames it over the old one: a crash or a full disk leaves the old file or
 * the new one, never a truncated one. A symbolic link at the file's name is refused, never written through. The
 * threads of this process update one after another ({@code FileChannel.lock} refuses a second lock on a file in
 * one JVM).
 */
final class PrkeysFile implements RegistrationHook {
    static final String HEADER = """
            # Multipath persistent reservation keys, Version : 1.0
            # NOTE: this file is automatically maintained by the multipathd program.
            # You should not need to edit this file in normal circumstances.
            #
            # Format:
            # prkey wwid
            #
            """;

    private static final ReentrantLock JVM_LOCK = new ReentrantLock();
    private static final int MAX_ATTEMPTS = 20;
    private static final Set<PosixFilePermission> NEW_FILE_MODE =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Path file;
    private final String wwid;

    PrkeysFile(Path file, String wwid) {
        this.file = file;
        this.wwid = wwid;
    }

    static String line(ReservationKey key, boolean aptpl, String wwid) {
        String hex = String.format(Locale.ROOT, "%016x", key.value());
        return (aptpl ? "0X" : "0x") + hex + " " + wwid;
    }

    @Override
    public Optional<String> registered(ReservationKey key, boolean persistThroughPowerLoss) {
        return update(line(key, persistThroughPowerLoss, wwid));
    }

    @Override
    public Optional<String> unregistered(ReservationKey key) {
        return update(null);
    }

    /** Replaces this map's line with {@code newLine}, or comments it out when {@code newLine} is null. */
    private Optional<String> update(String newLine) {
        JVM_LOCK.lock();
        try {
            Files.createDirectories(file.getParent());
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                if (updateLocked(newLine)) {
                    return Optional.empty();
                }
            }
            throw new IOException("the file was replaced " + MAX_ATTEMPTS + " times while waiting for its lock");
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot update " + file + " for multipathd (map " + wwid + "): " + e.getMessage()
                    + "; paths that come back later will not be registered");
        } finally {
            JVM_LOCK.unlock();
        }
    }

    /** One try: false when the file was replaced while we waited for its lock (so the lock is on an old file). */
    private boolean updateLocked(String newLine) throws IOException {
        BasicFileAttributes before = existingFile();
        if (before == null) {
            try {
                // multipathd creates it 0600 too; the empty file is what the next try locks.
                Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(NEW_FILE_MODE)).close();
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: lock theirs
            }
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            channel.lock();   // released by close
            BasicFileAttributes locked = existingFile();
            if (locked == null || !before.fileKey().equals(locked.fileKey())) {
                return false;
            }
            String text = read(channel);
            String updated = apply(text, newLine);
            if (!updated.equals(text)) {
                replace(updated);
            }
            return true;
        }
    }

    /** The file's attributes, null when it does not exist; refuses a link or anything but a regular file. */
    private BasicFileAttributes existingFile() throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (a.isSymbolicLink()) {
            throw new FileSystemException(file.toString(), null, "is a symbolic link; lvmpersist never writes "
                    + "through one (replace it with the file itself)");
        }
        if (!a.isRegularFile()) {
            throw new FileSystemException(file.toString(), null, "is not a regular file");
        }
        return a;
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // read the whole file
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    /** Writes {@code text} to a new temporary file, gives it the old file's mode and owner, renames it over. */
    private void replace(String text) throws IOException {
        PosixFileAttributes old = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");   // O_EXCL, 0600
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            try {
                view.setGroup(old.group());
            } catch (FileSystemException e) {
                // not a member of that group: the new file keeps ours; its mode still follows the old file
            }
            try {
                view.setOwner(old.owner());
            } catch (FileSystemException e) {
                // not root: the new file stays ours
            }
            view.setPermissions(old.permissions());   // last: a change of owner may clear set-id bits
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(file.getParent());
    }

    // The rename is durable only once the directory is: fsync it too (best effort; not every file system can).
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // the new file is complete either way; after a crash the old one may come back
        }
    }

    /** The file's new text: header kept (added when empty), our line replaced or commented out. */
    String apply(String text, String newLine) {
        List<String> lines = new ArrayList<>(text.isEmpty() ? HEADER.lines().toList() : text.lines().toList());
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.startsWith("#") && l.endsWith(" " + wwid)) {
                lines.set(i, newLine != null ? newLine : "#" + l.substring(1));
                found = true;
            }
        }
        if (!found && newLine != null) {
            lines.add(newLine);
        }
        return String.join("\n", lines) + "\n";
    }
}
