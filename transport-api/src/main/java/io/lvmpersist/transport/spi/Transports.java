package io.lvmpersist.transport.spi;

import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Chooses the transport for each device.
 *
 * <p>With a simulator binding in the context, only simulated providers are asked; without one, only
 * real providers. There is no fallback from one set to the other: a device nobody claims is an error
 * that names it.
 */
public final class Transports {
    private static final Logger LOG = LoggerFactory.getLogger(Transports.class);

    private final List<TransportProvider> providers;
    private final TransportContext context;
    private final List<TransportProvider> eligible;

    public Transports(List<TransportProvider> providers, TransportContext context) {
        this.providers = List.copyOf(providers);
        this.context = context;
        boolean sim = context.simulator().isPresent();
        List<TransportProvider> chosen = new ArrayList<>();
        for (TransportProvider provider : this.providers) {
            if (provider.simulated() == sim) {
                chosen.add(provider);
            }
        }
        this.eligible = List.copyOf(chosen);   // asked for every device and every open: computed once
    }

    /** Loads every provider on the class path; a broken provider is logged and skipped. */
    public static Transports load(TransportContext context) {
        List<TransportProvider> found = new ArrayList<>();
        var iterator = ServiceLoader.load(TransportProvider.class).iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                found.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                LOG.warn("skipping a transport provider that failed to load: {}", e.getMessage());
            }
        }
        return new Transports(found, context);
    }

    public TransportContext context() {
        return context;
    }

    public List<TransportProvider> providers() {
        return providers;
    }

    /** The providers eligible under this context (simulated ones only when the simulator was chosen). */
    public List<TransportProvider> eligible() {
        return eligible;
    }

    /**
     * Finds the provider for {@code path}.
     *
     * @throws DeviceException "device type not supported for PATH" when no provider claims it,
     *                         or the claiming provider's own error (missing device, permissions)
     */
    public DeviceMatch match(String path) throws DeviceException {
        for (TransportProvider provider : eligible()) {
            Optional<DeviceMatch> match = provider.match(path, context);
            if (match.isPresent()) {
                LOG.debug("{}: handled by transport {} as {} ({})", path, provider.name(),
                        match.get().deviceClass(), match.get().node());
                return match.get();
            }
        }
        if (context.simulator().isEmpty() && !Files.exists(Path.of(path))) {
            throw new DeviceException(path, "device " + path + " does not exist: check the path",
                    new Failure.DeviceError("no such device", "ENOENT"));
        }
        String hint = context.simulator().isPresent()
                ? " (not a device of the simulated SAN " + context.simulator().get().stateFile() + ")"
                : " (not a SCSI disk, dm-multipath map or NVMe namespace)";
        throw new DeviceException(path, "device type not supported for " + path + "." + hint,
                new Failure.NotSupported(Failure.Unsupported.DEVICE, "no transport claims " + path, ""));
    }

    /**
     * The PV paths of {@code vg} from the first eligible provider that defines it (the simulator), or empty:
     * then the VG is LVM's to resolve.
     */
    public Optional<List<String>> volumeGroupMembers(String vg) throws DeviceException {
        for (TransportProvider provider : eligible()) {
            Optional<List<String>> members = provider.volumeGroupMembers(vg, context);
            if (members.isPresent()) {
                return members;
            }
        }
        return Optional.empty();
    }

    /** Opens a matched device with the provider that matched it. */
    public PrDevice open(DeviceMatch match) throws DeviceException {
        for (TransportProvider provider : eligible()) {
            if (provider.name().equals(match.provider())) {
                return provider.open(match, context);
            }
        }
        throw new DeviceException(match.path(), new Failure.DeviceError(
                "transport " + match.provider() + " is not available", ""));
    }
}
