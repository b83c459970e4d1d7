package io.lvmpersist.cli.logging;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider of a normal run: warnings and errors reach stderr like logback's, nothing below does. */
class WarningsProviderTest {

    @Test
    void warningsAndErrorsAreFormattedAsLogbackWouldAndLowerLevelsAreOff() {
        Logger log = new WarningsProvider().getLoggerFactory().getLogger("x");
        assertFalse(log.isInfoEnabled());
        assertFalse(log.isDebugEnabled());
        assertTrue(log.isWarnEnabled());
        String err = capturingStderr(() -> {
            log.info("not shown {}", 1);
            log.debug("not shown");
            log.warn("skipping {} of {}", "a", 2);
            log.error("broken");
        });
        assertEquals("  lvmpersist: WARN  skipping a of 2\n  lvmpersist: ERROR broken\n", err);
    }

    @Test
    void oneLoggerPerName() {
        WarningsProvider provider = new WarningsProvider();
        assertTrue(provider.getLoggerFactory().getLogger("a") == provider.getLoggerFactory().getLogger("a"));
        assertEquals("b", provider.getLoggerFactory().getLogger("b").getName());
        assertEquals("  lvmpersist: INFO  m", WarningsLogger.line(Level.INFO, "m"));
    }

    @Test
    void aLoggedPathCannotForgeALineOrReachTheTerminal() {
        assertEquals("  lvmpersist: WARN  skipping /dev/sdb\\n  lvmpersist: ok\\x1b[2J",
                WarningsLogger.line(Level.WARN, "skipping /dev/sdb\n  lvmpersist: ok\u001b[2J"));
    }

    private static String capturingStderr(Runnable r) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(saved);
        }
        return buffer.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
