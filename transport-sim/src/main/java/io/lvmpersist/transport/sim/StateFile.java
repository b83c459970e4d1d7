package io.lvmpersist.transport.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The catalog file of a file-backed SAN, locked against threads and processes and replaced atomically (it is also
 * read without the lock). The LUs' files are {@link LunFile}s.
 *
 * <p>The lock is taken through this process's {@link FileLockGate} (threads queue there; see it for why there is
 * one gate for all files), then as an exclusive {@code FileLock} on the sidecar {@code <file>.lock} (other
 * processes queue there; the sidecar is never renamed, so the lock stays valid). A new version is written to
 * {@code <file>.tmp} and renamed over the file, so a reader never sees a half-written file, even without the lock.
 * None of the three names is ever followed if it is a symbolic link, and the sidecar and the temporary file are
 * created exclusively with the catalog's mode ({@link SafeFiles}).
 */
final class StateFile {
    /** Bigger than any catalog a test or a user makes; a bigger file is not read into memory. */
    private static final long MAX_SIZE = 64L << 20;

    private final Path path;
    private final Path lockPath;
    private final Path tempPath;

    /** {@code path} must be canonical (real directory), so that messages name one file one way. */
    StateFile(Path path) {
        this.path = path;
        this.lockPath = path.resolveSibling(path.getFileName() + ".lock");
        this.tempPath = path.resolveSibling(path.getFileName() + ".tmp");
    }

    Path path() {
        return path;
    }

    /** Takes both levels of the lock; closing the result releases them. */
    Held lock() throws IOException {
        FileLockGate.enter();
        try {
            FileChannel channel = openLockFile();
            try {
                channel.lock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return new Held(channel);
        } catch (IOException | RuntimeException e) {
            FileLockGate.leave();
            throw e;
        }
    }

    private FileChannel openLockFile() throws IOException {
        try {
            return SafeFiles.open(lockPath, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            try {
                return SafeFiles.createNew(lockPath, mode());
            } catch (FileAlreadyExistsException raced) {
                return SafeFiles.open(lockPath, StandardOpenOption.WRITE);   // another process created it first
            }
        }
    }

    /**
     * The file's text, or null when it does not exist.
     *
     * @throws java.nio.file.FileSystemException when it is a link, not a regular file, or too big to be a catalog
     */
    String read() throws IOException {
        try (FileChannel channel = SafeFiles.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > MAX_SIZE) {
                throw new java.nio.file.FileSystemException(path.toString(), null,
                        "is too big (" + size + " bytes) to be a simulated SAN state file");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read the whole file
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Atomically replaces the file's content, with {@code mode} (null: the default for new files); call with the
     * lock held. A temporary file left by a process that died is removed first; a link at its name is refused.
     */
    void replace(String text, SafeFiles.FileMode mode) throws IOException {
        FileChannel temp = createTemp(mode);
        try (FileChannel channel = temp) {
            ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tempPath);
            throw e;
        }
        // rename(2) replaces the name itself: a link there would be replaced, never written through.
        Files.move(tempPath, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private FileChannel createTemp(SafeFiles.FileMode mode) throws IOException {
        try {
            return SafeFiles.createNew(tempPath, mode);
        } catch (FileAlreadyExistsException stale) {
            // Only a lock holder writes it, and we hold the lock: a dead writer's leftover (deleting a name
            // never follows a link, and createNew refused a link at it already).
            Files.delete(tempPath);
            return SafeFiles.createNew(tempPath, mode);
        }
    }

    /** The file's mode, owner and group, or null when it does not exist or the file system has none. */
    SafeFiles.FileMode mode() throws IOException {
        return SafeFiles.FileMode.of(path);
    }

    /** A held lock. Closing the channel releases the file lock, also when the work threw. */
    final class Held implements java.io.Closeable {
        private final FileChannel channel;

        private Held(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                FileLockGate.leave();
            }
        }
    }
}
