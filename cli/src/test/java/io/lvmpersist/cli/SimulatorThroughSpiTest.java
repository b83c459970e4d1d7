package io.lvmpersist.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/architecture.md: the CLI reaches transports, the simulator included, only through the SPI
 * (transport-api's TransportProvider / Transports). Only the {@code sim} admin command (package
 * io.lvmpersist.cli.sim), which creates and inspects simulated SANs, may use transport-sim's classes.
 */
class SimulatorThroughSpiTest {
    private static final Path MAIN = Path.of("src/main/java/io/lvmpersist/cli");
    private static final Path SIM_COMMAND = MAIN.resolve("sim");

    @Test
    void onlyTheSimAdminCommandUsesTransportSimClasses() throws IOException {
        assertTrue(Files.isDirectory(SIM_COMMAND), "run from the cli module: " + MAIN.toAbsolutePath());
        List<String> offenders;
        try (Stream<Path> files = Files.walk(MAIN)) {
            offenders = files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(SIM_COMMAND))
                    .filter(SimulatorThroughSpiTest::namesTransportSim)
                    .map(Path::toString).sorted().toList();
        }
        assertEquals(List.of(), offenders, "use the SPI (Transports) instead of io.lvmpersist.transport.sim");
    }

    @Test
    void theCheckSeesTheSimAdminCommandsOwnUse() throws IOException {
        // Guards the scan itself: it must find the imports that are allowed, or it proves nothing.
        try (Stream<Path> files = Files.walk(SIM_COMMAND)) {
            assertTrue(files.filter(f -> f.toString().endsWith(".java"))
                    .anyMatch(SimulatorThroughSpiTest::namesTransportSim));
        }
    }

    // An import, or a fully qualified name in the code: both compile against transport-sim.
    private static boolean namesTransportSim(Path file) {
        try {
            return Files.readString(file).contains("io.lvmpersist.transport.sim.");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
