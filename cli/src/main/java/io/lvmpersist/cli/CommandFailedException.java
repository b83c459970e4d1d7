package io.lvmpersist.cli;

/** A failure that ends a command before any device was changed; carries its exit code. */
public final class CommandFailedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public CommandFailedException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
