package io.lvmpersist.transport.spi;

import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.PrDevice;

import java.util.List;
import java.util.Optional;

/**
 * A transport plugin, found through {@link java.util.ServiceLoader}.
 *
 * <p>Constructors must be trivial (no native linking, no I/O): the loader instantiates every provider.
 * {@link #match} looks at the device (sysfs, not the path string) and claims it or not;
 * {@link #open} opens a claimed device.
 */
public interface TransportProvider {

    /** Unique short name: "sgio", "nvme", "sim". */
    String name();

    /**
     * True for providers that must only be used when the user explicitly chose the simulator;
     * {@link Transports} never falls back to such a provider by itself.
     */
    default boolean simulated() {
        return false;
    }

    /**
     * Claims the device at {@code path} when this provider can drive it.
     *
     * @return empty when the device is not this provider's kind
     * @throws DeviceException when the device is this provider's kind but cannot be used (e.g. missing)
     */
    Optional<DeviceMatch> match(String path, TransportContext context) throws DeviceException;

    /** Opens a device previously matched by this provider. */
    PrDevice open(DeviceMatch match, TransportContext context) throws DeviceException;

    /**
     * The PV paths of volume group {@code vg}, in the VG's order, for providers that define volume groups
     * themselves (the simulator: its VGs exist nowhere else). Real transports leave VGs to LVM.
     *
     * @return empty when this provider does not know {@code vg}
     * @throws DeviceException when the provider's own records cannot be read
     */
    default Optional<List<String>> volumeGroupMembers(String vg, TransportContext context) throws DeviceException {
        return Optional.empty();
    }
}
