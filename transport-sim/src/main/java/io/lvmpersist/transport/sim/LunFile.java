package io.lvmpersist.transport.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One LU's file of a file-backed SAN ({@code STATE.luns/NAME}). Unlike the catalog ({@link StateFile}), an LU file
 * is only ever read and written with its lock held, so it is locked and rewritten in place: a PR command opens the
 * file once, locks it, reads it, writes it back when it changed, and closes it. No temporary file, no rename, no
 * {@code chmod}, no sidecar.
 *
 * <p>The lock is taken through this process's {@link FileLockGate} (threads queue there; see it for why there is
 * one gate for all files), then as an exclusive {@code FileLock} on the file itself (other processes queue here).
 * The file is never renamed or replaced while the SAN is in use, so that lock stays valid. Nothing else in this
 * JVM may open an LU file while it is locked: POSIX drops a process's lock on a file when any of its descriptors
 * for that file is closed. The file is never opened through a symbolic link, and a new one is created
 * exclusively with the catalog's mode ({@link SafeFiles}).
 *
 * <p>Every state of the file a process can leave behind is a valid file: a shorter new text is first written over
 * the old one padded with spaces to the old length (one {@code write} of less than a page; a line of spaces is
 * ignored by the parser), then the file is truncated. An empty file counts as missing (a whole-SAN transaction that
 * died between creating an LU's file and writing it; the catalog, written last, does not name that LU yet).
 */
final class LunFile {
    private final Path path;

    LunFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** Opens and locks the existing file; null when there is no such file. Closing the result unlocks it. */
    Locked lock() throws IOException {
        return lock(false, null);
    }

    /**
     * Opens and locks the file, creating it (empty, with {@code mode} when not null) if it does not exist.
     * For a new LU, while the catalog's lock is held and before the catalog names it.
     */
    Locked lockOrCreate(SafeFiles.FileMode mode) throws IOException {
        return lock(true, mode);
    }

    private Locked lock(boolean create, SafeFiles.FileMode mode) throws IOException {
        FileLockGate.enter();
        try {
            FileChannel channel = open(create, mode);
            if (channel == null) {
                FileLockGate.leave();
                return null;
            }
            try {
                channel.lock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return new Locked(channel);
        } catch (IOException | RuntimeException e) {
            FileLockGate.leave();
            throw e;
        }
    }

    private FileChannel open(boolean create, SafeFiles.FileMode mode) throws IOException {
        try {
            return SafeFiles.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            if (!create) {
                return null;
            }
        }
        try {
            return SafeFiles.createNew(path, mode, StandardOpenOption.READ);
        } catch (FileAlreadyExistsException raced) {
            return SafeFiles.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
    }

    /** The open, locked file. */
    final class Locked implements java.io.Closeable {
        private final FileChannel channel;
        private long size = -1;

        private Locked(FileChannel channel) {
            this.channel = channel;
        }

        /** The whole text; empty for an empty file. */
        String read() throws IOException {
            byte[] bytes = new byte[2048];
            int length = 0;
            while (true) {
                int n = channel.read(ByteBuffer.wrap(bytes, length, bytes.length - length), length);
                if (n < 0) {
                    break;
                }
                length += n;
                if (length < bytes.length) {
                    break;   // a regular file reads short only at its end: one read for a usual LU file
                }
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            size = length;
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }

        /** Replaces the text in place (see the class comment for why every intermediate state parses). */
        void write(String text) throws IOException {
            long old = size >= 0 ? size : channel.size();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            byte[] out = bytes;
            if (bytes.length < old) {
                out = Arrays.copyOf(bytes, (int) old);
                Arrays.fill(out, bytes.length, out.length, (byte) ' ');
            }
            ByteBuffer buffer = ByteBuffer.wrap(out);
            long position = 0;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            if (out.length > bytes.length) {
                channel.truncate(bytes.length);
            }
            size = bytes.length;
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();   // releases the file lock
            } finally {
                FileLockGate.leave();
            }
        }
    }
}
