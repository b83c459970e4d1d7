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
 */
public record DeviceMatch(String path, String node, DeviceClass deviceClass, String identity, String provider) {
}
