package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.Failure;
import io.lvmpersist.transport.PrDevice;
import io.lvmpersist.transport.linux.BlockDevice;
import io.lvmpersist.transport.multipath.MultipathPrDevice;
import io.lvmpersist.transport.multipath.PathHandle;
import io.lvmpersist.transport.multipath.RegistrationHook;
import io.lvmpersist.transport.spi.DeviceMatch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a dm-multipath map as a {@link MultipathPrDevice}: every path in {@code slaves/} is opened
 * as its own SG_IO device (its own I_T nexus), and multipathd's prkeys file is kept up to date
 * when multipath.conf asks for it.
 */
final class MultipathMaps {

    /** Opens one path node; a failure is reported for that path only. */
    @FunctionalInterface
    interface PathOpener {
        PrDevice open(String node) throws DeviceException;
    }

    private MultipathMaps() {
    }

    /**
     * @param sysRoot sysfs root; multipath.conf and prkeys are looked up in its sibling {@code etc}
     *                ({@code /etc} for {@code /sys}), so tests can use fixture trees
     */
    static MultipathPrDevice open(DeviceMatch match, Path sysRoot, PathOpener opener) throws DeviceException {
        BlockDevice map = map(match, sysRoot);
        List<PathHandle> paths = new ArrayList<>();
        for (String slave : map.slaves()) {
            String node = "/dev/" + slave;
            try {
                paths.add(PathHandle.open(node, opener.open(node)));
            } catch (DeviceException e) {
                paths.add(PathHandle.failed(node, e.failure()));
            }
        }
        if (paths.isEmpty()) {
            throw new DeviceException(match.path(), "multipath map " + match.path() + " has no paths (slaves/ is empty)",
                    new Failure.DeviceError("no paths", ""));
        }
        String uuid = map.attribute("dm/uuid").orElse("");
        String wwid = uuid.startsWith("mpath-") ? uuid.substring("mpath-".length()) : uuid;
        Path etc = sysRoot.toAbsolutePath().resolveSibling("etc");
        boolean configured = MultipathConfig.usesPrkeysFile(etc);
        RegistrationHook hook = configured ? new PrkeysFile(etc.resolve("multipath/prkeys"), wwid) : RegistrationHook.NONE;
        MultipathPrDevice device = new MultipathPrDevice(match.path(), paths, hook);
        if (!configured) {
            device.notice(MultipathConfig.NOT_CONFIGURED);
        }
        return device;
    }

    private static BlockDevice map(DeviceMatch match, Path sysRoot) throws DeviceException {
        String[] number = match.identity().split(":");
        try {
            return BlockDevice.ofNumber(Integer.parseInt(number[0]), Integer.parseInt(number[1]), sysRoot)
                    .orElseThrow(() -> new IOException("no sysfs entry for " + match.identity()));
        } catch (IOException | RuntimeException e) {
            throw new DeviceException(match.path(), "cannot find the paths of multipath map " + match.path() + ": "
                    + e.getMessage(), new Failure.DeviceError(e.getMessage(), ""));
        }
    }
}
