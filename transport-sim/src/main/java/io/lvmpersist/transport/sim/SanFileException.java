package io.lvmpersist.transport.sim;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A file-backed SAN's files cannot be used: one cannot be read or written, is not a simulator state file, is
 * corrupt, or is a symbolic link or other non-regular file where a state file belongs. The message is one line
 * that names the file and never quotes the content of a file that is not a state file. To a command it is a
 * device problem (the simulated SAN is its device), like any {@link UncheckedIOException}; the message of
 * {@link #getCause()} is the same line.
 */
public final class SanFileException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    SanFileException(String message) {
        super(message, new IOException(message));
    }

    SanFileException(String message, Throwable cause) {
        super(message, new IOException(message, cause));
    }
}
