package io.lvmpersist.cli;

/** A command-line mistake: printed as one line, exit {@link ExitCode#USAGE}, nothing done. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
