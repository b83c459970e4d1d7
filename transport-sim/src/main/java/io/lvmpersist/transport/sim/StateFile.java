package io.lvmpersist.transport.sim;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The catalog file of a file-backed SAN, locked against threads and processes and replaced atomically (it is also
 * read without the lock). The LUs' files are {@link LunFile}s.
 *
 * <p>The lock has two levels: this JVM's lock for the file (threads of one process queue here, because
 * {@link FileChannel#lock} would throw {@code OverlappingFileLockException} for a second lock in the same JVM),
 * then an exclusive {@code FileLock} on the sidecar {@code <file>.lock} (other processes queue here; the sidecar
 * is never renamed, so the lock stays valid). A new version is written to {@code <file>.tmp} and renamed over the
 * file, so a reader never sees a half-written file, even without the lock.
 */
final class StateFile {
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path path;
    private final Path lockPath;
    private final Path tempPath;
    private final ReentrantLock jvmLock;

    /** {@code path} must be canonical (real directory), so that every name of one file shares one JVM lock. */
    StateFile(Path path) {
        this.path = path;
        this.lockPath = path.resolveSibling(path.getFileName() + ".lock");
        this.tempPath = path.resolveSibling(path.getFileName() + ".tmp");
        this.jvmLock = jvmLock(path);
    }

    /** This JVM's lock for the file at the canonical {@code path} (the catalog or an LU's file). */
    static ReentrantLock jvmLock(Path path) {
        return JVM_LOCKS.computeIfAbsent(path, p -> new ReentrantLock());
    }

    Path path() {
        return path;
    }

    /** Takes both levels of the lock; closing the result releases them. */
    Held lock() throws IOException {
        jvmLock.lock();
        try {
            FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                channel.lock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return new Held(channel);
        } catch (IOException | RuntimeException e) {
            jvmLock.unlock();
            throw e;
        }
    }

    /** The file's text, or null when it does not exist. */
    String read() throws IOException {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Atomically replaces the file's content; call with the lock held. */
    void replace(String text, Set<PosixFilePermission> permissions) throws IOException {
        Files.writeString(tempPath, text, StandardCharsets.UTF_8);
        if (permissions != null) {
            Files.setPosixFilePermissions(tempPath, permissions);
        }
        Files.move(tempPath, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The file's POSIX permissions, or null when it does not exist or the file system has none. */
    Set<PosixFilePermission> permissions() throws IOException {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return null;
        }
        try {
            return Files.getPosixFilePermissions(path);
        } catch (NoSuchFileException e) {
            return null;
        }
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
                jvmLock.unlock();
            }
        }
    }
}
