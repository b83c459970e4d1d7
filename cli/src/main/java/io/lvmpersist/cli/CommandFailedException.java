package io.lvmpersist.cli;

import java.util.List;

/** A failure that ends a command before any device was changed; carries its exit code. */
public final class CommandFailedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;
    private final transient List<String> lines; // never serialized: the exception ends the command in-process

    /** One message line; a newline inside it (from a path, say) is part of the text, not a second line. */
    public CommandFailedException(int exitCode, String message) {
        this(exitCode, List.of(message));
    }

    /** One message line per problem, e.g. one per device that cannot be used. */
    public CommandFailedException(int exitCode, List<String> lines) {
        super(String.join("\n", lines), null, false, false);
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
    }

    public int exitCode() {
        return exitCode;
    }

    /** The message lines, each printed on a line of its own. */
    public List<String> lines() {
        return lines;
    }
}
