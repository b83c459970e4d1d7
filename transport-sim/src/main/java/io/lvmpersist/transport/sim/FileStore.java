package io.lvmpersist.transport.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A SAN kept in a text file that several processes share.
 *
 * <p>One transaction: take this JVM's lock for the file (threads; {@link FileChannel#lock} alone would throw
 * {@code OverlappingFileLockException} for a second thread), then an exclusive {@code FileLock} on the sidecar
 * {@code <file>.lock} (other processes), read and parse the file, apply the work, write the result to
 * {@code <file>.tmp} and rename it over the file atomically, unlock. Readers therefore never see a half-written
 * file, and no update is lost. Nothing is written when the work changed nothing.
 */
final class FileStore implements SanStore {
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final Path lockFile;
    private final Path tempFile;
    private final ReentrantLock jvmLock;

    FileStore(Path stateFile) {
        this.file = canonical(stateFile);
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
        this.tempFile = file.resolveSibling(file.getFileName() + ".tmp");
        this.jvmLock = JVM_LOCKS.computeIfAbsent(file, p -> new ReentrantLock());
    }

    @Override
    public <T> T transact(Function<SanState, T> work) {
        jvmLock.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            // Closing the channel releases the lock, also when the work throws.
            channel.lock();
            String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
            SanState state = before == null ? new SanState() : parse(before);
            T result = work.apply(state);
            String after = SanStateCodec.write(state);
            if (!after.equals(before)) {
                Files.writeString(tempFile, after, StandardCharsets.UTF_8);
                keepPermissions(before != null);
                Files.move(tempFile, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("simulated SAN " + file + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    // A SAN shared by several users (e.g. a group-writable file) must stay shared after the rename.
    private void keepPermissions(boolean fileExists) throws IOException {
        if (fileExists && Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(tempFile, Files.getPosixFilePermissions(file));
        }
    }

    // One JVM lock per file even when it is named through different paths (relative, symlinked directory).
    private static Path canonical(Path stateFile) {
        Path absolute = stateFile.toAbsolutePath().normalize();
        Path name = absolute.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("not a file name: " + stateFile);
        }
        try {
            return absolute.getParent().toRealPath().resolve(name);
        } catch (IOException e) {
            throw new UncheckedIOException("simulated SAN " + stateFile + ": directory "
                    + absolute.getParent() + " does not exist or is not accessible", e);
        }
    }

    private SanState parse(String text) {
        try {
            return SanStateCodec.read(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("simulated SAN state file " + file + " is corrupt: " + e.getMessage(), e);
        }
    }

    @Override
    public String location() {
        return file.toString();
    }
}
