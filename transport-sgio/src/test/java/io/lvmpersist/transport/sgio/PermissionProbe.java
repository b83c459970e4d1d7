package io.lvmpersist.transport.sgio;

import io.lvmpersist.transport.DeviceClass;
import io.lvmpersist.transport.DeviceException;
import io.lvmpersist.transport.spi.DeviceMatch;
import io.lvmpersist.transport.spi.TransportContext;

/**
 * Run in a child JVM as an unprivileged user by {@link NativeSgIoTest}: opens the device given as
 * argument through the provider and prints what a user would see.
 */
public final class PermissionProbe {
    private PermissionProbe() {
    }

    public static void main(String[] args) {
        String node = args[0];
        var provider = new SgIoTransportProvider();
        var match = new DeviceMatch(node, node, DeviceClass.SCSI, "0:0", provider.name());
        try (var device = provider.open(match, TransportContext.system())) {
            System.out.println("OPENED " + device.readKeys());
        } catch (DeviceException e) {
            System.out.println("DeviceException[" + e.device() + "] " + e.getMessage() + " | " + e.failure().raw());
        }
    }
}
