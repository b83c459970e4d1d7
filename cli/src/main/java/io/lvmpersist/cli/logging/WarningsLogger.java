package io.lvmpersist.cli.logging;

import io.lvmpersist.cli.output.Printable;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

import java.io.PrintStream;
import java.io.Serial;

/** WARN and ERROR to stderr as {@code "  lvmpersist: WARN  message"} (logback's pattern); lower levels are off. */
final class WarningsLogger extends LegacyAbstractLogger {
    @Serial
    private static final long serialVersionUID = 1L;

    WarningsLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return false;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        PrintStream err = System.err;
        synchronized (err) {
            err.println(line(level, message));
            if (throwable != null) {
                throwable.printStackTrace(err);
            }
        }
    }

    static String line(Level level, String message) {
        return String.format("  lvmpersist: %-5s %s", level, Printable.escapeControls(message));
    }
}
