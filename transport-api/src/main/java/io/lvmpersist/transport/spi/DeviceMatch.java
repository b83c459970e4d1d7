package io.lvmpersist.transport.spi;

import io.lvmpersist.transport.DeviceClass;

/**
 * A provider's claim on a device path.
 *
 * @param path        the path as the user gave it
 * @param node        the device node to open (symlinks resolved, a partition replaced by its whole disk)
 * @param deviceClass SCSI, multipath or NVMe
 * @param identity    a stable identity of the LU/namespace as this host reaches it (e.g. "8:16" for a
 *                    block device, a simulator LU id): two paths with the same identity are the same device
 * @param provider    the name of the provider that matched
 * @param sharedId    the device's name as every host sees it (SCSI WWID, NVMe NGUID/EUI/UUID, the simulator's
 *                    LU id), or "" when the device reports none. Hosts that race for a VG order its devices by
 *                    this, so it must not depend on local paths or device numbers.
 */
public record DeviceMatch(String path, String node, DeviceClass deviceClass, String identity, String provider,
                          String sharedId) {

    public DeviceMatch {
        sharedId = sharedId == null ? "" : sharedId;
    }

    /** A claim without a shared identity (the device is ordered after those that have one). */
    public DeviceMatch(String path, String node, DeviceClass deviceClass, String identity, String provider) {
        this(path, node, deviceClass, identity, provider, "");
    }
}
