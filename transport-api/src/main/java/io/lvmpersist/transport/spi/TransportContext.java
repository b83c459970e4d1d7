package io.lvmpersist.transport.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything a provider may depend on, passed in instead of read from globals, so tests can
 * point providers at fixture trees.
 *
 * @param sysRoot   root of sysfs ({@code /sys} normally)
 * @param timeout   per-command timeout
 * @param simulator present only when the user explicitly asked for the simulated SAN
 */
public record TransportContext(Path sysRoot, Duration timeout, Optional<SimulatorBinding> simulator) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** The real system: {@code /sys}, default timeout, no simulator. */
    public static TransportContext system() {
        return new TransportContext(Path.of("/sys"), DEFAULT_TIMEOUT, Optional.empty());
    }

    public TransportContext withTimeout(Duration newTimeout) {
        return new TransportContext(sysRoot, newTimeout, simulator);
    }

    public TransportContext withSimulator(SimulatorBinding binding) {
        return new TransportContext(sysRoot, timeout, Optional.of(binding));
    }

    /**
     * The simulated SAN chosen by the user: a state file shared by processes, and which host this process is.
     */
    public record SimulatorBinding(Path stateFile, String host) {
    }
}
