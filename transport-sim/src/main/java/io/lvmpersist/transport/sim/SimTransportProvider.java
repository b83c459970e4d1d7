package io.lvmpersist.transport.sim;

import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.spi.DeviceMatch;
import io.lvmpersist.transport.spi.TransportContext;
import io.lvmpersist.transport.spi.TransportProvider;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The "sim" transport: claims device paths bound in the simulated SAN the user chose (the context's
 * {@link TransportContext.SimulatorBinding}) and opens them as that binding's host.
 */
public final class SimTransportProvider implements TransportProvider {
    public static final String NAME = "sim";
    private static final String IDENTITY_PREFIX = "sim:";

    /** One SimSan per state file for this provider's life (one command): opening resolves and reads the file. */
    private final ConcurrentHashMap<Path, SimSan> sans = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public Optional<DeviceMatch> match(String path, TransportContext context) throws DeviceException {
        if (context.simulator().isEmpty()) {
            return Optional.empty();
        }
        TransportContext.SimulatorBinding binding = context.simulator().get();
        try {
            return san(binding).binding(path)
                    .map(lu -> new DeviceMatch(path, path, lu.getValue(), IDENTITY_PREFIX + lu.getKey(), NAME,
                            lu.getKey()));   // the LU id is the same on every simulated host
        } catch (UncheckedIOException | IllegalStateException e) {
            throw unusable(path, binding, e);
        }
    }

    @Override
    public PrDevice open(DeviceMatch match, TransportContext context) throws DeviceException {
        TransportContext.SimulatorBinding binding = context.simulator().orElseThrow(() -> new DeviceException(
                match.path(), "the simulated SAN was not chosen", new Failure.DeviceError("no simulator", "")));
        if (!match.identity().startsWith(IDENTITY_PREFIX)) {
            throw new DeviceException(match.path(), match.path() + " was not matched as a simulated device",
                    new Failure.DeviceError("not simulated", match.identity()));
        }
        try {
            // The LU match() found in this command is named by the identity: opening needs no second look at the
            // catalog (a command opens every device once per phase).
            return san(binding).device(match.identity().substring(IDENTITY_PREFIX.length()),
                    match.deviceClass(), match.path(), binding.host());
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw unusable(match.path(), binding, e);
        }
    }

    /** The simulated SAN's own volume groups (sim create-vg): LVM knows nothing of them. */
    @Override
    public Optional<List<String>> volumeGroupMembers(String vg, TransportContext context) throws DeviceException {
        if (context.simulator().isEmpty()) {
            return Optional.empty();
        }
        TransportContext.SimulatorBinding binding = context.simulator().get();
        try {
            return san(binding).volumeGroup(vg);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw unusable(vg, binding, e);
        }
    }

    private SimSan san(TransportContext.SimulatorBinding binding) {
        return sans.computeIfAbsent(binding.stateFile(), SimSan::open);
    }

    private static DeviceException unusable(String path, TransportContext.SimulatorBinding binding,
                                            RuntimeException e) {
        // A SanFileException names the file and what is wrong with it already (and quotes nothing of a file
        // that is not a state file).
        String message = e instanceof SanFileException ? e.getMessage()
                : "cannot use simulated SAN " + binding.stateFile() + ": " + e.getMessage();
        return new DeviceException(path, message, e);
    }
}
